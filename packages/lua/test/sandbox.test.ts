import { describe, expect, it } from 'vitest';
import { runLua } from '../src/index.js';
import { fakeHost } from './host.js';

const run = (code: string) => runLua(code, fakeHost());

describe('sandbox', () => {
  it('has no io library', async () => {
    const r = await run('return io.open("/etc/passwd")');
    expect(r.error).toMatchObject({ kind: 'runtime', message: "script:1: attempt to index a nil value (global 'io')" });
  });

  it('has no os.execute, and calling it neither works nor kills the process', async () => {
    const r = await run('os.execute("echo pwned")');
    expect(r.error?.message).toBe("script:1: attempt to call a nil value (field 'execute')");
    expect((await run('return 1')).result).toBe(1);
  });

  it('keeps only time, clock, date and difftime in os', async () => {
    const r = await run('local k = {} for name in pairs(os) do k[#k + 1] = name end table.sort(k) return k');
    expect(r.result).toEqual(['clock', 'date', 'difftime', 'time']);
  });

  it('has no require, package, debug, dofile, loadfile, collectgarbage or string.dump', async () => {
    const r = await run('return require, package, debug, dofile, loadfile, collectgarbage, string.dump');
    expect(r.result).toEqual([null, null, null, null, null, null, null]);
    expect((await run('require("os")')).error?.message).toBe("script:1: attempt to call a nil value (global 'require')");
  });

  it('refuses to load a binary chunk', async () => {
    const r = await run('return load("\\27Lua\\84\\0")');
    expect(r.result).toEqual([null, 'attempt to load a binary chunk (mode is \'t\')']);
  });

  it('refuses a script that is itself a binary chunk', async () => {
    const r = await run('\x1bLua\x54\x00');
    expect(r.ok).toBe(false);
    expect(r.error?.message).toContain("attempt to load a binary chunk (mode is 't')");
  });

  it('still loads text chunks, with and without an environment', async () => {
    const r = await run('return load("return 1 + 1")(), load("return x", "c", "t", { x = 5 })()');
    expect(r.result).toEqual([2, 5]);
  });

  it('refuses __gc metamethods, which would run outside the limits', async () => {
    const r = await run('setmetatable({}, { __gc = function() while true do end end })');
    expect(r.error?.message).toBe('script:1: __gc metamethods are not available in the sandbox');
  });

  it('names the chunk "script" in error positions', async () => {
    const r = await run('local a = 1\nlocal b = 2\nerror("custom failure")');
    expect(r.error).toEqual({ kind: 'runtime', message: 'script:3: custom failure', traceback: "stack traceback:\n\t[C]: in function 'error'\n\tscript:3: in main chunk" });
  });

  it('reports syntax errors with kind syntax', async () => {
    const r = await run('local x = = 1');
    expect(r.error).toEqual({ kind: 'syntax', message: "script:1: unexpected symbol near '='" });
  });

  it('reports a table error value as JSON', async () => {
    const r = await run('error({ code = 42 })');
    expect(r.error).toMatchObject({ kind: 'runtime', message: '{"code":42}' });
  });

  it('rejects a stray top-level coroutine.yield', async () => {
    const r = await run('coroutine.yield(1)');
    expect(r.error).toEqual({ kind: 'runtime', message: 'attempt to yield from outside a coroutine' });
  });

  it('does not leak globals from one run into the next', async () => {
    await run('leaked = 42');
    expect((await run('return leaked')).result).toBeNull();
  });
});
