/**
 * One test per wasmoon 1.16.0 defect from the lua-runtime note (section 7). If a wasmoon upgrade
 * or a change in the host layer brings one back, the matching test fails.
 */
import { describe, expect, it } from 'vitest';
import { runLua } from '../src/index.js';
import { FAST, fakeHost } from './host.js';

describe('wasmoon defects stay fixed', () => {
  it('proxies are off: a class instance from the bridge cannot reach constructor.constructor', async () => {
    class Secret {
      token = 'abc';
      method(): string {
        return 'x';
      }
    }
    const host = fakeHost(() => ({ obj: new Secret(), url: new URL('https://example.com/a') }));
    const code = `
      local r = app.integrations.x.f{}
      local ok = pcall(function() return r.obj.constructor.constructor("return process.pid")() end)
      return ok, r.obj.token, r.obj.method == nil, type(r.url)`;
    expect((await runLua(code, host)).result).toEqual([false, 'abc', true, 'string']);
  });

  it('the CPU limit survives pcall, xpcall handlers and coroutines (built-in timeout did not)', async () => {
    const code = `
      while true do
        pcall(function() while true do end end)
        xpcall(function() error("x") end, function() while true do end end)
        coroutine.wrap(function() while true do end end)()
      end`;
    expect((await runLua(code, fakeHost(), FAST)).error?.kind).toBe('cpu_limit');
  });

  it('JSON null inside arrays and objects does not crash (was a TypeError on .then)', async () => {
    const r = await runLua('local r = app.integrations.x.f{} return r.list[2] == json.null, r.obj.k == nil',
      fakeHost(() => ({ list: [1, null], obj: { k: null } })));
    expect(r.result).toEqual([true, true]);
  });

  it('30-deep data round-trips and 300-deep fails cleanly without poisoning later runs (was wasm memory corruption)', async () => {
    const nest = (d: number): unknown => (d === 0 ? 1 : [nest(d - 1)]);
    const ok = await runLua(`return json.decode('${JSON.stringify(nest(30))}')`, fakeHost());
    expect(ok.result).toEqual(nest(30));
    const bad = await runLua(`return json.decode('${JSON.stringify(nest(300))}')`, fakeHost());
    expect(bad.error?.message).toBe('script:1: json.decode: value is nested deeper than 200 levels');
    for (let i = 0; i < 5; i++) expect((await runLua('return {1, {2}}', fakeHost())).result).toEqual([1, [2]]);
  });

  it('os.execute is nil and does not kill the process (emscripten system() crashed Node)', async () => {
    const r = await runLua('local ok, e = pcall(function() return os.execute("ls") end) return ok, e', fakeHost());
    expect(r.result).toEqual([false, "script:1: attempt to call a nil value (field 'execute')"]);
  });

  it('a memory bomb ends with memory_limit and the next run works', async () => {
    expect((await runLua('local t = {} for i = 1, 1e9 do t[i] = i end', fakeHost())).error?.kind).toBe('memory_limit');
    expect((await runLua('return string.rep("x", 1e9)', fakeHost())).error?.kind).toBe('memory_limit');
    expect((await runLua('return #string.rep("x", 1000)', fakeHost())).result).toBe(1000);
  });

  it('100 sequential runs returning values do not hit "memory access out of bounds" (#109)', async () => {
    for (let i = 0; i < 100; i++) {
      const r = await runLua(`return ${i}, {n = ${i}}, "s${i}"`, fakeHost());
      expect(r.result).toEqual([i, { n: i }, `s${i}`]);
    }
  });

  it('errors carry our chunk name, script:N:, not the source text', async () => {
    expect((await runLua('\n\nlocal x = nil + 1', fakeHost())).error?.message).toBe('script:3: attempt to perform arithmetic on a nil value');
  });

  it('1e20 from JS stays a float instead of wrapping to an int64', async () => {
    expect((await runLua('local r = app.integrations.x.f{} return math.type(r.n), r.n > 1e19', fakeHost(() => ({ n: 1e20 })))).result).toEqual(['float', true]);
  });

  it('strings with NUL are not truncated in either direction', async () => {
    const host = fakeHost((call) => call.args[0]);
    expect((await runLua('return app.integrations.x.echo("a\\0b")', host)).result).toBe('a\u0000b');
  });
});
