import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import { DEFAULT_SERVER, serverNameOf, type Endpoint, type OperationSpec } from '@switchboard/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, REPO, runCli, switchboard } from '../support.js';

/** The operation of an available function (unavailable ones have no server or endpoint). */
function operationOf(fn: FunctionBinding): OperationSpec {
  if ('unavailable' in fn.spec) throw new Error(`${fn.qualified} is unavailable`);
  return fn.spec;
}

/** Method and path of a function with one fixed endpoint; null for selected endpoints. */
function fixedEndpoint(fn: FunctionBinding): Endpoint | null {
  const { endpoint } = operationOf(fn);
  return endpoint.kind === 'fixed' ? endpoint : null;
}

/** A read of the `default` server that needs no arguments, from the catalog: the CLI can call it bare. */
const target = bindings
  .flatMap((provider) => provider.functions.map((fn) => ({ provider, fn })))
  .find(({ fn }) => fn.operation === 'read' && fn.available && serverNameOf(operationOf(fn)) === DEFAULT_SERVER && fixedEndpoint(fn) !== null && ((fn.inputSchema.required as string[] | undefined) ?? []).length === 0)!;

const SECRET = 'base-url-test-secret-value';

/** Every field of the provider set to a recognisable value, so the call is built; no credential of the machine leaks in. */
function envFor(provider: ProviderBinding, extra: Record<string, string> = {}): Record<string, string> {
  const fields = Object.fromEntries(provider.fields.map((f) => [f.env, f.key === 'region' ? 'us' : `${SECRET}-${f.key}`]));
  return { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-base-url-')), SWITCHBOARD_SANDBOX: '', ...fields, ...extra };
}

/** The official MCP SDK client on `switchboard mcp serve` for one provider, in a real child process, pointed at `origin`. */
async function withMcpClient(provider: ProviderBinding, origin: string, use: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', 'serve', '--integration', provider.id, '--base-url', origin],
    env: { ...(process.env as Record<string, string>), ...envFor(provider) },
    cwd: REPO,
    stderr: 'pipe',
  });
  await client.connect(transport);
  try {
    await use(client);
  } finally {
    await client.close();
  }
}

const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe('base-URL overrides reach a local server', () => {
  let server: Server;
  let origin: string;
  const seen: Array<{ method: string; url: string }> = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  const expectedPath = (fn: FunctionBinding, prefix: string) => `${prefix}${fixedEndpoint(fn)!.path}`;

  it('`call --base-url` sends the request to the override, and the dry run shows it with its source', async () => {
    const { provider, fn } = target;
    const dry = switchboard(['call', fn.qualified, '--base-url', `${origin}/proxy`, '--dry-run', '--json'], { env: envFor(provider) });
    expect(dry.status).toBe(0);
    expect(json(dry.stdout).data.url.startsWith(`${origin}/proxy/`)).toBe(true);
    expect(json(dry.stdout).meta.base_urls).toEqual({ default: { url: `${origin}/proxy`, source: '--base-url' } });
    expect(seen).toEqual([]);

    const run = await runCli(['call', fn.qualified, '--base-url', `${origin}/proxy`, '--json'], envFor(provider));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe(fixedEndpoint(fn)!.method);
    expect(seen[0]!.url.split('?')[0]).toBe(expectedPath(fn, '/proxy').replace(/\{[^}]+\}/g, (m) => `${SECRET}-${m.slice(1, -1)}`));
  });

  it('the account environment variable overrides the server for that account only', async () => {
    const { provider, fn } = target;
    const prefix = provider.fields[0]!.accountEnvTemplate.split('{ACCOUNT}')[0]!;
    const work = Object.fromEntries(provider.fields.map((f) => [f.accountEnvTemplate.replace('{ACCOUNT}', 'WORK'), `${SECRET}-${f.key}`]));
    const env = envFor(provider, { ...work, [`${prefix}WORK_BASE_URL`]: origin });
    const run = await runCli(['call', fn.qualified, '--account', 'work', '--json'], env);
    expect(run.status).toBe(0);
    expect(json(run.stdout).meta.account).toBe('work');
    expect(seen).toHaveLength(1);
    // The default account keeps the spec's server: its dry run names no override.
    const dry = switchboard(['call', fn.qualified, '--dry-run', '--json'], { env });
    expect(json(dry.stdout).meta.base_urls).toBeUndefined();
  });

  it('`configure --base-url` is saved and used, and the flag wins over it', async () => {
    const { provider, fn } = target;
    const env = envFor(provider);
    expect(switchboard(['configure', provider.id, '--base-url', 'http://127.0.0.1:9/unused'], { env }).status).toBe(0);
    const dry = switchboard(['call', fn.qualified, '--dry-run', '--json'], { env });
    expect(json(dry.stdout).meta.base_urls).toEqual({ default: { url: 'http://127.0.0.1:9/unused', source: 'settings file' } });
    const run = await runCli(['call', fn.qualified, '--base-url', origin, '--json'], env);
    expect(run.status).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('a Lua script reaches the override given as provider=URL', async () => {
    const { provider, fn } = target;
    const run = await runCli(['lua', '--json', '--base-url', `${provider.id}=${origin}`, '-e', `local r = ${fn.luaPath}({}) print("ok")`], envFor(provider));
    expect(json(run.stdout)).toMatchObject({ success: true, data: { output: 'ok\n' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe(fixedEndpoint(fn)!.method);
  });

  it('an MCP tool call reaches the override (official SDK client, real child process)', async () => {
    const { provider, fn } = target;
    await withMcpClient(provider, origin, async (client) => {
      const result = await client.callTool({ name: fn.mcpTool, arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(seen).toHaveLength(1);
      expect(JSON.stringify(result)).not.toContain(SECRET);
    });
  }, 30_000);
});

describe('base-URL overrides are validated, naming their source', () => {
  const { provider, fn } = target;
  const prefix = provider.fields[0]!.accountEnvTemplate.split('{ACCOUNT}')[0]!;
  const cases: Array<{ name: string; args: string[]; env?: Record<string, string>; message: string }> = [
    { name: 'a flag that is not a URL', args: ['--base-url', 'not a url'], message: "--base-url: 'not a url' is not an absolute URL; give one such as https://api.example.com/v2." },
    { name: 'a flag with another scheme', args: ['--base-url', 'ftp://127.0.0.1/x'], message: "--base-url: 'ftp://127.0.0.1/x' is not an http or https URL." },
    { name: 'a flag with a query', args: ['--base-url', 'http://127.0.0.1/?a=b'], message: "--base-url: 'http://127.0.0.1/?a=b' has a query or fragment; a base URL is a scheme, host and optional path only." },
    {
      name: 'a variable carrying credentials, which are not shown',
      args: [],
      env: { [`${prefix}BASE_URL`]: `https://user:${SECRET}@proxy.example.com` },
      message: `${prefix}BASE_URL: a base URL must not carry credentials (user:password@host); the URL is not shown. Set credentials as account fields with \`switchboard configure\`.`,
    },
    {
      name: 'a server the provider does not have',
      args: ['--base-url', 'nowhere=http://127.0.0.1:1'],
      message: `--base-url: ${provider.id} has no server 'nowhere'; its servers are ${Object.keys(provider.provider.servers).join(', ')}.`,
    },
  ];
  it.each(cases)('refuses $name with exit 2 before any request', ({ args, env, message }) => {
    const run = switchboard(['call', fn.qualified, ...args, '--dry-run'], { env: envFor(provider, env) });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: ${message}\n`);
    expect(run.stderr).not.toContain(SECRET);
  });

  it('refuses --base-url with --sandbox instead of ignoring it', () => {
    const run = switchboard(['call', fn.qualified, '--base-url', 'http://127.0.0.1:1', '--sandbox'], { env: envFor(provider) });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('error: --base-url cannot be combined with --sandbox: the sandbox answers at the servers of the spec.\n');
  });

  it('a Lua run with a bare URL must name the provider', () => {
    const run = switchboard(['lua', '--base-url', 'http://127.0.0.1:1', '-e', 'print(1)'], { env: envFor(provider) });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`--base-url: name the provider, e.g. --base-url ${bindings[0]!.id}=http://127.0.0.1:1, since this command can call ${bindings.length} providers.`);
  });
});

/** A target as above whose provider has a secret field, so an answer can echo a credential. */
const secretTarget = bindings
  .filter((provider) => provider.fields.some((f) => f.secret))
  .flatMap((provider) => provider.functions.map((fn) => ({ provider, fn })))
  .find(({ fn }) => fn.operation === 'read' && fn.available && serverNameOf(operationOf(fn)) === DEFAULT_SERVER && fixedEndpoint(fn) !== null && ((fn.inputSchema.required as string[] | undefined) ?? []).length === 0)!;

describe('an answer that echoes a credential is shown redacted by every surface', () => {
  const { provider, fn } = secretTarget;
  const secrets = provider.fields.filter((f) => f.secret).map((f) => `${SECRET}-${f.key}`);
  let server: Server;
  let origin: string;
  let answer: { type: string; body: string };
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': answer.type }).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // A secret in a value, a key and an array, beside a `__proto__` key that must stay plain data.
  const jsonAnswer = () => ({ type: 'application/json', body: `{"echo":"key ${secrets[0]}","${secrets[0]}":["${secrets.join(' ')}"],"__proto__":{"kept":true}}` });
  const textAnswer = () => ({ type: 'text/plain', body: `debug: you sent ${secrets.join(', ')}` });

  it('`call` redacts a JSON answer (values, keys, arrays) and keeps a __proto__ key as data', async () => {
    answer = jsonAnswer();
    const run = await runCli(['call', fn.qualified, '--base-url', origin, '--json'], envFor(provider));
    expect(run.status).toBe(0);
    for (const secret of secrets) expect(run.stdout).not.toContain(secret);
    const data = json(run.stdout).data;
    expect(data.echo).toBe('key [REDACTED]');
    expect(data['[REDACTED]']).toEqual([secrets.map(() => '[REDACTED]').join(' ')]);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toEqual({ kept: true });
  });

  it('`call` redacts an answer that is not JSON', async () => {
    answer = textAnswer();
    const run = await runCli(['call', fn.qualified, '--base-url', origin, '--json'], envFor(provider));
    expect(run.status).toBe(0);
    expect(json(run.stdout).data).toBe(`debug: you sent ${secrets.map(() => '[REDACTED]').join(', ')}`);
  });

  it('a Lua script gets the answer redacted', async () => {
    answer = textAnswer();
    const run = await runCli(['lua', '--json', '--base-url', `${provider.id}=${origin}`, '-e', `print(${fn.luaPath}({}))`], envFor(provider));
    expect(json(run.stdout)).toMatchObject({ success: true, data: { output: `debug: you sent ${secrets.map(() => '[REDACTED]').join(', ')}\n` } });
  });

  it('an MCP tool result is redacted (official SDK client, real child process)', async () => {
    answer = jsonAnswer();
    await withMcpClient(provider, origin, async (client) => {
      const result = await client.callTool({ name: fn.mcpTool, arguments: {} });
      expect(result.isError).toBeFalsy();
      const text = JSON.stringify(result);
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).toContain('key [REDACTED]');
    });
  }, 30_000);
});

describe("a provider's error body reaches the CLI's JSON and the MCP result", () => {
  const { provider, fn } = target;
  let server: Server;
  let origin: string;
  const answer = { error: { type: 'invalid_request_error', code: 'parameter_invalid', message: 'Invalid value', param: 'limit' } };
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('`call --json` carries it under error.details.body', async () => {
    const run = await runCli(['call', fn.qualified, '--base-url', origin, '--json'], envFor(provider));
    expect(run.status).toBe(1);
    expect(json(run.stdout).error.details).toMatchObject({ status: 400, body: answer });
  });

  it('an MCP tool error carries it as a second text block (official SDK client, real child process)', async () => {
    await withMcpClient(provider, origin, async (client) => {
      const result = await client.callTool({ name: fn.mcpTool, arguments: {} });
      expect(result.isError).toBe(true);
      const blocks = result.content as Array<{ type: string; text: string }>;
      expect(blocks[1]?.text).toBe(`The provider answered: ${JSON.stringify(answer)}`);
    });
  }, 30_000);
});
