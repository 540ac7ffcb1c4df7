/**
 * A failed write is logged as `failed` only when the runtime knows nothing was
 * sent, and as `write_unknown` when the request may have reached the provider:
 * the call log is how a person (or agent) decides whether to check before
 * calling again. Driven through the real CLI, Lua host and runtime transport.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, type Func, type Provider } from '@switchboard/generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO, type CliRun } from '../support.js';

/** A write of the `default` server with a documented example, from the catalog. */
function aDocumentedWrite(): { provider: Provider; fn: Func; args: Record<string, unknown> } {
  const loaded = loadCatalog(join(REPO, 'specs'));
  if (!loaded.ok) throw new Error('specs/ does not load; run switchboard validate');
  for (const provider of loaded.catalog.providers) {
    for (const fn of provider.functions) {
      const example = fn.examples.find((e) => e.account === null);
      if (fn.operation === 'write' && fn.binding.kind === 'http' && fn.binding.server.name === 'default' && example) return { provider, fn, args: example.arguments };
    }
  }
  throw new Error('the catalog has no documented write on a default server');
}

const { provider, fn, args } = aDocumentedWrite();

function envFor(baseUrl: string): Record<string, string> {
  const fields = Object.fromEntries(provider.fields.map((f) => [f.env, f.example]));
  return { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-outcome-')), SWITCHBOARD_SANDBOX: '', ...fields, [`${provider.envPrefix}_BASE_URL`]: baseUrl };
}

function lua(baseUrl: string): Promise<CliRun> {
  const call = `return app.integrations.${provider.namespace}.${fn.name}(json.decode(${JSON.stringify(JSON.stringify(args))}))`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'lua', '-e', call, '--json', '--force'], { cwd: REPO, env: { ...process.env, ...envFor(baseUrl) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe(`the call log of a failed write (${fn.names.qualified})`, () => {
  let server: Server;
  let origin: string;
  let received = 0;
  beforeAll(async () => {
    // Reads the whole request, then drops the connection without answering.
    server = createServer((req) => {
      req.resume();
      req.on('end', () => {
        received++;
        req.socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is write_unknown when the connection broke after the request was sent, and the write is not repeated', async () => {
    const run = await lua(origin);
    const envelope = JSON.parse(run.stdout) as { success: boolean; meta: { integration_calls: Array<{ effect: string; error?: string }> } };
    expect(envelope.success).toBe(false);
    expect(envelope.meta.integration_calls).toEqual([expect.objectContaining({ function: fn.names.qualified, effect: 'write_unknown' })]);
    expect(received).toBe(1);
  });

  it('is failed when the connection was refused, so nothing was sent', async () => {
    // Port 0 cannot be listened on, so connecting to it is always refused.
    const run = await lua('http://127.0.0.1:0');
    const envelope = JSON.parse(run.stdout) as { success: boolean; meta: { integration_calls: Array<{ effect: string; error?: string }> } };
    expect(envelope.meta.integration_calls).toEqual([expect.objectContaining({ function: fn.names.qualified, effect: 'failed' })]);
    expect(envelope.meta.integration_calls[0]?.error).toMatch(/nothing was sent/);
  });
});
