/**
 * Generation as a turbo task, end to end, in a clone of the committed tree: a second
 * `turbo run //#generate` with unchanged specs is a cache hit (local cache), and with the README's
 * remote-cache variables set turbo writes the result to a remote cache and a fresh machine (an empty
 * local cache) reads it back. The remote cache is a small HTTP server of the turbo cache API,
 * so this checks what turbo does with the variables, not how fast anything is.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support.js';

interface Run {
  status: number | null;
  output: string;
}

/** `turbo run //#generate` in `cwd`, only that task (the generator is copied in built), with its own local cache folder. */
function turboGenerate(cwd: string, cacheDir: string, env: Record<string, string> = {}): Promise<Run> {
  // On a machine whose environment names a proxy (a corporate CI), turbo sends through it, loopback
  // included: the test's remote cache on 127.0.0.1 is reached directly, whatever else NO_PROXY says.
  const direct = [process.env.NO_PROXY || process.env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  return new Promise((resolve, reject) => {
    const child = spawn(join(cwd, 'node_modules/.bin/turbo'), ['run', '//#generate', '--only', `--cache-dir=${cacheDir}`, '--output-logs=full', '--no-daemon'], {
      cwd,
      env: { ...process.env, NO_PROXY: direct, no_proxy: direct, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', TURBO_TOKEN: '', TURBO_TEAM: '', TURBO_API: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** The turbo remote cache API as far as `turbo run` uses it: artifacts by hash, kept in memory. */
function remoteCache(): Promise<{ server: Server; url: string; requests: string[]; artifacts: Map<string, Buffer> }> {
  const artifacts = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(`${req.method} ${path}`);
    const artifact = /^\/v8\/artifacts\/([0-9a-f]+)$/.exec(path)?.[1];
    const body: Buffer[] = [];
    req.on('data', (d: Buffer) => body.push(d));
    req.on('end', () => {
      if (path === '/v8/artifacts/status') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"enabled"}');
      if (artifact && req.method === 'PUT') {
        artifacts.set(artifact, Buffer.concat(body));
        return void res.writeHead(202, { 'content-type': 'application/json' }).end('{"urls":[]}');
      }
      if (artifact && (req.method === 'GET' || req.method === 'HEAD')) {
        const found = artifacts.get(artifact);
        if (!found) return void res.writeHead(404).end();
        return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': found.length }).end(req.method === 'GET' ? found : undefined);
      }
      // Anything else turbo reports (events, usage): accepted and ignored.
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, artifacts })));
}

const ran = (run: Run) => !/cache hit/i.test(run.output);

// Each step is a whole turbo run generating the real catalog; the limit only has to end a hang.
describe('turbo caches //#generate', { timeout: 600_000 }, () => {
  const base = mkdtempSync(join(tmpdir(), 'switchboard-turbo-'));
  const clone = join(base, 'repo');

  beforeAll(() => {
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', REPO, clone]);
    // The repo's installed packages, linked one by one so that the clone's generation cache
    // (node_modules/.cache) is its own; the built generator and runtime copied in, since `--only`
    // runs generate without building them.
    mkdirSync(join(clone, 'node_modules'));
    for (const name of readdirSync(join(REPO, 'node_modules'))) {
      if (name !== '.cache') symlinkSync(join(REPO, 'node_modules', name), join(clone, 'node_modules', name));
    }
    for (const dir of ['generator/dist', 'packages/runtime/dist']) cpSync(join(REPO, dir), join(clone, dir), { recursive: true });
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('a second run with unchanged specs is a cache hit, and generate writes nothing either time', async () => {
    const cache = join(base, 'local-cache');
    const first = await turboGenerate(clone, cache);
    expect(first.status, first.output).toBe(0);
    expect(ran(first), first.output).toBe(true);
    expect(first.output).toMatch(/0 written, 0 removed/);
    const second = await turboGenerate(clone, cache);
    expect(second.status, second.output).toBe(0);
    expect(second.output).toMatch(/cache hit, replaying logs/i);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' })).toBe('');
  });

  it('with TURBO_TOKEN, TURBO_TEAM and TURBO_API set, the result goes to the remote cache and another machine reads it from there', async () => {
    const remote = await remoteCache();
    try {
      const env = { TURBO_TOKEN: 'test-token', TURBO_TEAM: 'test-team', TURBO_API: remote.url };
      const writer = await turboGenerate(clone, join(base, 'machine-a'), env);
      expect(writer.status, writer.output).toBe(0);
      expect(remote.requests.some((r) => r.startsWith('PUT /v8/artifacts/')), remote.requests.join('\n')).toBe(true);
      expect(remote.artifacts.size).toBeGreaterThan(0);

      // An empty local cache: only the remote one can make this a hit.
      const readerCache = join(base, 'machine-b');
      const reader = await turboGenerate(clone, readerCache, env);
      expect(reader.status, reader.output).toBe(0);
      expect(reader.output).toMatch(/cache hit, replaying logs/i);
      expect(remote.requests.some((r) => /^(GET|HEAD) \/v8\/artifacts\/[0-9a-f]+$/.test(r))).toBe(true);
      expect(existsSync(readerCache)).toBe(true);
    } finally {
      remote.server.close();
    }
  });
});
