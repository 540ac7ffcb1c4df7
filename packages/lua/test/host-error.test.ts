import { afterAll, describe, expect, it } from 'vitest';
import { LuaHostError, LuaPool, runLua } from '../src/index.js';
import { fakeHost } from './host.js';

const notFound = () => Promise.reject(new LuaHostError('telnyx.get_call failed with HTTP 404: Resource not found', { code: 'not_found', status: 404, provider_code: '10005', body: { errors: [{ code: '10005' }] } }));

const inspect = `
local ok, err = pcall(function()
  local r = app.integrations.telnyx.get_call{ call_control_id = "x" }
  return r
end)
return ok, type(err), err.code, err.status, err.provider_code, err.body.errors[1].code, err.message,
  tostring(err), "failed: " .. err, err:find("HTTP 404", 1, true) ~= nil, err:upper():sub(1, 6)`;

const inspected = [
  false, 'table', 'not_found', 404, '10005', '10005',
  'script:3: telnyx.get_call failed with HTTP 404: Resource not found',
  'script:3: telnyx.get_call failed with HTTP 404: Resource not found',
  'failed: script:3: telnyx.get_call failed with HTTP 404: Resource not found',
  true, 'SCRIPT',
];

describe('a host failure with fields (LuaHostError)', () => {
  it('reaches pcall as a table of its fields whose message reads like a string error', async () => {
    const r = await runLua(inspect, fakeHost(notFound));
    expect(r.error).toBeNull();
    expect(r.result).toEqual(inspected);
  });

  it('prints as its message', async () => {
    const r = await runLua('local ok, err = pcall(app.integrations.telnyx.get_call, {})\nprint(err)\ndump(err.status)', fakeHost(notFound));
    // Called by pcall itself, so no script line to prefix: as with a string error.
    expect(r.output).toBe('telnyx.get_call failed with HTTP 404: Resource not found\n404\n');
  });

  it('fails an uncaught run with its message and gives its fields as details', async () => {
    const r = await runLua('local x = 1\nlocal r = app.integrations.telnyx.get_call{}', fakeHost(notFound));
    expect(r.error).toEqual({
      kind: 'runtime',
      message: 'script:2: telnyx.get_call failed with HTTP 404: Resource not found',
      traceback: 'stack traceback:\n\tscript:2: in main chunk',
      details: { code: 'not_found', status: 404, provider_code: '10005', body: { errors: [{ code: '10005' }] } },
    });
  });

  it('keeps its metatable from the script, and a field named message cannot replace the message', async () => {
    const host = fakeHost(() => Promise.reject(new LuaHostError('boom', { code: 'x', message: 'not this' })));
    const r = await runLua('local ok, err = pcall(app.integrations.a.b, {})\nreturn getmetatable(err), err.message', host);
    expect(r.result).toEqual([false, 'boom']);
  });

  it('stays a string error when its fields are not data', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const host = fakeHost(() => Promise.reject(new LuaHostError('boom', circular)));
    const r = await runLua('local ok, err = pcall(app.integrations.a.b, {})\nreturn type(err), err', host);
    expect(r.result).toEqual(['string', 'boom']);
  });

  it('leaves a plain Error a string error', async () => {
    const r = await runLua('local ok, err = pcall(app.integrations.a.b, {})\nreturn type(err), err', fakeHost(() => Promise.reject(new Error('plain'))));
    expect(r.result).toEqual(['string', 'plain']);
  });

  describe('in a LuaPool worker', () => {
    const pool = new LuaPool({ size: 1 });
    afterAll(() => pool.close());

    it('crosses to the worker with its fields', async () => {
      const r = await pool.run(inspect, fakeHost(notFound));
      expect(r.error).toBeNull();
      expect(r.result).toEqual(inspected);
    });

    it('gives its fields as details when uncaught', async () => {
      const r = await pool.run('local r = app.integrations.telnyx.get_call{}', fakeHost(notFound));
      expect(r.error).toMatchObject({ kind: 'runtime', message: 'script:1: telnyx.get_call failed with HTTP 404: Resource not found', details: { code: 'not_found', status: 404 } });
    });
  });
});
