/**
 * A provider that declares `errors.details` names an answer's field-level reasons in the error the
 * CLI and Lua show, and `--json` carries them as `error.details`. The provider is whichever of the
 * catalog declares details; its documented error answer is served by a local server, through the
 * real CLI, Lua host and runtime transport.
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

/** A read of the `default` server with a documented example, of a provider that declares error details. */
function aReadWithDetails(): { provider: Provider; fn: Func; args: Record<string, unknown> } | null {
  const loaded = loadCatalog(join(REPO, 'specs'));
  if (!loaded.ok) throw new Error('specs/ does not load; run switchboard validate');
  for (const provider of loaded.catalog.providers) {
    if (!provider.errors.details) continue;
    for (const fn of provider.functions) {
      const example = fn.examples.find((e) => e.account === null);
      if (fn.operation === 'read' && fn.binding.kind === 'http' && fn.binding.server.name === 'default' && example) return { provider, fn, args: example.arguments };
    }
  }
  return null;
}

const found = aReadWithDetails();

function run(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(found === null)(`the field-level reasons of an error answer (${found?.fn.names.qualified})`, () => {
  const { provider, fn, args } = found!;
  const documented = provider.errors.documented.details;
  let server: Server;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(provider.errors.example.status, { 'content-type': 'application/json' }).end(JSON.stringify(provider.errors.example.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fields = Object.fromEntries(provider.fields.map((f) => [f.env, f.example]));
    env = { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-details-')), SWITCHBOARD_SANDBOX: '', ...fields, [`${provider.envPrefix}_BASE_URL`]: origin };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('are in the message and, with --json, in error.details', async () => {
    expect(documented.length).toBeGreaterThan(0);
    const called = await run(['call', fn.names.qualified, JSON.stringify(args), '--json'], env);
    expect(called.status).toBe(1);
    const envelope = JSON.parse(called.stdout) as { error: { message: string; details: { details?: string[] } & Record<string, unknown> } };
    expect(envelope.error.details.details).toEqual(documented);
    expect(envelope.error.message).toContain(`Details: ${documented.join('; ')}`);
  });

  it('reach a Lua script that catches the error (err.details), and end an uncaught one', async () => {
    const call = `app.integrations.${provider.namespace}.${fn.name}(json.decode(${JSON.stringify(JSON.stringify(args))}))`;
    const caught = await run(['lua', '-e', `local ok, err = pcall(function() return ${call} end)\nreturn { text = tostring(err), details = err.details }`, '--json'], env);
    const { result } = (JSON.parse(caught.stdout) as { data: { result: { text: string; details: string[] } } }).data;
    expect(result.details).toEqual(documented);
    expect(result.text).toContain(`Details: ${documented.join('; ')}`);
    const uncaught = await run(['lua', '-e', `return ${call}`, '--json'], env);
    expect((JSON.parse(uncaught.stdout) as { error: { message: string } }).error.message).toContain(`Details: ${documented.join('; ')}`);
  });
});
