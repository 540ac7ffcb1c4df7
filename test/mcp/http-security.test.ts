import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesByProvider } from '@switchboard/mocks';
import { bindings } from '@switchboard/bindings';
import { CLI, REPO } from '../support.js';

const baseEnv = { ...process.env, SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-mcp-http-')), SWITCHBOARD_MCP_TOKEN: '' } as Record<string, string>;

// A read tool with a documented example: what a hostile page would call. Found in the catalog, not named here.
const examples = Object.values(examplesByProvider).flatMap((e) => e.examples);
const readFn = bindings.flatMap((p) => p.functions).find((f) => f.available && f.operation === 'read' && examples.some((e) => e.function === f.qualified))!;
const readExample = examples.find((e) => e.function === readFn.qualified)!;
const TOOLS_CALL = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: readFn.mcpTool, arguments: readExample.arguments } });

interface Gateway {
  child: ChildProcess;
  port: number;
  url: URL;
  stderr: () => string;
}

/** `switchboard mcp serve --sandbox --http 0 ...` as a child; resolves once it prints where it listens (and its token line, when one is expected). */
function startGateway(args: string[], env: Record<string, string> = {}, waitFor = /gateway on (http:\/\/127\.0\.0\.1:(\d+)\/mcp)/): Promise<Gateway & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, [CLI, 'mcp', 'serve', '--sandbox', '--http', '0', ...args], { env: { ...baseEnv, ...env }, cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const listening = /gateway on (http:\/\/127\.0\.0\.1:(\d+)\/mcp)/.exec(text);
      const match = waitFor.exec(text);
      if (listening && match) resolve({ child, port: Number(listening[2]), url: new URL(listening[1]!), stderr: () => text, match });
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${text}`)));
  });
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request to the gateway on 127.0.0.1 with exactly the headers given (Host included, or none). */
function raw(port: number, headers: Record<string, string>, options: { method?: string; body?: string } = {}): Promise<RawResponse> {
  const method = options.method ?? 'POST';
  const body = options.body ?? (method === 'POST' ? TOOLS_CALL : undefined);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method,
        setHost: false,
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A refusal carries a JSON-RPC error and nothing a tool produced. */
function expectRefused(response: RawResponse, status: number): void {
  expect(response.status).toBe(status);
  const body = JSON.parse(response.body) as { error?: { message: string }; result?: unknown };
  expect(body.result).toBeUndefined();
  expect(body.error?.message).toMatch(status === 401 ? /^Unauthorized/ : /^Forbidden/);
}

const stop = (gateway: Gateway | undefined) => gateway?.child.kill('SIGTERM');

describe('MCP over HTTP on loopback refuses DNS rebinding (forged Host, foreign Origin)', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway([]);
  }, 60_000);
  afterAll(() => stop(gateway));

  const hostile: Array<[string, (port: number) => Record<string, string>]> = [
    ['Host evil.example', () => ({ host: 'evil.example' })],
    ['Host evil.example:<port>', (port) => ({ host: `evil.example:${port}` })],
    ['the issue case: Host and Origin evil.example', (port) => ({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` })],
    ['Host 127.0.0.1.evil.example', (port) => ({ host: `127.0.0.1.evil.example:${port}` })],
    ['Host localhost.evil.example', (port) => ({ host: `localhost.evil.example:${port}` })],
    ['Host with user info', (port) => ({ host: `evil.example@127.0.0.1:${port}` })],
    ['Host with a path', (port) => ({ host: `127.0.0.1:${port}/x` })],
    ['Host 0.0.0.0', (port) => ({ host: `0.0.0.0:${port}` })],
    ['Host an IPv4-mapped IPv6 loopback', (port) => ({ host: `[::ffff:127.0.0.1]:${port}` })],
    ['an empty Host', () => ({ host: '' })],
    ['Origin http://evil.example', (port) => ({ host: `127.0.0.1:${port}`, origin: 'http://evil.example' })],
    ['Origin http://127.0.0.1.evil.example', (port) => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1.evil.example:${port}` })],
    ['Origin null (sandboxed frame, file:)', (port) => ({ host: `127.0.0.1:${port}`, origin: 'null' })],
    ['Origin of another local port', (port) => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port === 1 ? 2 : port - 1}` })],
    ['Origin https on the same host and port', (port) => ({ host: `127.0.0.1:${port}`, origin: `https://127.0.0.1:${port}` })],
    ['Origin localhost against Host 127.0.0.1 (cross-origin)', (port) => ({ host: `127.0.0.1:${port}`, origin: `http://localhost:${port}` })],
  ];

  it.each(hostile)('%s: 403, and no tool ran', async (_name, headers) => {
    expectRefused(await raw(gateway.port, headers(gateway.port)), 403);
  });

  it('no Host at all: refused (node:http answers 400 before the gateway sees it), and no tool ran', async () => {
    const response = await raw(gateway.port, {});
    expect(response.status).toBe(400);
    expect(response.body).not.toContain('result');
  });

  it.each(['GET', 'DELETE'])('%s with a forged Host: 403', async (method) => {
    expectRefused(await raw(gateway.port, { host: 'evil.example' }, { method }), 403);
  });

  it.each<[string, (port: number) => Record<string, string>]>([
    ['Host 127.0.0.1, no Origin', (port) => ({ host: `127.0.0.1:${port}` })],
    ['Host localhost with its own Origin', (port) => ({ host: `localhost:${port}`, origin: `http://localhost:${port}` })],
    ['Host [::1]', (port) => ({ host: `[::1]:${port}` })],
    ['Host 127.0.0.1 with its own Origin', (port) => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` })],
  ])('%s: answered', async (_name, headers) => {
    const response = await raw(gateway.port, headers(gateway.port));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).result.structuredContent).toBeTruthy();
  });
});

describe('MCP over HTTP with a bearer token', () => {
  const TOKEN = 'test-token-0123456789abcdef';
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway([], { SWITCHBOARD_MCP_TOKEN: TOKEN }, /Authorization: Bearer with the token in SWITCHBOARD_MCP_TOKEN/);
  }, 60_000);
  afterAll(() => stop(gateway));

  it('never prints a configured token', () => {
    expect(gateway.stderr()).not.toContain(TOKEN);
  });

  it.each([
    ['no Authorization', {}],
    ['a wrong token', { authorization: 'Bearer test-token-0123456789abcdeX' }],
    ['the token as Basic', { authorization: `Basic ${TOKEN}` }],
    ['an empty Bearer', { authorization: 'Bearer ' }],
    ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
  ])('%s: 401 with WWW-Authenticate', async (_name, auth) => {
    const response = await raw(gateway.port, { host: `127.0.0.1:${gateway.port}`, ...auth });
    expectRefused(response, 401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('a forged Host is refused even with the token', async () => {
    expectRefused(await raw(gateway.port, { host: 'evil.example', authorization: `Bearer ${TOKEN}` }), 403);
  });

  it('the official SDK client gets in with the token, and not without', async () => {
    const withToken = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await withToken.connect(new StreamableHTTPClientTransport(gateway.url, { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    const result = await withToken.callTool({ name: readFn.mcpTool, arguments: readExample.arguments });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(readExample.response.body);
    await withToken.close();

    const without = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await expect(without.connect(new StreamableHTTPClientTransport(gateway.url))).rejects.toThrow();
  });

  it('a configured token shorter than 16 characters is a usage error that does not show it', () => {
    const run = spawnSync(process.execPath, [CLI, 'mcp', 'serve', '--sandbox', '--http', '0'], { env: { ...baseEnv, SWITCHBOARD_MCP_TOKEN: 'short-secret' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('SWITCHBOARD_MCP_TOKEN must be at least 16 characters');
    expect(run.stderr).not.toContain('short-secret');
  });
});

describe('MCP over HTTP beyond loopback', () => {
  let gateway: Gateway & { match: RegExpExecArray };
  beforeAll(async () => {
    // Bound on every interface, but only ever addressed through 127.0.0.1 here.
    gateway = await startGateway(['--host', '0.0.0.0'], {}, /bearer token \(send Authorization: Bearer <token>; set SWITCHBOARD_MCP_TOKEN to choose one\): (\S+)\n/);
  }, 60_000);
  afterAll(() => stop(gateway));

  it('generates a token, prints it on stderr, and refuses requests without it (401)', async () => {
    const token = gateway.match[1]!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    expectRefused(await raw(gateway.port, { host: `127.0.0.1:${gateway.port}` }), 401);
    const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(gateway.url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    expect((await client.listTools()).tools.map((t) => t.name)).toContain(readFn.mcpTool);
    await client.close();
  });

  it('still refuses a forged Host and a foreign Origin (403), token or not', async () => {
    const authorization = `Bearer ${gateway.match[1]!}`;
    expectRefused(await raw(gateway.port, { host: 'evil.example', authorization }), 403);
    expectRefused(await raw(gateway.port, { host: `127.0.0.1:${gateway.port}`, origin: 'http://evil.example', authorization }), 403);
  });
});

describe('MCP over HTTP --allowed-origin', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway(['--allowed-origin', 'http://localhost:6274']);
  }, 60_000);
  afterAll(() => stop(gateway));

  it('answers a browser client from an allowed origin, and still no other', async () => {
    expect((await raw(gateway.port, { host: `127.0.0.1:${gateway.port}`, origin: 'http://localhost:6274' })).status).toBe(200);
    expectRefused(await raw(gateway.port, { host: `127.0.0.1:${gateway.port}`, origin: 'http://localhost:6275' }), 403);
  });
});
