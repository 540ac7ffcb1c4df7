import { describe, expect, it } from 'vitest';
import { runLua } from '../src/index.js';
import { FAST, fakeHost } from './host.js';

const run = (code: string, limits = FAST) => runLua(code, fakeHost(), limits);

describe('CPU limit', () => {
  it('stops while true do end within its limit', async () => {
    const r = await run('while true do end');
    expect(r.error).toEqual({ kind: 'cpu_limit', message: 'CPU limit of 300 ms exceeded' });
    expect(r.durationMs).toBeLessThan(1000);
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
    const r = await run(code);
    expect(r.error?.kind).toBe('cpu_limit');
    expect(r.durationMs).toBeLessThan(1500);
  });

  it('leaves the next run working', async () => {
    await run('while true do end');
    expect((await run('return 1')).result).toBe(1);
  });

  it('does not count time spent awaiting the host', async () => {
    const host = fakeHost(() => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 400)));
    const r = await runLua('return app.integrations.slow.call({}).ok', host, FAST);
    expect(r).toMatchObject({ ok: true, result: true });
  });
});

describe('wall-clock limit', () => {
  it('ends a run whose host call outlasts wallMs', async () => {
    const host = fakeHost(() => new Promise((resolve) => setTimeout(resolve, 5000)));
    const r = await runLua('app.integrations.slow.call({})', host, { cpuMs: 300, wallMs: 200 });
    expect(r.error).toEqual({ kind: 'wall_limit', message: 'wall-clock limit of 200 ms exceeded' });
    expect(r.durationMs).toBeLessThan(1000);
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
  it('rejects a non-positive limit with the field named', async () => {
    await expect(runLua('return 1', fakeHost(), { cpuMs: 0 })).rejects.toThrow('LuaLimits.cpuMs must be a positive number of ms, got 0');
  });
});
