import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import * as mocks from '@switchboard/mocks';
import type { FunctionExample, ProviderExamples } from '@switchboard/testing';
import { CLI, REPO } from '../support.js';

const env = { ...process.env, SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-mcp-search-')) } as Record<string, string>;

async function gateway(args: string[]): Promise<Client> {
  const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', '--sandbox', ...args], env, cwd: REPO, stderr: 'pipe' }));
  return client;
}

const allFunctions = bindings.flatMap((p) => p.functions);
/** What "send an sms" must find: every available write function called send_sms, whichever providers the catalog has. */
const smsSenders = allFunctions.filter((f) => f.available && f.operation === 'write' && f.name === 'send_sms');
const examples: FunctionExample[] = Object.values(mocks)
  .filter((v): v is ProviderExamples => typeof v === 'object' && v !== null && 'examples' in v)
  .flatMap((p) => p.examples);
const successExample = (fn: string) => examples.find((e) => e.function === fn && e.response.status < 400)!;

type Hit = { function: string; operation: string; callable: boolean; tool?: string; requires?: string };
const hitsOf = (result: Awaited<ReturnType<Client['callTool']>>) => (result.structuredContent as { functions: Hit[] }).functions;
const textOf = (result: Awaited<ReturnType<Client['callTool']>>) => (result.content as Array<{ text: string }>)[0]!.text;

describe('search-first MCP mode (--tools search), driven by the official SDK client', () => {
  let readOnly: Client;
  let writable: Client;
  beforeAll(async () => {
    [readOnly, writable] = await Promise.all([gateway(['--tools', 'search']), gateway(['--tools', 'search', '--write', 'allow'])]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([readOnly?.close(), writable?.close()]);
  });

  it('lists only the three meta-tools', async () => {
    const { tools } = await readOnly.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['call_function', 'describe_function', 'search_functions']);
    expect(tools.find((t) => t.name === 'search_functions')!.annotations).toMatchObject({ readOnlyHint: true });
    expect(tools.find((t) => t.name === 'call_function')!.annotations).toMatchObject({ readOnlyHint: false });
  });

  it('finds the send_sms writes for "send an sms" even when writes are not allowed, marked as needing --write allow', async () => {
    expect(smsSenders.length).toBeGreaterThan(0);
    const hits = hitsOf(await readOnly.callTool({ name: 'search_functions', arguments: { query: 'send an sms', limit: smsSenders.length } }));
    expect(hits.map((h) => h.function).sort()).toEqual(smsSenders.map((f) => f.qualified).sort());
    for (const hit of hits) expect(hit).toMatchObject({ operation: 'write', callable: false, requires: '--write allow' });
  });

  it('marks the same hits callable when the gateway allows writes', async () => {
    const hits = hitsOf(await writable.callTool({ name: 'search_functions', arguments: { query: 'send an sms', limit: smsSenders.length } }));
    for (const hit of hits) {
      expect(hit.callable).toBe(true);
      expect(hit.requires).toBeUndefined();
    }
  });

  it('describes a function with the same schema and annotations its direct tool has', async () => {
    const [fn] = smsSenders;
    const described = (await readOnly.callTool({ name: 'describe_function', arguments: { function: fn!.qualified } })).structuredContent as Record<string, unknown>;
    expect(described).toMatchObject({ function: fn!.qualified, operation: 'write', callable: false, annotations: { readOnlyHint: false } });
    expect((described.input_schema as { properties: object }).properties).toEqual(expect.objectContaining(Object.fromEntries(fn!.parameters.filter((p) => p.required).map((p) => [p.name, expect.anything()]))));
    expect(described.docs).toBe(`docs://${bindings.find((p) => p.functions.includes(fn!))!.id}/${fn!.name}`);
  });

  it('an agent searches "send an sms", describes the first hit and calls it: refused without --write allow, sent with it', async () => {
    for (const [client, allowed] of [[readOnly, false], [writable, true]] as const) {
      const [first] = hitsOf(await client.callTool({ name: 'search_functions', arguments: { query: 'send an sms' } }));
      expect(smsSenders.map((f) => f.qualified)).toContain(first!.function);
      await client.callTool({ name: 'describe_function', arguments: { function: first!.function } });
      const result = await client.callTool({ name: 'call_function', arguments: { function: first!.function, arguments: successExample(first!.function).arguments } });
      if (allowed) {
        expect(result.isError, textOf(result)).toBeFalsy();
        expect(result.structuredContent).toEqual(successExample(first!.function).response.body);
      } else {
        expect(result.isError).toBe(true);
        expect(textOf(result)).toBe(`${first!.function} is a write, and this gateway does not allow writes: start it with --write allow (a provider policy of deny still wins).`);
      }
    }
  });

  it('calls every send_sms write through call_function with its documented example', async () => {
    for (const fn of smsSenders) {
      const example = successExample(fn.qualified);
      const result = await writable.callTool({ name: 'call_function', arguments: { function: fn.qualified, arguments: example.arguments } });
      expect(result.isError, `${fn.qualified}: ${textOf(result)}`).toBeFalsy();
    }
  });

  it('still refuses a write when the provider policy denies it, even with --write allow', async () => {
    const [fn] = smsSenders;
    const provider = bindings.find((p) => p.functions.includes(fn!))!;
    const home = mkdtempSync(join(tmpdir(), 'switchboard-mcp-policy-'));
    const { switchboard } = await import('../support.js');
    expect(switchboard(['configure', provider.id, '--write', 'deny'], { env: { ...env, SWITCHBOARD_HOME: home } }).status).toBe(0);
    const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', '--sandbox', '--tools', 'search', '--write', 'allow'], env: { ...env, SWITCHBOARD_HOME: home }, cwd: REPO, stderr: 'pipe' }));
    try {
      const hit = hitsOf(await client.callTool({ name: 'search_functions', arguments: { query: 'send an sms', limit: 50 } })).find((h) => h.function === fn!.qualified)!;
      expect(hit).toMatchObject({ callable: false, requires: `switchboard configure ${provider.id} --write allow` });
      const result = await client.callTool({ name: 'call_function', arguments: { function: fn!.qualified, arguments: successExample(fn!.qualified).arguments } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('denied by policy');
    } finally {
      await client.close();
    }
  });

  it('answers a read through call_function, and names what is wrong in bad calls', async () => {
    const read = examples.find((e) => allFunctions.some((f) => f.qualified === e.function && f.available && f.operation === 'read') && e.response.status < 400)!;
    const result = await readOnly.callTool({ name: 'call_function', arguments: { function: read.function, arguments: read.arguments } });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual(read.response.body);
    expect(textOf(await readOnly.callTool({ name: 'call_function', arguments: {} }))).toContain("call_function needs 'function'");
    expect(textOf(await readOnly.callTool({ name: 'call_function', arguments: { function: 'nope.nothing' } }))).toBe('Unknown function: nope.nothing. Use search_functions to find one.');
    expect(textOf(await readOnly.callTool({ name: 'call_function', arguments: { function: read.function, arguments: [1] } }))).toContain("'arguments' must be an object");
  });

  it('serves docs through the docs:// resource templates', async () => {
    const { resourceTemplates } = await readOnly.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['docs://{provider}', 'docs://{provider}/{function}']);
    const [fn] = smsSenders;
    const provider = bindings.find((p) => p.functions.includes(fn!))!;
    const page = await readOnly.readResource({ uri: `docs://${provider.id}/${fn!.name}` });
    expect((page.contents[0] as { text: string }).text).toBe(fn!.docs);
    expect((await readOnly.readResource({ uri: `docs://${provider.id}` })).contents[0]).toMatchObject({ text: provider.docs });
    await expect(readOnly.readResource({ uri: 'docs://no-such-provider' })).rejects.toThrow(/not found|not served/);
  });

  it('offers one prompt per provider saying how to use it through the meta-tools', async () => {
    const { prompts } = await readOnly.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(bindings.map((p) => `use_${p.namespace}`).sort());
    const [fn] = smsSenders;
    const provider = bindings.find((p) => p.functions.includes(fn!))!;
    const prompt = await readOnly.getPrompt({ name: `use_${provider.namespace}` });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain('search_functions');
    expect(text).toContain(`- ${fn!.qualified} (write)`);
    expect(text).toContain('--write allow');
    for (const field of provider.fields) expect(text).toContain(field.env);
  });
});

describe('the tool mode by default', () => {
  it('lists one tool per function while the catalog is under the search-first threshold', async () => {
    const { SEARCH_FIRST_ABOVE, toolModeFor } = await import('../../packages/cli/src/mcp/tool-mode.js');
    const client = await gateway([]);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      const expected = toolModeFor('auto', allFunctions.filter((f) => f.available && f.operation === 'read').length);
      expect(names.includes('call_function')).toBe(expected === 'search');
      expect(expected === 'all').toBe(names.length - 1 <= SEARCH_FIRST_ABOVE);
    } finally {
      await client.close();
    }
  });

  it.each([
    ['auto', 1, 'all'],
    ['auto', 128, 'all'],
    ['auto', 129, 'search'],
    ['all', 10_000, 'all'],
    ['search', 1, 'search'],
  ] as const)('%s with %i tools is %s', async (requested, count, expected) => {
    const { toolModeFor } = await import('../../packages/cli/src/mcp/tool-mode.js');
    expect(toolModeFor(requested, count)).toBe(expected);
  });

  it('--tools takes all, search or auto only', async () => {
    const { switchboard } = await import('../support.js');
    const run = switchboard(['mcp', 'serve', '--tools', 'some'], { env });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("option '--tools <mode>' argument 'some' is invalid. Allowed choices are all, search, auto.");
  });
});

describe('tool descriptions carry no Lua syntax', () => {
  it('no input schema of any tool describes a value as a Lua table', async () => {
    const client = await gateway(['--write', 'allow', '--tools', 'all']);
    try {
      const { tools } = await client.listTools();
      const luaTable = /\{\{?\s*[a-z_]+\s*=\s/;
      for (const tool of tools) expect(JSON.stringify(tool.inputSchema), tool.name).not.toMatch(luaTable);
    } finally {
      await client.close();
    }
  });
});
