import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import { serverNameOf, type OperationSpec } from '@switchboard/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, REPO, runCli, switchboard } from '../support.js';
import { successExamples } from '../sandbox/arguments.js';

/*
 * The caller's own idempotency key, from the CLI (--idempotency-key), Lua (a call-options table)
 * and MCP (an idempotency_key tool argument), reaches the provider as the spec's header. The
 * function is found in the catalog: a documented write that declares a key, on a server without
 * OAuth2 (so one loopback server can answer it).
 */

const operationOf = (fn: FunctionBinding): OperationSpec | null => ('unavailable' in fn.spec ? null : fn.spec);
const candidates = bindings.flatMap((provider) => provider.functions.map((fn) => ({ provider, fn, op: operationOf(fn), example: successExamples(fn)[0] })));
const target = candidates.find((c) => c.op?.idempotencyKey !== undefined && c.example !== undefined && c.provider.provider.servers[serverNameOf(c.op)]?.auth.kind !== 'oauth2_client_credentials');
const keyless = candidates.find((c) => c.op !== null && c.op.idempotencyKey === undefined && c.fn.operation === 'write' && c.example !== undefined);

function envFor(provider: ProviderBinding): Record<string, string> {
  return { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-idempotency-')), SWITCHBOARD_SANDBOX: '', ...Object.fromEntries(provider.fields.map((f) => [f.env, f.example])) };
}

describe.skipIf(!target)('a caller-chosen idempotency key', () => {
  const { provider, fn, op, example } = target!;
  const header = op!.idempotencyKey!.header.toLowerCase();
  let server: Server;
  let origin: string;
  const keys: Array<string | undefined> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      keys.push(req.headers[header] as string | undefined);
      req.resume();
      res.writeHead(example!.response.status, { 'content-type': 'application/json' }).end(JSON.stringify(example!.response.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    keys.length = 0;
  });
  const baseUrl = () => ['--base-url', `${provider.id}=${origin}`];

  it('`call --idempotency-key` sends it, and the dry run shows it', async () => {
    const args = JSON.stringify(example!.arguments);
    const dry = switchboard(['call', fn.qualified, args, '--idempotency-key', 'order-4711-a', '--dry-run', '--json'], { env: envFor(provider) });
    expect(JSON.parse(dry.stdout).data.headers[header]).toBe('order-4711-a');
    const run = await runCli(['call', fn.qualified, args, '--idempotency-key', 'order-4711-a', '--force', '--json', '--base-url', origin], envFor(provider));
    expect(run.status).toBe(0);
    expect(keys).toEqual(['order-4711-a']);
  });

  it('a key that is no valid header value is refused before any request, naming the option', async () => {
    const run = await runCli(['call', fn.qualified, JSON.stringify(example!.arguments), '--idempotency-key', 'bad\u0001key', '--force', '--json', '--base-url', origin], envFor(provider));
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toContain('idempotencyKey');
    expect(keys).toEqual([]);
  });

  it.runIf(keyless)('a function that declares no key refuses one, before any request', () => {
    const run = switchboard(['call', keyless!.fn.qualified, JSON.stringify(keyless!.example!.arguments), '--idempotency-key', 'k', '--dry-run', '--json'], { env: envFor(keyless!.provider) });
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'invalid_option' });
    expect(JSON.parse(run.stdout).error.message).toContain('takes no idempotency key');
  });

  it('Lua: the call-options table sends it; an unknown option is an error table', async () => {
    const script = `local args = json.decode(${JSON.stringify(JSON.stringify(example!.arguments))})
${fn.luaPath}(args, { idempotency_key = "order-4711-b" })
local ok, err = pcall(${fn.luaPath}, args, { idem_key = "x" })
return err.code, tostring(err)`;
    const run = await runCli(['lua', '--json', '--force', ...baseUrl(), '-e', script], envFor(provider));
    const [code, text] = JSON.parse(run.stdout).data.result as [string, string];
    expect(keys).toEqual(['order-4711-b']);
    expect(code).toBe('invalid_option');
    expect(text).toContain("unknown call option 'idem_key'");
  });

  it('MCP: the tool lists idempotency_key and sends it as the header, not as an argument', async () => {
    const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', 'serve', '--integration', provider.id, '--write', 'allow', ...baseUrl()],
      env: { ...(process.env as Record<string, string>), ...envFor(provider) },
      cwd: REPO,
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      const tool = (await client.listTools()).tools.find((t) => t.name === fn.mcpTool)!;
      expect(tool.inputSchema.properties).toHaveProperty('idempotency_key');
      const result = await client.callTool({ name: fn.mcpTool, arguments: { ...example!.arguments, idempotency_key: 'order-4711-c' } });
      expect(result.isError ?? false).toBe(false);
      expect(keys).toEqual(['order-4711-c']);
    } finally {
      await client.close();
    }
  });
});
