/**
 * Files through MCP, with the official SDK client on `switchboard mcp serve --sandbox` in a child
 * process: a tool that uploads files takes them as `{ filename, content_type, content |
 * content_base64 }` (its input schema says so), the sandbox answers the documented call, and a
 * bad file is refused before any request, naming the part. The functions (one that sends files as
 * multipart parts, one that sends a file as the whole body) are found in the catalog.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUploadExamples, type FileExample } from '../file-examples.js';
import { CLI, REPO } from '../support.js';

const found = fileUploadExamples();

// Also what keeps this file a suite in a catalog where nothing uploads files (describe.each of none defines no test).
it('finds upload examples that give a file', () => {
  for (const { example, fileParams } of found) expect(fileParams.some((name) => example.arguments[name] !== undefined)).toBe(true);
});

describe.each<FileExample>(found)('file parameters over MCP, sent in a $body body', ({ provider, fn, example, fileParams }) => {
  const client = new Client({ name: 'switchboard-tests', version: '1.0.0' });

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', 'serve', '--sandbox', '--write', 'allow', '--integration', provider.id],
      env: { ...(process.env as Record<string, string>), SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-mcp-files-')) },
      cwd: REPO,
      stderr: 'pipe',
    });
    await client.connect(transport);
  }, 60_000);
  afterAll(() => client.close());

  it('describes a file as its parts in the tool input schema', async () => {
    const tool = (await client.listTools()).tools.find((t) => t.name === fn.mcpTool)!;
    const properties = tool.inputSchema.properties as Record<string, { type?: string; items?: Record<string, unknown> } & Record<string, unknown>>;
    for (const name of fileParams) {
      const schema = properties[name]!.type === 'array' ? properties[name]!.items! : properties[name]!;
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false, properties: { content: { type: 'string' }, content_base64: { type: 'string', contentEncoding: 'base64' }, filename: { type: 'string' }, content_type: { type: 'string' } } });
    }
  });

  it('uploads the documented files and answers as documented', async () => {
    const result = await client.callTool({ name: fn.mcpTool, arguments: example.arguments });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(example.response.body);
  });

  it('refuses a file without its bytes before any request, naming it', async () => {
    const name = fileParams.find((p) => example.arguments[p] !== undefined)!;
    const given = example.arguments[name];
    const bad = { filename: 'empty.txt' };
    const result = await client.callTool({ name: fn.mcpTool, arguments: { ...example.arguments, [name]: Array.isArray(given) ? [bad] : bad } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('must give its bytes as content or content_base64');
  });
});
