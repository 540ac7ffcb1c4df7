/**
 * Downloaded files through MCP, with the official SDK client on `switchboard mcp serve --sandbox`
 * in a child process: a tool that returns a file declares the file answer as its output schema,
 * answers with the documented file as MCP content (an image or audio block, else an embedded
 * resource with its bytes) and as structured content, and refuses a file larger than
 * `--max-result-chars` by name instead of cutting it. The functions are found in the catalog.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDownloadExamples } from '../file-examples.js';
import { CLI, REPO } from '../support.js';

const found = fileDownloadExamples();

async function connected(args: string[]): Promise<Client> {
  const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', 'serve', '--sandbox', ...args],
    env: { ...(process.env as Record<string, string>), SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-mcp-downloads-')) },
    cwd: REPO,
    stderr: 'pipe',
  });
  await client.connect(transport);
  return client;
}

describe.skipIf(found.length === 0)('downloaded files over MCP', () => {
  const providers = [...new Set(found.map((f) => f.provider.id))];
  let client: Client;
  beforeAll(async () => {
    client = await connected(providers.flatMap((id) => ['--integration', id]).concat(['--tools', 'all']));
  }, 60_000);
  afterAll(() => client.close());

  it.each(found.map((f) => [f.fn.qualified, f] as const))('%s answers with the documented file as content and structured content', async (_, { fn, example }) => {
    const tool = (await client.listTools()).tools.find((t) => t.name === fn.mcpTool)!;
    expect(tool.outputSchema).toMatchObject({ type: 'object', required: ['filename', 'content_type', 'size', 'content_base64'] });
    const result = await client.callTool({ name: fn.mcpTool, arguments: example.arguments });
    expect(result.isError).toBeFalsy();
    const { file } = example.response;
    const size = Buffer.from(file.content_base64, 'base64').length;
    expect(result.structuredContent).toMatchObject({ filename: file.filename, content_type: file.content_type, size, content_base64: file.content_base64 });
    const kind = file.content_type.split('/')[0];
    const block = (result.content as Array<Record<string, unknown>>)[1];
    if (kind === 'image' || kind === 'audio') expect(block).toEqual({ type: kind, data: file.content_base64, mimeType: file.content_type });
    else {
      // A text file is embedded as its text, any other as its bytes.
      const text = (result.structuredContent as { content?: string }).content;
      expect(block).toMatchObject({ type: 'resource', resource: { mimeType: file.content_type, ...(text !== undefined ? { text } : { blob: file.content_base64 }) } });
    }
  });

  it('refuses a file larger than --max-result-chars by name, not cut', async () => {
    const { fn, example, provider } = found[0]!;
    const small = await connected(['--integration', provider.id, '--tools', 'all', '--max-result-chars', '8']);
    try {
      const result = await small.callTool({ name: fn.mcpTool, arguments: example.arguments });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toContain('more than this server\'s --max-result-chars (8)');
    } finally {
      await small.close();
    }
  }, 60_000);
});
