/**
 * Downloading files from the command line, against a real local server (through a base-URL
 * override) that answers with a documented file's bytes, name and media type: the JSON answer
 * carries them in base64, `--output <folder>/` saves the exact bytes under the answer's name,
 * `--output -` writes them alone to stdout, and a misplaced `--output` is refused before any
 * request. The function is found in the catalog, so the test names no provider.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindings } from '@switchboard/bindings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDownloadExamples } from '../file-examples.js';
import { CLI, REPO, runCli, switchboard } from '../support.js';

const [found] = fileDownloadExamples();

/** The binary's stdout as bytes: a file written there must not pass through text decoding. */
function runForBytes(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr }));
  });
}

describe.skipIf(!found)('downloaded files from the command line', () => {
  const { provider, fn, example } = found!;
  const file = example.response.file;
  const bytes = Buffer.from(file.content_base64, 'base64');
  const home = mkdtempSync(join(tmpdir(), 'switchboard-download-home-'));
  const env = { SWITCHBOARD_HOME: home, SWITCHBOARD_SANDBOX: '', ...Object.fromEntries(provider.fields.map((f) => [f.env, f.key === 'region' ? 'us' : `download-test-${f.key}`])) };
  const payload = JSON.stringify(example.arguments);

  let server: Server;
  let origin = '';
  let requests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      req.resume();
      const headers: Record<string, string> = { 'content-type': file.content_type };
      if (file.filename !== null) headers['content-disposition'] = `attachment; filename="${file.filename}"`;
      res.writeHead(200, headers).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers with the file as JSON: its name, media type, size and bytes in base64', async () => {
    const run = await runCli(['call', fn.qualified, payload, '--base-url', origin, '--json'], env);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).data).toMatchObject({ filename: file.filename, content_type: file.content_type, size: bytes.length, content_base64: file.content_base64 });
  });

  it('saves the exact bytes into a folder under the name the answer gives, printing the file without them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'switchboard-download-'));
    const run = await runCli(['call', fn.qualified, payload, '--base-url', origin, '--output', `${folder}/`, '--json'], env);
    expect(run.status).toBe(0);
    const saved = join(folder, file.filename ?? `${fn.name}.bin`);
    expect(JSON.parse(run.stdout).data).toEqual({ filename: file.filename, content_type: file.content_type, size: bytes.length, saved_to: saved });
    expect(readFileSync(saved)).toEqual(bytes);
  });

  it('writes only the bytes to stdout with --output -', async () => {
    const run = await runForBytes(['call', fn.qualified, payload, '--base-url', origin, '--output', '-'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toEqual(bytes);
  });

  it('fails, naming the path, when the file cannot be written there', async () => {
    const absent = join(mkdtempSync(join(tmpdir(), 'switchboard-download-')), 'no-such-folder', 'file.bin');
    const run = await runCli(['call', fn.qualified, payload, '--base-url', origin, '--output', absent, '--json'], env);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'output_not_written' });
    expect(JSON.parse(run.stdout).error.message).toContain(absent);
  });

  it('says on a terminal, without --output, that the answer is a file and how to save it', async () => {
    const { run } = (await import(join(REPO, 'packages/cli/dist/main.js'))) as { run: (argv: string[], io: object) => Promise<number> };
    let stdout = '';
    let stderr = '';
    const io = { stdout: { isTTY: true, write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: REPO };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      expect(await run(['call', fn.qualified, payload, '--base-url', origin], io)).toBe(0);
    } finally {
      process.env = saved;
    }
    expect(JSON.parse(stdout)).toMatchObject({ content_base64: file.content_base64 });
    expect(stderr).toContain('the answer is a file: --output <path> saves it');
  });

  it('refuses --output for a function that answers with JSON, and --output - with --json, before any request', () => {
    const before = requests;
    const json = bindings.flatMap((p) => p.functions).find((f) => f.available && f.outputSchema !== null && !('download' in f.spec && f.spec.download))!;
    const refused = switchboard(['call', json.qualified, '{}', '--output', 'answer.bin', '--base-url', origin, '--json'], { env });
    expect(refused.status).toBe(2);
    expect(JSON.parse(refused.stdout).error.message).toContain(`--output saves a downloaded file, and ${json.qualified} answers with JSON`);
    const both = switchboard(['call', fn.qualified, payload, '--output', '-', '--base-url', origin, '--json'], { env });
    expect(both.status).toBe(2);
    expect(requests).toBe(before);
  });
});
