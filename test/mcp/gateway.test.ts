import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { CLI, REPO } from '../support.js';

const env = { ...process.env, SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-mcp-')), TELNYX_API_KEY: '' } as Record<string, string>;

async function stdioClient(args: string[]): Promise<Client> {
  const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', ...args], env, cwd: REPO, stderr: 'pipe' }));
  return client;
}

const allFunctions = bindings.flatMap((p) => p.functions);

describe('MCP gateway over stdio (official SDK client, real child process)', () => {
  let readOnly: Client;
  let writable: Client;
  beforeAll(async () => {
    [readOnly, writable] = await Promise.all([stdioClient(['--sandbox']), stdioClient(['--sandbox', '--write', 'allow'])]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([readOnly?.close(), writable?.close()]);
  });

  it('lists read tools only by default', async () => {
    const { tools } = await readOnly.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toContain('telnyx__list_phone_numbers');
    expect(names).not.toContain('telnyx__send_sms');
    const expected = allFunctions.filter((f) => f.available && f.operation === 'read').map((f) => f.mcpTool);
    expect(names.filter((n) => n !== 'search_functions').sort()).toEqual(expected.sort());
  });

  it('lists write tools too with --write allow', async () => {
    const names = (await writable.listTools()).tools.map((t) => t.name);
    expect(names).toContain('telnyx__send_sms');
    expect(names.filter((n) => n !== 'search_functions').sort()).toEqual(allFunctions.filter((f) => f.available).map((f) => f.mcpTool).sort());
  });

  it('has no top-level oneOf/anyOf/allOf in any tool schema (some hosts refuse them); required groups are described instead', async () => {
    const { tools } = await writable.listTools();
    for (const tool of tools) {
      for (const key of ['oneOf', 'anyOf', 'allOf']) expect(Object.keys(tool.inputSchema), `${tool.name} ${key}`).not.toContain(key);
    }
    const grouped = allFunctions.filter((f) => f.available && Array.isArray((f.inputSchema as { oneOf?: unknown }).oneOf));
    expect(grouped.length).toBeGreaterThan(0);
    for (const fn of grouped) {
      const tool = tools.find((t) => t.name === fn.mcpTool)!;
      const names = ((fn.inputSchema as { oneOf: Array<{ required: string[] }> }).oneOf).map((b) => `\`${b.required[0]}\``);
      expect(tool.description).toContain(`Give exactly one of ${names.join(', ')}.`);
    }
    // A parameter that needs others (draft-07 `dependencies`, at the top or inside allOf), whichever functions have one.
    const partsOf = (schema: Record<string, unknown>): Array<Record<string, unknown>> => [schema, ...((schema.allOf as Array<Record<string, unknown>> | undefined) ?? [])];
    const dependent = allFunctions.filter((f) => f.available && partsOf(f.inputSchema).some((part) => part.dependencies));
    expect(dependent.length).toBeGreaterThan(0);
    for (const fn of dependent) {
      const tool = tools.find((t) => t.name === fn.mcpTool)!;
      expect(Object.keys(tool.inputSchema), fn.mcpTool).not.toContain('dependencies');
      for (const part of partsOf(fn.inputSchema)) {
        for (const [given, needed] of Object.entries((part.dependencies ?? {}) as Record<string, string[]>)) {
          expect(tool.description).toContain(`Give ${needed.map((n) => `\`${n}\``).join(' and ')} too when giving \`${given}\`.`);
        }
      }
    }
  });

  it('annotates every tool from the spec: read-only, destructive, idempotent, open world', async () => {
    const { tools } = await writable.listTools();
    for (const tool of tools.filter((t) => t.name !== 'search_functions')) {
      const fn = allFunctions.find((f) => f.mcpTool === tool.name)!;
      expect(tool.annotations, tool.name).toMatchObject({
        readOnlyHint: fn.operation === 'read',
        destructiveHint: fn.operation === 'write' && fn.destructive,
        idempotentHint: fn.idempotent,
        openWorldHint: true,
      });
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('answers a read call in sandbox mode with the documented example', async () => {
    const result = await readOnly.callTool({ name: 'telnyx__list_phone_numbers', arguments: { page_size: 10, filter_status: 'active' } });
    expect(result.isError).toBeFalsy();
    const example = (await import('@switchboard/mocks')).telnyxExamples.examples.find((e) => e.function === 'telnyx.list_phone_numbers')!;
    expect(result.structuredContent).toEqual(example.response.body);
  });

  it('refuses a write call by default', async () => {
    const result = await readOnly.callTool({ name: 'telnyx__send_sms', arguments: { to: '+19175550188', text: 'hi' } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]!.text).toContain('telnyx.send_sms is a write, and this gateway does not allow writes');
  });

  it('runs a write call with --write allow', async () => {
    const result = await writable.callTool({ name: 'telnyx__send_sms', arguments: { to: '+19175550188', text: 'hi' } });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { data: { id: string } }).data.id).toBeTruthy();
  });

  it('returns a tool error naming the parameter for a bad argument', async () => {
    const result = await readOnly.callTool({ name: 'telnyx__list_phone_numbers', arguments: { filter_status: 'purchase_pending' } });
    expect(result.isError).toBe(true);
    const text = (result.content as Array<{ text: string }>)[0]!.text;
    expect(text).toContain('filter_status');
    expect(text).toContain('No request was made');
  });

  it('finds functions with search_functions, among the tools it exposes', async () => {
    const result = await readOnly.callTool({ name: 'search_functions', arguments: { query: 'list phone numbers' } });
    const functions = (result.structuredContent as { functions: Array<{ tool: string }> }).functions.map((f) => f.tool);
    expect(functions).toContain('telnyx__list_phone_numbers');
    expect(functions).not.toContain('telnyx__send_sms');
  });

  it('serves the docs pages as resources', async () => {
    const { resources } = await readOnly.listResources();
    expect(resources.map((r) => r.uri)).toContain('switchboard://docs/telnyx/send_sms');
    const page = await readOnly.readResource({ uri: 'switchboard://docs/telnyx/send_sms' });
    expect((page.contents[0] as { text: string }).text).toMatch(/^# app\.integrations\.telnyx\.send_sms\(/);
  });
});

describe('MCP gateway limits and configuration', () => {
  it('cuts long results at --max-result-chars with a clear marker', async () => {
    const client = await stdioClient(['--sandbox', '--max-result-chars', '200']);
    try {
      const result = await client.callTool({ name: 'telnyx__list_phone_numbers', arguments: {} });
      const text = (result.content as Array<{ text: string }>)[0]!.text;
      expect(text.length).toBeLessThan(400);
      expect(text).toMatch(/\[truncated by switchboard: \d+ more characters; narrow the request or raise --max-result-chars\]$/);
      expect(result.structuredContent).toBeTruthy();
    } finally {
      await client.close();
    }
  });

  it('mcp config prints an entry that works from any directory, started by the official SDK stdio client', async () => {
    const { switchboard } = await import('../support.js');
    const run = switchboard(['mcp', 'config', '--write', 'allow', '--sandbox'], { env });
    expect(run.status).toBe(0);
    const entry = (JSON.parse(run.stdout) as { mcpServers: { switchboard: { command: string; args: string[]; env?: Record<string, string> } } }).mcpServers.switchboard;
    // Checked before anything is started: a relative command (npx) would resolve against the client's directory.
    expect(isAbsolute(entry.command)).toBe(true);
    expect(isAbsolute(entry.args[0]!)).toBe(true);
    expect(entry.args.slice(1)).toEqual(['mcp', 'serve', '--write', 'allow', '--sandbox']);
    expect(entry.env).toEqual({ SWITCHBOARD_HOME: env.SWITCHBOARD_HOME });

    // As an MCP client runs it: from an unrelated directory, with only the SDK's default environment plus the entry's.
    const elsewhere = mkdtempSync(join(tmpdir(), 'switchboard-mcp-client-'));
    const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...getDefaultEnvironment(), ...entry.env }, cwd: elsewhere, stderr: 'pipe' }));
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names.filter((n) => n !== 'search_functions').sort()).toEqual(allFunctions.filter((f) => f.available).map((f) => f.mcpTool).sort());
    } finally {
      await client.close();
    }
  }, 60_000);
});

describe('mcp config refuses options it would drop', () => {
  it.each([['--http', '8787'], ['--host', '0.0.0.0'], ['--allowed-origin', 'http://localhost:6274']])('%s is a usage error, not silently left out of the entry', async (...flag) => {
    const { switchboard } = await import('../support.js');
    const run = switchboard(['mcp', 'config', ...flag], { env });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('apply to `mcp serve` only');
  });
});

describe('MCP gateway over Streamable HTTP', () => {
  let child: ChildProcess;
  let url: URL;
  beforeAll(async () => {
    child = spawn(process.execPath, [CLI, 'mcp', 'serve', '--sandbox', '--http', '0', '--integration', 'telnyx'], { env, cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    url = await new Promise<URL>((resolve, reject) => {
      let text = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(text);
        if (match) resolve(new URL(match[1]!));
      });
      child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${text}`)));
    });
  }, 30_000);
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('lists only the chosen integration and answers a read call', async () => {
    const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url));
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names.every((n) => n.startsWith('telnyx__') || n === 'search_functions')).toBe(true);
    const result = await client.callTool({ name: 'telnyx__get_phone_number', arguments: { phone_number_id: '1293384261075731499' } });
    expect((result.structuredContent as { data: { phone_number: string } }).data.phone_number).toBe('+13125550123');
    await client.close();
  });
});
