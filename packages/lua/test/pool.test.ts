import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LuaPool } from '../src/index.js';
import { fakeHost } from './host.js';

const pool = new LuaPool({ size: 2 });
const nest = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { x: v };
  return v;
};
afterAll(() => pool.close());

describe('LuaPool', () => {
  it('runs a script in a worker', async () => {
    const r = await pool.run('print("hi") return 1 + 1', fakeHost());
    expect(r).toMatchObject({ ok: true, output: 'hi\n', result: 2, error: null });
  });

  it('starts its workers in a script run as ES module code (node --input-type module -e), whose option a worker file refuses', () => {
    const built = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;
    const script = `
      import { LuaPool } from ${JSON.stringify(built)};
      const pool = new LuaPool({ size: 1 });
      const result = await pool.run('print("hi") return 1 + 1', {});
      await pool.close();
      console.log(JSON.stringify({ ok: result.ok, output: result.output, result: result.result, error: result.error }));`;
    for (const option of [['--input-type=module'], ['--input-type', 'module']]) {
      const printed = execFileSync(process.execPath, [...option, '-e', script], { encoding: 'utf8' });
      expect(JSON.parse(printed)).toEqual({ ok: true, output: 'hi\n', result: 2, error: null });
    }
  });

  it('forwards integration calls to the main thread and returns their results', async () => {
    const host = fakeHost((call) => ({ data: { id: 'msg_1', path: call.path } }));
    const r = await pool.run('local r = app.integrations.telnyx.work.send_sms{ to = "+1" } return r.data.id, r.data.path', host);
    expect(r.result).toEqual(['msg_1', 'telnyx.work.send_sms']);
    expect(host.calls).toEqual([{ path: 'telnyx.work.send_sms', args: [{ to: '+1' }] }]);
  });

  it('forwards rejected calls as catchable Lua errors', async () => {
    const host = fakeHost(() => Promise.reject(new Error('telnyx 422: invalid "to"')));
    const r = await pool.run('local ok, e = pcall(function() local r = app.integrations.telnyx.send_sms{} return r end) return ok, e', host);
    expect(r.result).toEqual([false, 'script:1: telnyx 422: invalid "to"']);
  });

  it('forwards docs calls', async () => {
    const docs = { list: () => 'all', search: (q: string) => `found ${q}`, read: (p: string) => `# ${p}` };
    const r = await pool.run('return docs.list(), lua_search_docs("sms"), docs.read("telnyx")', { integration: async () => ({}), docs });
    expect(r.result).toEqual(['all', 'found sms', '# telnyx']);
  });

  it('drops functions from a host result', async () => {
    const r = await pool.run('local r = app.integrations.x.f{} return r.n, r.fn', fakeHost(() => ({ n: 1, fn: () => 1 })));
    expect(r.result).toEqual([1, null]);
  });

  it('keeps a BigInt next to a function in a host result (structured clone and JSON both refused it, killing the host)', async () => {
    const r = await pool.run('local r = app.integrations.x.f{} return r.big, math.type(r.big), r.fn == nil', fakeHost(() => ({ fn: () => 1, big: 10n })));
    expect(r.result).toEqual([10, 'integer', true]);
  });

  it('turns a response nested 4,500 levels deep into a Lua error the script catches, and the next script runs', async () => {
    const host = fakeHost(() => nest(4500));
    const r = await pool.run('local ok, e = pcall(function() local r = app.integrations.x.f{} return r end) return ok, e', host);
    expect(r.result).toEqual([false, 'script:1: app.integrations.x.f: the response is nested deeper than 200 levels']);
    expect((await pool.run('return "alive"', fakeHost())).result).toBe('alive');
  });

  it('turns a response that contains itself into a Lua error', async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const r = await pool.run('local ok, e = pcall(function() local r = app.integrations.x.f{} return r end) return ok, e', fakeHost(() => cyclic));
    expect(r.result).toEqual([false, 'script:1: app.integrations.x.f: the response contains itself']);
  });

  it('enforces the CPU limit inside the worker', async () => {
    const r = await pool.run('while true do end', fakeHost(), { cpuMs: 300, wallMs: 600_000 });
    expect(r.error?.kind).toBe('cpu_limit');
  });

  // The pattern would run for years: that this test ends at all shows the kill.
  it('kills a script stuck in a pathological string.find and runs the next script fine', async () => {
    const r = await pool.run('return string.find(("a"):rep(3000), ".-.-.-.-b$")', fakeHost(), { cpuMs: 300, wallMs: 600_000 });
    expect(r.error?.kind).toBe('killed');
    expect(r.error?.message).toMatch(/past its CPU limit of 300 ms plus 1000 ms of grace/);
    const next = await pool.run('return "alive"', fakeHost());
    expect(next.result).toBe('alive');
  });

  it('keeps what a script printed before it was stopped by a limit, in the worker or by a kill', async () => {
    const tripped = await pool.run('print("before") while true do end', fakeHost(), { cpuMs: 300, wallMs: 600_000 });
    expect(tripped).toMatchObject({ output: 'before\n', error: { kind: 'cpu_limit' } });
    const killed = await pool.run('print("before") dump({a = 1}) return string.find(("a"):rep(3000), ".-.-.-.-b$")', fakeHost(), { cpuMs: 300, wallMs: 600_000 });
    expect(killed).toMatchObject({ output: 'before\n{\n  "a": 1\n}\n', error: { kind: 'killed' } });
  });

  it('passes output to host.output as the script writes it', async () => {
    const seen: string[] = [];
    const r = await pool.run('print("one") print("two")', { ...fakeHost(), output: (text) => seen.push(text) });
    expect(seen).toEqual(['one\n', 'two\n']);
    expect(r.output).toBe('one\ntwo\n');
  });

  it('does not count time spent waiting for the host against the watchdog', async () => {
    const host = fakeHost(() => new Promise((resolve) => setTimeout(() => resolve({ ok: true }), 500)));
    const own = new LuaPool({ size: 1, graceMs: 100 });
    const r = await own.run('return app.integrations.slow.f{}.ok', host, { cpuMs: 200 });
    await own.close();
    expect(r.result).toBe(true);
  });

  it('does not charge worker start-up to the script: a fresh pool of 4 runs return 1 on a 100 ms budget', async () => {
    const own = new LuaPool({ size: 4, graceMs: 50 });
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => own.run('return 1', fakeHost(), { cpuMs: 100 })));
      expect(results.map((r) => [r.error, r.result])).toEqual(Array.from({ length: 4 }, () => [null, 1]));
    } finally {
      await own.close();
    }
  });

  it('runs more scripts than workers by queueing them', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.run(`return ${i}`, fakeHost())));
    expect(results.map((r) => r.result)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('ends queued and running scripts with killed when closed', async () => {
    const own = new LuaPool({ size: 1 });
    let reached!: () => void;
    const loopReached = new Promise<void>((resolve) => (reached = resolve));
    const host = fakeHost(() => reached());
    const running = own.run('app.integrations.x.f{} while true do end', host, { cpuMs: 60_000, wallMs: 120_000 });
    const queued = own.run('return 1', fakeHost());
    await loopReached;
    await own.close();
    expect((await running).error?.kind).toBe('killed');
    expect((await queued).error?.kind).toBe('killed');
    await expect(own.run('return 1', fakeHost())).rejects.toThrow('LuaPool is closed');
  });
});

describe('errors name the script and carry a traceback', () => {
  const local = new LuaPool({ size: 1 });
  afterAll(() => local.close());
  const code = 'local function inner(t)\n  return t.a.b\nend\nlocal function outer()\n  local v = inner({})\n  return v\nend\nouter()\n';

  it('names the script by the name given, with its line, and the call stack through the script', async () => {
    const r = await local.run(code, fakeHost(), {}, { name: 'jobs/report.lua' });
    expect(r.error).toEqual({
      kind: 'runtime',
      message: "jobs/report.lua:2: attempt to index a nil value (field 'a')",
      traceback: "stack traceback:\n\tjobs/report.lua:2: in upvalue 'inner'\n\tjobs/report.lua:5: in local 'outer'\n\tjobs/report.lua:8: in main chunk",
    });
  });

  it('leaves the prelude out of the traceback of a failed host call', async () => {
    const host = fakeHost(() => Promise.reject(new Error('refused')));
    const r = await local.run('local function send()\n  local r = app.integrations.p.f({})\n  return r\nend\nsend()\n', host);
    expect(r.error?.message).toBe('script:2: refused');
    expect(r.error?.traceback).toBe("stack traceback:\n\tscript:2: in local 'send'\n\tscript:5: in main chunk");
  });

  it('calls the script "script" when no name is given, and puts a name on one line', async () => {
    expect((await local.run('error("x")', fakeHost())).error?.message).toBe('script:1: x');
    expect((await local.run('error("x")', fakeHost(), {}, { name: 'a\nb.lua' })).error?.message).toBe('a b.lua:1: x');
  });
});
