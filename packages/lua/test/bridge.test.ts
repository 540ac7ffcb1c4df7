import { describe, expect, it } from 'vitest';
import { runLua } from '../src/index.js';
import { fakeHost } from './host.js';

const sms = () => ({ data: { id: 'msg_1', status: 'queued', to: '+15550001234' } });

describe('app.integrations bridge', () => {
  it('returns a table whose fields are readable', async () => {
    const host = fakeHost(sms);
    const r = await runLua('local r = app.integrations.telnyx.send_sms({ to = "+1555", text = "hi" })\nprint(r.data.id)\nreturn type(r), r.data.status', host);
    expect(r).toMatchObject({ ok: true, output: 'msg_1\n', result: ['table', 'queued'] });
  });

  it('passes the dotted path and the converted arguments', async () => {
    const host = fakeHost(sms);
    await runLua('app.integrations.telnyx.send_sms{ from = "+1", to = "+2", text = "hi" }', host);
    expect(host.calls).toEqual([{ path: 'telnyx.send_sms', args: [{ from: '+1', to: '+2', text: 'hi' }] }]);
  });

  it('passes an account sub-namespace as part of the path', async () => {
    const host = fakeHost(sms);
    await runLua('app.integrations.telnyx.work.send_sms{}', host);
    expect(host.calls[0]?.path).toBe('telnyx.work.send_sms');
  });

  it('works inside pcall', async () => {
    const r = await runLua('local ok, v = pcall(app.integrations.telnyx.send_sms, {}) return ok, v.data.id', fakeHost(sms));
    expect(r.result).toEqual([true, 'msg_1']);
  });

  it('works inside coroutine.wrap', async () => {
    const code = `
      local gen = coroutine.wrap(function()
        local r = app.integrations.telnyx.send_sms{}
        coroutine.yield(r.data.id)
        coroutine.yield(app.integrations.telnyx.send_sms{}.data.status)
      end)
      return gen(), gen()`;
    expect((await runLua(code, fakeHost(sms))).result).toEqual(['msg_1', 'queued']);
  });

  it('works inside nested coroutines', async () => {
    const code = `
      local outer = coroutine.create(function()
        local inner = coroutine.create(function() return app.integrations.a.b{}.data.id end)
        local ok, v = coroutine.resume(inner)
        return v
      end)
      return select(2, coroutine.resume(outer))`;
    expect((await runLua(code, fakeHost(sms))).result).toBe('msg_1');
  });

  it('turns a rejected call into a Lua error that pcall catches, with the host message', async () => {
    const host = fakeHost(() => {
      throw new Error('Unknown function: app.integrations.telnyx.send_smss. Did you mean: send_sms, send_mms');
    });
    const code = 'local ok, err = pcall(function()\n  local r = app.integrations.telnyx.send_smss{}\n  return r\nend)\nreturn ok, err';
    expect((await runLua(code, host)).result).toEqual([
      false,
      'script:2: Unknown function: app.integrations.telnyx.send_smss. Did you mean: send_sms, send_mms',
    ]);
  });

  it('fails the run with the host message when the rejection is not caught', async () => {
    const host = fakeHost(() => Promise.reject(new Error('telnyx 422: invalid "to"')));
    const r = await runLua('local x = 1\nlocal r = app.integrations.telnyx.send_sms{}', host);
    expect(r.error).toEqual({ kind: 'runtime', message: 'script:2: telnyx 422: invalid "to"', traceback: 'stack traceback:\n\tscript:2: in main chunk' });
  });

  it('makes calls one after another in script order', async () => {
    const host = fakeHost((call) => ({ n: (call.args[0] as { n: number }).n }));
    const r = await runLua('local s = 0 for i = 1, 5 do s = s + app.integrations.x.f{ n = i }.n end return s', host);
    expect(r.result).toBe(15);
    expect(host.calls.map((c) => (c.args[0] as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses to send a function as an argument', async () => {
    const host = fakeHost();
    const r = await runLua('app.integrations.x.f{ cb = function() end }', host);
    expect(r.error?.message).toBe('script:1: app.integrations.x.f: argument 1: cannot convert a function to JSON');
    expect(host.calls).toEqual([]);
  });

  it('refuses an integer a JSON number cannot carry exactly, before any call (it would reach another id)', async () => {
    const host = fakeHost();
    const r = await runLua('app.integrations.x.f{ id = 9007199254740993 }', host);
    expect(r.error?.message).toBe('script:1: app.integrations.x.f: argument 1: the integer 9007199254740993 is beyond what a JSON number carries exactly (±9007199254740991); pass it as a string');
    expect(host.calls).toEqual([]);
    const edge = fakeHost();
    await runLua('app.integrations.x.f{ id = 9007199254740991, low = -9007199254740991 }', edge);
    expect(edge.calls[0]?.args[0]).toEqual({ id: 9007199254740991, low: -9007199254740991 });
  });

  it('explains that app.integrations itself is not callable', async () => {
    const r = await runLua('app.integrations()', fakeHost());
    expect(r.error?.message).toBe('script:1: app.integrations is not a function; call app.integrations.<provider>.<function>(...)');
  });

  it('refuses a host call where the script cannot wait (table.sort comparator)', async () => {
    const host = fakeHost();
    const r = await runLua('table.sort({3, 2, 1}, function(a, b) app.integrations.x.f{} return a < b end)', host);
    expect(r.error?.message).toMatch(/cannot wait for x\.f here/);
    expect(host.calls).toEqual([]);
  });
});

describe('docs functions', () => {
  const docs = {
    list: () => 'telnyx: SMS',
    search: (q: string, limit?: number) => `Found 1 result(s) for '${q}' (limit ${limit ?? 10})`,
    read: (page: string) => `# ${page}`,
  };

  it('exposes docs.* and lua_*_docs when the host supplies docs', async () => {
    const r = await runLua('return docs.list(), docs.search("sms", 3), docs.read("telnyx"), lua_list_docs(), lua_search_docs("x"), lua_read_doc("p")',
      { integration: async () => ({}), docs });
    expect(r.result).toEqual(['telnyx: SMS', "Found 1 result(s) for 'sms' (limit 3)", '# telnyx', 'telnyx: SMS', "Found 1 result(s) for 'x' (limit 10)", '# p']);
  });

  it('leaves them out when the host has none', async () => {
    expect((await runLua('return docs, lua_list_docs', fakeHost())).result).toEqual([null, null]);
  });

  it('rejects a non-string query', async () => {
    const r = await runLua('docs.search(5)', { integration: async () => ({}), docs });
    expect(r.error?.message).toBe('script:1: docs.search: expected string query, got number');
  });
});

describe('concurrent runs', () => {
  it('keep their calls and results apart while both are waiting on the host', async () => {
    const slow = (ms: number) => fakeHost((call) => new Promise((resolve) => setTimeout(() => resolve({ path: call.path }), ms)));
    const [a, b] = await Promise.all([
      runLua('local r = app.integrations.a.f{} print("a") return r.path', slow(50)),
      runLua('local r = app.integrations.b.g{} print("b") return r.path', slow(10)),
    ]);
    expect([a.result, a.output, b.result, b.output]).toEqual(['a.f', 'a\n', 'b.g', 'b\n']);
  });
});
