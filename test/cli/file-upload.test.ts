/**
 * Uploading files from the command line: `--<param> @path` reads the file, and the request that
 * reaches a real local server (through a base-URL override) is multipart/form-data with the
 * file's bytes, name and media type, parsed by undici's own multipart parser, or for a function
 * whose body is one file (`request.body: binary`) exactly the file's bytes with its media type.
 * The functions are found in the catalog (the first documented example that uploads files, for
 * each way of sending them), so the test names no provider.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordRequest, type RecordedRequest } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUploadExamples, type FileExample } from '../file-examples.js';
import { runCli, switchboard } from '../support.js';

const found = fileUploadExamples();

// Also what keeps this file a suite in a catalog where nothing uploads files (describe.each of none defines no test).
it('finds upload examples that give a file', () => {
  for (const { example, fileParams } of found) expect(fileParams.some((name) => example.arguments[name] !== undefined)).toBe(true);
});

describe.each<FileExample>(found)('file parameters from the command line, sent in a $body body', ({ provider, fn, example, fileParams, body: sentIn }) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-upload-'));
  const home = mkdtempSync(join(tmpdir(), 'switchboard-upload-home-'));
  const env = { SWITCHBOARD_HOME: home, SWITCHBOARD_SANDBOX: '', ...Object.fromEntries(provider.fields.map((f) => [f.env, f.key === 'region' ? 'us' : `upload-test-${f.key}`])) };
  // The example's other arguments as the payload; each file parameter as --flag @path, one file per flag.
  const payload = Object.fromEntries(Object.entries(example.arguments).filter(([name]) => !fileParams.includes(name)));
  const uploads = [
    { name: 'notes.txt', bytes: Buffer.from('first line\nsecond line\n'), type: 'text/plain' },
    { name: 'pixel.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), type: 'image/png' },
  ];
  for (const upload of uploads) writeFileSync(join(dir, upload.name), upload.bytes);
  const param = fileParams.find((name) => example.arguments[name] !== undefined)!;
  const rule = (fn.spec as { args: { properties: Record<string, { type?: string }> } }).args.properties[param]!;
  const given = rule.type === 'file' ? uploads.slice(0, 1) : uploads;
  // The function's own server is the one to replace (uploads may go to a host of their own).
  const serverName = (fn.spec as { server?: string }).server ?? 'default';
  const flags = given.flatMap((upload) => [`--${param.replace(/_/g, '-')}`, `@${join(dir, upload.name)}`]);

  let server: Server;
  let origin = '';
  const received: RecordedRequest[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
        void recordRequest(new Request(`http://local.test${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) })).then((recorded) => {
          received.push(recorded);
          res.writeHead(example.response.status, { 'content-type': 'application/json' }).end(JSON.stringify(example.response.body));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('uploads each @path as a file part with its bytes, name and media type', async () => {
    const run = await runCli(['call', fn.qualified, JSON.stringify(payload), ...flags, '--base-url', `${serverName}=${origin}`, '--force', '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).data).toEqual(example.response.body);
    expect(received).toHaveLength(1);
    if (sentIn === 'binary') {
      expect([received[0]!.bodyBase64, received[0]!.headers['content-type']]).toEqual([given[0]!.bytes.toString('base64'), given[0]!.type]);
      return;
    }
    const body = received[0]!.body as { multipart: Array<[string, string | { filename: string; content_type: string; content_base64: string }]> };
    const files = body.multipart.filter(([key, value]) => key.startsWith(param) && typeof value !== 'string').map(([, value]) => value);
    expect(files).toEqual(given.map((upload) => ({ filename: upload.name, content_type: upload.type, content_base64: upload.bytes.toString('base64') })));
  });

  it('shows each file by its size in a dry run, sending nothing', () => {
    const before = received.length;
    const run = switchboard(['call', fn.qualified, JSON.stringify(payload), ...flags, '--dry-run', '--json'], { env });
    expect(run.status).toBe(0);
    const shown = JSON.parse(run.stdout).data as { headers: Record<string, string>; body: string };
    if (sentIn === 'binary') {
      expect([shown.headers['content-type'], shown.body]).toEqual([given[0]!.type, `<${given[0]!.bytes.length} bytes>`]);
      expect(received.length).toBe(before);
      return;
    }
    expect(shown.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    for (const upload of given) expect(shown.body).toContain(`filename="${upload.name}"\r\ncontent-type: ${upload.type}\r\n\r\n<${upload.bytes.length} bytes>`);
    expect(received.length).toBe(before);
  });

  it('refuses a file flag without @path, or a file that cannot be read, before any request', () => {
    const before = received.length;
    const flag = `--${param.replace(/_/g, '-')}`;
    const bare = switchboard(['call', fn.qualified, JSON.stringify(payload), flag, 'notes.txt', '--base-url', `${serverName}=${origin}`, '--force', '--json'], { env });
    expect(bare.status).toBe(2);
    expect(JSON.parse(bare.stdout).error.message).toContain(`${flag} takes a file: give its path after @`);
    const missing = switchboard(['call', fn.qualified, JSON.stringify(payload), flag, `@${join(dir, 'absent.pdf')}`, '--base-url', `${serverName}=${origin}`, '--force', '--json'], { env });
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout).error.message).toContain('cannot read');
    expect(received.length).toBe(before);
  });
});
