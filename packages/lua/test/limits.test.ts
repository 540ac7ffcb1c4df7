import { describe, expect, it } from 'vitest';
import { bridgeFor } from '../src/bridge.js';
import { describeLimit, LuaLimitError, LuaPool, MIN_MEMORY_BYTES, runLua } from '../src/index.js';
import { runScript } from '../src/run.js';
import { validateLimits } from '../src/limits.js';
import type { LuaLimits } from '../src/types.js';
import { SteppingClock } from './clock.js';
import { FAST, fakeHost } from './host.js';

const limits = (given: Partial<LuaLimits>) => validateLimits(given);

const run = (code: string, limits = FAST) => runLua(code, fakeHost(), limits);

describe('CPU limit', () => {
  // The real clock: that the run ends at all is the behaviour (the loop never would).
  it('stops while true do end with the real CPU clock', async () => {
    const r = await run('while true do end');
    expect(r.error).toEqual({ kind: 'cpu_limit', message: 'CPU limit of 300 ms exceeded' });
  });

  it('stops while true do end once the CPU budget is spent', async () => {
    const clock = new SteppingClock();
    const r = await runScript('while true do end', bridgeFor(fakeHost()), limits({ cpuMs: 300 }), clock);
    expect(r.error).toEqual({ kind: 'cpu_limit', message: 'CPU limit of 300 ms exceeded' });
    expect(clock.cpuMs).toBeGreaterThanOrEqual(300);
  });

  it.each([
    ['a pcall loop', 'while true do pcall(function() while true do end end) end'],
    ['nested pcalls', 'while true do pcall(pcall, function() while true do end end) end'],
    ['an xpcall handler that loops', 'xpcall(function() error("x") end, function() while true do end end)'],
    ['an xpcall loop that swallows errors', 'while true do xpcall(function() while true do end end, function(e) return e end) end'],
    ['a coroutine loop', 'while true do coroutine.resume(coroutine.create(function() while true do end end)) end'],
    ['coroutine.wrap', 'coroutine.wrap(function() while true do end end)()'],
    ['a table.sort comparator', 'local t = {} for i = 1, 100 do t[i] = i end while true do pcall(table.sort, t, function(a, b) while true do end end) end'],
    ['a string.gsub callback', 'while true do pcall(string.gsub, "aaa", "a", function() while true do end end) end'],
  ])('survives %s', async (_name, code) => {
    const r = await runScript(code, bridgeFor(fakeHost()), limits({ cpuMs: 300 }), new SteppingClock());
    expect(r.error).toEqual({ kind: 'cpu_limit', message: 'CPU limit of 300 ms exceeded' });
  });

  it('leaves the next run working', async () => {
    await run('while true do end');
    expect((await run('return 1')).result).toBe(1);
  });

  it('charges CPU time, not wall time: a thread the OS deschedules keeps its budget', async () => {
    // Wall time runs 5x faster than CPU time; about 800 steps of work fit in 1000 ms of CPU but not of wall.
    const clock = new SteppingClock(5, 1);
    const r = await runScript('local n = 0 for i = 1, 2e5 do n = n + 1 end return n', bridgeFor(fakeHost()), limits({ cpuMs: 1000 }), clock);
    expect(r).toMatchObject({ ok: true, result: 200_000 });
    expect(clock.wallMs).toBeGreaterThan(1000);
  });

  it('does not count time spent awaiting the host', async () => {
    const clock = new SteppingClock();
    const host = fakeHost(async () => {
      await Promise.resolve(); // the script has yielded: this wait is the host's
      clock.wait(10_000);
      return { ok: true };
    });
    const r = await runScript('return app.integrations.slow.call({}).ok', bridgeFor(host), limits({ cpuMs: 300 }), clock);
    expect(r).toMatchObject({ ok: true, result: true });
  });
});

describe('wall-clock limit', () => {
  it('ends a run whose host call outlasts wallMs', async () => {
    const clock = new SteppingClock();
    const host = fakeHost(() => {
      queueMicrotask(() => clock.wait(200));
      return new Promise(() => undefined); // never answers
    });
    const r = await runScript('app.integrations.slow.call({})', bridgeFor(host), limits({ cpuMs: 300, wallMs: 200 }), clock);
    expect(r.error).toEqual({ kind: 'wall_limit', message: 'wall-clock limit of 200 ms exceeded' });
  });

  it('ends a computing run at wallMs even with CPU budget left', async () => {
    const r = await runScript('while true do end', bridgeFor(fakeHost()), limits({ cpuMs: 10_000, wallMs: 200 }), new SteppingClock(10, 1));
    expect(r.error).toEqual({ kind: 'wall_limit', message: 'wall-clock limit of 200 ms exceeded' });
  });
});

describe('memory limit', () => {
  it('ends a table-filling loop with memory_limit', async () => {
    const r = await run('local t = {} for i = 1, 1e9 do t[i] = i end');
    expect(r.error).toEqual({ kind: 'memory_limit', message: 'not enough memory' });
  });

  it('ends string.rep("x", 1e9) with memory_limit', async () => {
    const r = await run('return string.rep("x", 1e9)');
    expect(r.error?.kind).toBe('memory_limit');
  });

  it('leaves the next run working', async () => {
    await run('local t = {} for i = 1, 1e9 do t[i] = i end');
    expect((await run('local t = {} for i = 1, 1000 do t[i] = i end return #t')).result).toBe(1000);
  });

  it('honours a smaller memoryBytes', async () => {
    const r = await runLua('return #string.rep("x", 2 * 1024 * 1024)', fakeHost(), { memoryBytes: 1024 * 1024 });
    expect(r.error?.kind).toBe('memory_limit');
  });
});

describe('output limit', () => {
  it('truncates print output at outputBytes and says so', async () => {
    const r = await runLua('for i = 1, 100 do print(string.rep("x", 10)) end', fakeHost(), { outputBytes: 50 });
    expect(r.ok).toBe(true);
    expect(r.output).toBe(`${'xxxxxxxxxx\n'.repeat(4)}xxxxxx\n[output truncated at 50 bytes]\n`);
  });
});

describe('limit validation', () => {
  it.each([
    ['cpuMs', 0],
    ['cpuMs', -1],
    ['cpuMs', Infinity],
    ['cpuMs', Number.NaN],
    ['cpuMs', 2 ** 31],
    ['wallMs', 1e10],
    ['memoryBytes', 1],
    ['memoryBytes', MIN_MEMORY_BYTES - 1],
    ['memoryBytes', 300_000.5],
    ['memoryBytes', 4 * 1024 ** 3],
    ['outputBytes', 0],
  ] as [keyof LuaLimits, number][])('rejects %s = %s with a LuaLimitError naming the option', async (option, value) => {
    const failure = runLua('return 1', fakeHost(), { [option]: value }).then(() => undefined, (err: unknown) => err);
    const err = await failure;
    expect(err).toBeInstanceOf(LuaLimitError);
    expect(err).toMatchObject({ option, value, message: `LuaLimits.${option} must be ${describeLimit(option)}, got ${String(value)}` });
  });

  it('says what it expects in words', () => {
    expect(describeLimit('memoryBytes')).toBe('a whole number of bytes from 262144 to 1073741824');
    expect(describeLimit('cpuMs')).toBe('a positive number of ms, at most 2147483647');
  });

  it('rejects a bad limit through the pool too, before any worker runs it', async () => {
    const pool = new LuaPool({ size: 1 });
    try {
      await expect(pool.run('return 1', fakeHost(), { cpuMs: Infinity })).rejects.toBeInstanceOf(LuaLimitError);
    } finally {
      await pool.close();
    }
  });

  it('runs a script at the smallest memory limit it accepts', async () => {
    expect((await runLua('return #string.rep("x", 1000)', fakeHost(), { memoryBytes: MIN_MEMORY_BYTES })).result).toBe(1000);
  });
});
