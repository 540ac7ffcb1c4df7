import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindings, type ProviderBinding } from '@switchboard/bindings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support.js';

/*
 * A failed call reaches a Lua script as a table it can branch on (err.code, err.status, err.body),
 * which still reads as the message a string error would have. Real HTTP: a loopback server answers
 * every request with a 404 and a JSON body; the CLI runs in a child process.
 */

/** A read that needs no arguments, from the catalog, so the script can call it bare. */
const target = bindings
  .flatMap((provider) => provider.functions.map((fn) => ({ provider, fn })))
  .find(({ fn }) => fn.operation === 'read' && fn.available && ((fn.inputSchema.required as string[] | undefined) ?? []).length === 0)!;

const NOT_FOUND_BODY = { error: { message: 'no such resource here' } };

function envFor(provider: ProviderBinding): Record<string, string> {
  const fields = Object.fromEntries(provider.fields.map((f) => [f.env, f.key === 'region' ? 'us' : `lua-errors-secret-${f.key}`]));
  return { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-lua-errors-')), SWITCHBOARD_SANDBOX: '', ...fields };
}

describe('a failed call in a Lua script', () => {
  let server: Server;
  let origin: string;
  let requests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(NOT_FOUND_BODY));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const lua = (code: string) => runCli(['lua', '--json', '--base-url', `${target.provider.id}=${origin}`, '-e', code], envFor(target.provider));

  it('reaches pcall as a table with the code, status and body, that reads as its message', async () => {
    const code = `
local ok, err = pcall(function() local r = ${target.fn.luaPath}({}) return r end)
return { ok = ok, type = type(err), code = err.code, status = err.status, body = err.body,
  text = tostring(err), found = err:find("404", 1, true) ~= nil, joined = "x " .. err }`;
    const run = await lua(code);
    const { result } = JSON.parse(run.stdout).data as { result: Record<string, unknown> };
    expect(result).toMatchObject({ ok: false, type: 'table', code: 'not_found', status: 404, body: NOT_FOUND_BODY, found: true });
    expect(result.text).toMatch(/^script:2: /);
    expect(result.joined).toBe(`x ${String(result.text)}`);
  });

  it('ends an uncaught run with its message, and --json gives its fields under error.details.call', async () => {
    const before = requests;
    const run = await lua(`local r = ${target.fn.luaPath}({})`);
    expect(run.status).toBe(1);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string; details: { traceback: string; call: Record<string, unknown> } } };
    expect(error.code).toBe('runtime');
    expect(error.message).toMatch(/^script:1: .*404/);
    expect(error.details.call).toMatchObject({ code: 'not_found', status: 404, body: NOT_FOUND_BODY });
    expect(error.details.traceback).toContain('script:1:');
    // A read is retried only on statuses that may pass; a 404 is sent once.
    expect(requests - before).toBe(1);
  });

  it('bad arguments fail before any request, as a table naming the parameter', async () => {
    const before = requests;
    const run = await lua(`local ok, err = pcall(${target.fn.luaPath}, { no_such_parameter = 1 }) return err.code, err.issues[1].path, tostring(err)`);
    const [code, path, text] = JSON.parse(run.stdout).data.result as [string, string, string];
    expect(code).toBe('invalid_arguments');
    expect(path).toBe('no_such_parameter');
    expect(text).toContain('no_such_parameter');
    expect(requests).toBe(before);
  });

  it('counts list items from 1 in an argument problem, as Lua does', async () => {
    // Any function with a list-of-strings parameter: its second item given as a number.
    const listOfText = bindings
      .flatMap((provider) => provider.functions.map((fn) => ({ provider, fn })))
      .flatMap(({ provider, fn }) =>
        Object.entries((fn.inputSchema.properties ?? {}) as Record<string, { type?: unknown; items?: { type?: unknown } }>)
          .filter(([, schema]) => schema.type === 'array' && schema.items?.type === 'string')
          .map(([name]) => ({ provider, fn, name })),
      )[0]!;
    expect(listOfText).toBeDefined();
    const run = await runCli(['lua', '--json', '-e', `local ok, err = pcall(${listOfText.fn.luaPath}, { ${listOfText.name} = { "first", 5 } }) return err.code, tostring(err)`], envFor(listOfText.provider));
    const [code, text] = JSON.parse(run.stdout).data.result as [string, string];
    expect(code).toBe('invalid_arguments');
    expect(text).toContain(`'${listOfText.name}[2]'`);
    expect(text).not.toContain(`'${listOfText.name}[1]'`);
  });

  it('an unknown function is a table with code unknown_function', async () => {
    const run = await lua(`local ok, err = pcall(function() local r = app.integrations.${target.provider.namespace}.no_such_function({}) return r end) return err.code, tostring(err)`);
    const [code, text] = JSON.parse(run.stdout).data.result as [string, string];
    expect(code).toBe('unknown_function');
    expect(text).toMatch(/^script:1: Unknown function: app\.integrations\./);
  });

  it('never carries the credential', async () => {
    const run = await lua(`local ok, err = pcall(${target.fn.luaPath}, {}) return err`);
    expect(run.stdout).not.toContain('lua-errors-secret-');
  });
});
