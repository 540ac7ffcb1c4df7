import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { CLI, REPO, switchboard } from '../support.js';
import { nonExampleArguments, providersWithGenericHelpers, schemaProblems, successExamples } from './arguments.js';

const env = { ...process.env, SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-sandbox-')), SWITCHBOARD_SANDBOX: '' } as Record<string, string>;

/**
 * The specific functions of every provider that also has a generic helper
 * (a function taking any relative path): where the generic mock used to
 * answer for the specific endpoint. Each is called with arguments no example
 * documents, so only the route decides the answer.
 */
const isGeneric = (fn: (typeof bindings)[number]['functions'][number]) => 'params' in fn.spec && fn.spec.params.some((p) => p.pathStyle === 'relative_path');
const besideGenerics = providersWithGenericHelpers(bindings).flatMap((provider) =>
  provider.functions
    .filter((fn) => fn.available && !isGeneric(fn))
    .map((fn) => ({ fn, args: nonExampleArguments(fn) ?? successExamples(fn)[0]?.arguments ?? {} })),
);

describe('sandbox answers beside generic helpers', () => {
  it('has specific functions beside generic helpers to check', () => {
    expect(besideGenerics.length).toBeGreaterThan(0);
  });

  it.each(besideGenerics.map((c) => [c.fn.qualified, c] as const))('switchboard call %s --sandbox --json returns its own resource', (_name, { fn, args }) => {
    const run = switchboard(['call', fn.qualified, JSON.stringify(args), '--sandbox', '--json', ...(fn.operation === 'write' ? ['--force'] : [])], { env });
    const envelope = JSON.parse(run.stdout) as { success: boolean; data: unknown; error: { code: string; message: string } | null };
    expect(envelope.error).toBeNull();
    expect(run.status).toBe(0);
    expect(schemaProblems(fn.outputSchema, envelope.data), `${fn.qualified} answered ${JSON.stringify(envelope.data).slice(0, 200)}`).toEqual([]);
  });
});

describe('MCP tools beside generic helpers (official SDK client, `switchboard mcp serve --sandbox`)', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', '--sandbox', '--write', 'allow'], env, cwd: REPO, stderr: 'pipe' }));
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });

  it.each(besideGenerics.map((c) => [c.fn.mcpTool, c] as const))('%s returns structured content of its own output schema', async (_name, { fn, args }) => {
    const result = await client.callTool({ name: fn.mcpTool, arguments: args });
    expect(result.isError ?? false, JSON.stringify(result.content).slice(0, 300)).toBe(false);
    if (fn.outputSchema?.type === 'object') expect(schemaProblems(fn.outputSchema, result.structuredContent)).toEqual([]);
  });
});
