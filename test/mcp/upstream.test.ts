import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO, runCli, switchboard } from '../support.js';
import { testProxy } from '../../packages/runtime/test/test-proxy.js';

const FIXTURE = join(REPO, 'test/fixtures/mcp-upstream/server.mjs');
const home = mkdtempSync(join(tmpdir(), 'switchboard-upstream-'));
const env = { ...process.env, SWITCHBOARD_HOME: home } as Record<string, string>;

/** An upstream config naming the fixture server (official SDK, stdio) as `name`, with extra entry keys. */
function upstreamConfig(servers: Record<string, Record<string, unknown>>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'switchboard-upstream-config-')), 'mcp.json');
  const entries = Object.fromEntries(Object.entries(servers).map(([name, extra]) => [name, { command: process.execPath, args: [FIXTURE], ...extra }]));
  writeFileSync(file, JSON.stringify({ mcpServers: entries }));
  return file;
}

function lua(code: string, args: string[]): { status: number | null; json: { success: boolean; output: string; error: string | null; result: unknown; integration_calls: Array<Record<string, unknown>> } } {
  const run = switchboard(['lua', '--json', ...args, '-e', code], { env });
  // The one envelope, read back into the fields these tests look at.
  const envelope = JSON.parse(run.stdout) as { success: boolean; data: { output: string; result: unknown } | null; error: { message: string } | null; meta: { integration_calls: Array<Record<string, unknown>> } };
  return {
    status: run.status,
    json: { success: envelope.success, output: envelope.data?.output ?? '', error: envelope.error?.message ?? null, result: envelope.data?.result ?? null, integration_calls: envelope.meta.integration_calls },
  };
}

describe('upstream MCP servers from Lua (fixture server on the official SDK)', () => {
  const config = upstreamConfig({ orders: {} });

  it('calls a read-only tool as app.mcp.<server>.<tool> and returns its structured content', () => {
    const { status, json } = lua('return app.mcp.orders.lookup_order({order_id = "A-1"})', ['--mcp-config', config]);
    expect(json.error).toBeNull();
    expect(status).toBe(0);
    expect(json.result).toEqual({ order_id: 'A-1', status: 'shipped' });
    expect(json.integration_calls).toEqual([expect.objectContaining({ function: 'app.mcp.orders.lookup_order', operation: 'read', effect: 'read' })]);
  });

  it('refuses a tool that is not annotated read-only without --force, and names the way out', () => {
    const { status, json } = lua('return app.mcp.orders.add_note({text = "hello"})', ['--mcp-config', config]);
    expect(status).toBe(1);
    expect(json.error).toContain("add_note is not annotated read-only, so it counts as a write and was not sent: re-run with --force");
    expect(json.integration_calls).toEqual([expect.objectContaining({ function: 'app.mcp.orders.add_note', operation: 'write', effect: 'denied' })]);
  });

  it('runs the write with --force, and the server keeps its state within the run', () => {
    const code = 'app.mcp.orders.add_note({text = "one"}); app.mcp.orders.add_note({text = "two"}); return mcp.read_resource("orders", "notes://all")[1].text';
    const { json } = lua(code, ['--mcp-config', config, '--force']);
    expect(json.error).toBeNull();
    expect(json.result).toBe('one\ntwo');
    expect(json.integration_calls.map((c) => c.effect)).toEqual(['write_succeeded', 'write_succeeded']);
  });

  it('a server policy of "write": "deny" wins over --force; "allow" needs no --force', () => {
    const denied = lua('return app.mcp.orders.add_note({text = "x"})', ['--mcp-config', upstreamConfig({ orders: { write: 'deny' } }), '--force']);
    expect(denied.json.error).toContain('writes to this server are denied by its "write": "deny"');
    const allowed = lua('return app.mcp.orders.add_note({text = "x"})', ['--mcp-config', upstreamConfig({ orders: { write: 'allow' } })]);
    expect(allowed.json.error).toBeNull();
    expect(allowed.json.result).toBe('saved note 1');
  });

  it('lists servers, tools, schemas, resources and prompts through mcp.*', () => {
    const code = `
      local tools = {}
      for _, t in ipairs(mcp.tools()) do tools[#tools + 1] = t.name .. "=" .. tostring(t.read_only) end
      return {
        servers = mcp.servers()[1].name,
        tools = table.concat(tools, ","),
        schema = mcp.schema("orders", "lookup_order").input_schema.required[1],
        resource = mcp.resources("orders")[1].uri,
        prompt = mcp.prompts("orders")[1].name,
        prompt_text = mcp.get_prompt("orders", "summarize_notes", {style = "in one line"}).messages[1].content.text,
      }`;
    const { json } = lua(code, ['--mcp-config', config]);
    expect(json.error).toBeNull();
    expect(json.result).toEqual({
      servers: 'orders',
      tools: 'lookup_order=true,add_note=false',
      schema: 'order_id',
      resource: 'notes://all',
      prompt: 'summarize_notes',
      prompt_text: 'Summarize 0 notes, in one line.',
    });
  });

  it('names unknown servers and tools, with what is configured', () => {
    // Not `return app.mcp.nope.tool()`: a tail call leaves no script frame to name the line of.
    const server = lua('local r = app.mcp.nope.tool()\nreturn r', ['--mcp-config', config]);
    expect(server.json.error).toMatch(/^script:1: Unknown MCP server: nope\. Configured: orders\.$/);
    const tool = lua('local r = app.mcp.orders.nope()\nreturn r', ['--mcp-config', config]);
    expect(tool.json.error).toBe("script:1: mcp server 'orders' has no tool 'nope'. Its tools: lookup_order, add_note.");
    const arg = lua('local r = mcp.schema(1)\nreturn r', ['--mcp-config', config]);
    expect(arg.json.error).toBe('script:1: mcp.schema: expected string server (argument 1), got number.');
  });

  it('reports a broken config as a usage error naming the file and entry', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'switchboard-upstream-bad-')), 'mcp.json');
    writeFileSync(file, JSON.stringify({ mcpServers: { orders: { args: [] } } }));
    const run = switchboard(['lua', '--mcp-config', file, '-e', 'return 1'], { env });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}: mcpServers.orders needs "command" (a program to start) or "url".`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a configured server that is a Switchboard gateway itself', () => {
    const self = upstreamConfig({ self: { args: [FIXTURE, '--name', 'switchboard'] } });
    const { json } = lua('return app.mcp.self.lookup_order({order_id = "x"})', ['--mcp-config', self]);
    expect(json.error).toContain("mcp server 'self' is a Switchboard gateway itself; it is not proxied");
  });
});

describe('the gateway proxies upstream tools as mcp__<server>__<tool> under its write policy', () => {
  const config = upstreamConfig({ orders: {}, self: { command: process.execPath, args: [CLI, 'mcp', 'serve', '--sandbox'] } });
  let readOnly: Client;
  let writable: Client;
  async function gateway(args: string[]): Promise<Client> {
    const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', '--sandbox', '--mcp-config', config, ...args], env, cwd: REPO, stderr: 'pipe' }));
    return client;
  }
  beforeAll(async () => {
    [readOnly, writable] = await Promise.all([gateway([]), gateway(['--write', 'allow'])]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([readOnly?.close(), writable?.close()]);
  });

  it('lists the read-only upstream tool by default and the other one only with --write allow; never its own tools again', async () => {
    const names = (await readOnly.listTools()).tools.map((t) => t.name).filter((n) => n.startsWith('mcp__'));
    expect(names).toEqual(['mcp__orders__lookup_order']);
    const all = (await writable.listTools()).tools.map((t) => t.name).filter((n) => n.startsWith('mcp__'));
    expect(all.sort()).toEqual(['mcp__orders__add_note', 'mcp__orders__lookup_order']);
  });

  it('forwards a read call and its structured result', async () => {
    const result = await readOnly.callTool({ name: 'mcp__orders__lookup_order', arguments: { order_id: 'B-2' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ order_id: 'B-2', status: 'shipped' });
  });

  it('refuses the write without --write allow and forwards it with', async () => {
    const refused = await readOnly.callTool({ name: 'mcp__orders__add_note', arguments: { text: 'x' } });
    expect(refused.isError).toBe(true);
    expect((refused.content as Array<{ text: string }>)[0]!.text).toBe("mcp server 'orders': add_note is not annotated read-only, so it counts as a write and was not sent: start the gateway with --write allow.");
    const sent = await writable.callTool({ name: 'mcp__orders__add_note', arguments: { text: 'x' } });
    expect(sent.isError).toBeFalsy();
    expect((sent.content as Array<{ text: string }>)[0]!.text).toBe('saved note 1');
  });

  it('answers a call to the refused self-proxy with the reason', async () => {
    const result = await readOnly.callTool({ name: 'mcp__self__search_functions', arguments: { query: 'sms' } });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]!.text).toContain('is a Switchboard gateway itself');
  });
});

describe('switchboard mcp install', () => {
  it('adds its entry to an existing .mcp.json, keeping the other entries and keys, and replaces only its own', () => {
    const project = mkdtempSync(join(tmpdir(), 'switchboard-install-'));
    const other = { command: 'other-server', args: ['--flag'] };
    writeFileSync(join(project, '.mcp.json'), JSON.stringify({ mcpServers: { other }, comment: 'kept' }, null, 2));
    const first = switchboard(['mcp', 'install', '--sandbox'], { cwd: project, env });
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`switchboard MCP server added to ${join(project, '.mcp.json')}\n`);
    const file = JSON.parse(readFileSync(join(project, '.mcp.json'), 'utf8'));
    expect(file.comment).toBe('kept');
    expect(file.mcpServers.other).toEqual(other);
    expect(file.mcpServers.switchboard.args.slice(1)).toEqual(['mcp', 'serve', '--sandbox']);

    const again = switchboard(['mcp', 'install', '--write', 'allow', '--tools', 'search'], { cwd: project, env });
    expect(again.stdout).toContain('updated in');
    const updated = JSON.parse(readFileSync(join(project, '.mcp.json'), 'utf8'));
    expect(updated.mcpServers.other).toEqual(other);
    expect(updated.mcpServers.switchboard.args.slice(1)).toEqual(['mcp', 'serve', '--write', 'allow', '--tools', 'search']);
    expect(switchboard(['mcp', 'install', '--write', 'allow', '--tools', 'search'], { cwd: project, env }).stdout).toContain('already in');
  });

  it('creates the file when there is none, and the entry starts a working gateway', async () => {
    const project = mkdtempSync(join(tmpdir(), 'switchboard-install-new-'));
    expect(switchboard(['mcp', 'install', '--sandbox'], { cwd: project, env }).stdout).toContain('created');
    const entry = JSON.parse(readFileSync(join(project, '.mcp.json'), 'utf8')).mcpServers.switchboard;
    const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...env, ...entry.env }, cwd: project, stderr: 'pipe' }));
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThan(1);
    } finally {
      await client.close();
    }
  });

  it('never overwrites a file it cannot read as JSON', () => {
    const project = mkdtempSync(join(tmpdir(), 'switchboard-install-bad-'));
    writeFileSync(join(project, '.mcp.json'), '{ "mcpServers": { broken');
    const run = switchboard(['mcp', 'install'], { cwd: project, env });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('is not valid JSON');
    expect(run.stderr).toContain('nothing was written');
    expect(readFileSync(join(project, '.mcp.json'), 'utf8')).toBe('{ "mcpServers": { broken');
  });

  it('says which file it cannot read, not "unexpected error", and writes nothing', () => {
    const project = mkdtempSync(join(tmpdir(), 'switchboard-install-dir-'));
    mkdirSync(join(project, '.mcp.json'));
    const run = switchboard(['mcp', 'install', '--json'], { cwd: project, env });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).error).toEqual({ code: 'install_failed', message: `${join(project, '.mcp.json')} cannot be read (EISDIR); nothing was written.` });
    expect(readdirSync(project)).toEqual(['.mcp.json']);
    expect(readdirSync(join(project, '.mcp.json'))).toEqual([]);
  });
});

describe('an upstream server reached by URL (Streamable HTTP)', () => {
  let child: import('node:child_process').ChildProcess;
  let url: string;
  beforeAll(async () => {
    const { spawn } = await import('node:child_process');
    child = spawn(process.execPath, [FIXTURE, '--http'], { stdio: ['ignore', 'ignore', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(text);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}: ${text}`)));
    });
  }, 30_000);
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('is called from Lua like a stdio server, under the same policy', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'switchboard-upstream-http-')), 'mcp.json');
    writeFileSync(file, JSON.stringify({ mcpServers: { remote: { url } } }));
    const read = lua('return app.mcp.remote.lookup_order({order_id = "H-1"})', ['--mcp-config', file]);
    expect(read.json.error).toBeNull();
    expect(read.json.result).toEqual({ order_id: 'H-1', status: 'shipped' });
    expect(lua('return app.mcp.remote.add_note({text = "x"})', ['--mcp-config', file]).json.error).toContain('counts as a write and was not sent');
    expect(lua('return mcp.servers()[1].transport', ['--mcp-config', file]).json.result).toBe('http');
  });

  it('is reached through HTTP_PROXY when the environment names one, its answers streamed back', async () => {
    const port = Number(new URL(url).port);
    const through = await testProxy({ forwardTo: (host) => (host === `mcp.example.test:${port}` ? port : undefined) });
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'switchboard-upstream-proxy-')), 'mcp.json');
      writeFileSync(file, JSON.stringify({ mcpServers: { remote: { url: url.replace('127.0.0.1', 'mcp.example.test') } } }));
      const run = await runCli(['lua', '--json', '--mcp-config', file, '-e', 'return app.mcp.remote.lookup_order({order_id = "H-2"})'], { ...env, HTTP_PROXY: `http://me:pw@127.0.0.1:${through.port}`, NO_PROXY: '', no_proxy: '' });
      expect(JSON.parse(run.stdout).data.result).toEqual({ order_id: 'H-2', status: 'shipped' });
      // Every request of the session (initialize, the tool call, ...) went through the proxy, in absolute form.
      expect(through.forwarded.length).toBeGreaterThanOrEqual(2);
      expect(through.forwarded.every((r) => r.target.startsWith(`http://mcp.example.test:${port}/`))).toBe(true);
      expect(through.forwarded[0]!.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('me:pw').toString('base64')}`);
    } finally {
      await through.close();
    }
  });
});

describe('upstream tools in search-first mode', () => {
  const config = upstreamConfig({ orders: {} });
  async function gateway(args: string[]): Promise<Client> {
    const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', '--sandbox', '--tools', 'search', '--mcp-config', config, ...args], env, cwd: REPO, stderr: 'pipe' }));
    return client;
  }
  type Hit = { function: string; operation: string; callable: boolean; requires?: string };
  const text = (result: Awaited<ReturnType<Client['callTool']>>) => (result.content as Array<{ text: string }>)[0]!.text;

  it('are not listed, but found, described and called through the meta-tools under the write policy', async () => {
    const [readOnly, writable] = await Promise.all([gateway([]), gateway(['--write', 'allow'])]);
    try {
      expect((await readOnly.listTools()).tools.map((t) => t.name).sort()).toEqual(['call_function', 'describe_function', 'search_functions']);
      const hits = (await readOnly.callTool({ name: 'search_functions', arguments: { query: 'store a note' } })).structuredContent as { functions: Hit[] };
      expect(hits.functions).toContainEqual(expect.objectContaining({ function: 'mcp__orders__add_note', operation: 'write', callable: false, requires: '--write allow' }));
      const described = (await readOnly.callTool({ name: 'describe_function', arguments: { function: 'mcp__orders__add_note' } })).structuredContent as { input_schema: { required: string[] } };
      expect(described.input_schema.required).toEqual(['text']);
      const refused = await readOnly.callTool({ name: 'call_function', arguments: { function: 'mcp__orders__add_note', arguments: { text: 'x' } } });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toContain('counts as a write and was not sent: start the gateway with --write allow');
      const read = await readOnly.callTool({ name: 'call_function', arguments: { function: 'mcp__orders__lookup_order', arguments: { order_id: 'S-1' } } });
      expect(read.structuredContent).toEqual({ order_id: 'S-1', status: 'shipped' });
      const sent = await writable.callTool({ name: 'call_function', arguments: { function: 'mcp__orders__add_note', arguments: { text: 'x' } } });
      expect(sent.isError).toBeFalsy();
      expect(text(sent)).toBe('saved note 1');
    } finally {
      await Promise.all([readOnly.close(), writable.close()]);
    }
  }, 60_000);
});
