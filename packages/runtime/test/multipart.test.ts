/**
 * File uploads (`body: 'multipart'`, `type: 'file'`) over real sockets, through both transports:
 * what the loopback server receives is parsed by undici's own multipart/form-data parser
 * (`Request.formData()`), the way a provider's framework would read it, so names, file names,
 * media types and bytes are checked as they arrive, not as we meant to write them.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import type { Transport } from '../src/transport-types.js';
import { fetchTransport } from '../src/transport.js';
import { nodeTransport } from '../src/transport-node.js';
import { manualTimeouts, operation, param, rules, telnyxClient, recordingServer, TELNYX_KEY, type ReceivedRequest } from './support.js';

let url = '';
let received: ReceivedRequest[] = [];
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ url, received, close } = await recordingServer(200, '{"id":"media-1"}'));
});
afterAll(() => close());

/** The last request as its multipart fields, read by undici's parser. */
async function lastForm(): Promise<FormData> {
  const last = received.at(-1)!;
  return new Request('http://parse.test/', { method: 'POST', headers: { 'content-type': String(last.headers['content-type']) }, body: last.bytes }).formData();
}

const upload = operation({
  id: 'test.upload_media',
  operation: 'write',
  idempotent: false,
  endpoint: { kind: 'fixed', method: 'POST', path: '/media' },
  body: 'multipart',
  params: [param('media', { in: 'body' }), param('name', { in: 'body', wire: 'media_name' }), param('tags', { in: 'body', arrayFormat: 'repeat' }), param('attachment', { in: 'body', arrayFormat: 'repeat' })],
  args: rules({ media: { type: 'file' }, name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, attachment: { type: 'array', items: { type: 'file' } } }, ['media']),
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

describe.each<[string, () => Transport]>([
  ['node transport', () => nodeTransport()],
  ['fetch transport', () => fetchTransport()],
])('%s', (_, transport) => {
  it('sends text fields and files of every shape as multipart/form-data parts, bytes intact', async () => {
    const client = telnyxClient({ baseURL: url, transport: transport() });
    const result = await client.call(upload, {
      media: new File([PNG], 'logo.png', { type: 'image/png' }),
      name: 'Logo "final"',
      tags: ['brand', 'q4'],
      attachment: [PNG, { content: 'hello, world\n', filename: 'notes.txt' }, { content_base64: Buffer.from(PNG).toString('base64'), filename: 'copy.bin', content_type: 'application/x-test' }],
    });
    expect(result).toEqual({ id: 'media-1' });
    const last = received.at(-1)!;
    expect(last.headers['content-type']).toMatch(/^multipart\/form-data; boundary=switchboard-[0-9a-f]{24}$/);
    expect(Number(last.headers['content-length'] ?? last.bytes.length)).toBe(last.bytes.length);
    expect(last.headers.authorization).toBe(`Bearer ${TELNYX_KEY}`);
    const form = await lastForm();
    expect(form.get('media_name')).toBe('Logo "final"');
    expect(form.getAll('tags')).toEqual(['brand', 'q4']);
    const media = form.get('media') as File;
    expect([media.name, media.type, new Uint8Array(await media.arrayBuffer())]).toEqual(['logo.png', 'image/png', PNG]);
    const [bytes, notes, copy] = form.getAll('attachment') as File[];
    // Bytes without a name are named by the wire name; text defaults to text/plain.
    expect([bytes!.name, bytes!.type, new Uint8Array(await bytes!.arrayBuffer())]).toEqual(['attachment', 'application/octet-stream', PNG]);
    expect([notes!.name, notes!.type, await notes!.text()]).toEqual(['notes.txt', 'text/plain; charset=utf-8', 'hello, world\n']);
    expect([copy!.name, copy!.type, new Uint8Array(await copy!.arrayBuffer())]).toEqual(['copy.bin', 'application/x-test', PNG]);
  });

  it('sends the bytes given at the call, even if the caller changes its array afterwards', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const client = telnyxClient({ baseURL: url, transport: transport() });
    const sent = client.call(upload, { media: bytes });
    bytes.fill(9);
    await sent;
    const media = (await lastForm()).get('media') as File;
    expect(new Uint8Array(await media.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('checking and showing files', () => {
  it('refuses every bad file before any request, naming the parameter and the part', async () => {
    const before = received.length;
    const client = telnyxClient({ baseURL: url });
    const error = await client.call(upload, { media: 'logo.png', attachment: [{ filename: 'a.txt' }, { content: 'x', content_base64: 'eA==' }, { content_base64: 'not base64!', content_type: 'image\npng', extra: 1 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues.map((issue) => `${issue.path}: ${issue.problem}`);
    expect(issues).toEqual([
      expect.stringMatching(/^media: must be a file: a Blob, a Uint8Array, or \{ content or content_base64, filename, content_type \}$/),
      'attachment[0]: must give its bytes as content or content_base64',
      'attachment[1]: must give content or content_base64, not both',
      expect.stringMatching(/^attachment\[2\]\.extra: unknown/),
      expect.stringMatching(/^attachment\[2\]\.content_base64: must be base64 text/),
      'attachment[2].content_type: must be a media type such as application/pdf',
    ]);
    expect(received.length).toBe(before);
  });

  it('shows a dry run of the body with each file as its size, without reading it', () => {
    const unread = new File([new Uint8Array(5000)], 'big.bin');
    // A Blob whose bytes cannot be read would fail the dry run if it tried.
    Object.defineProperty(unread, 'arrayBuffer', { value: () => Promise.reject(new Error('read')) });
    const shown = telnyxClient({ baseURL: url }).prepare(upload, { media: unread, name: 'big' });
    expect(shown.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const boundary = shown.headers['content-type']!.split('boundary=')[1]!;
    expect(shown.body).toBe(
      `--${boundary}\r\ncontent-disposition: form-data; name="media"; filename="big.bin"\r\ncontent-type: application/octet-stream\r\n\r\n<5000 bytes>\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="media_name"\r\n\r\nbig\r\n--${boundary}--\r\n`,
    );
  });

  it('counts a file toward the request size limit', async () => {
    const client = telnyxClient({ baseURL: url, maxRequestBytes: 1000 });
    await expect(client.call(upload, { media: new Uint8Array(2000) })).rejects.toThrow(/larger than 1000 bytes/);
  });

  it('fails unsent, before any socket, when the body cannot be read at sending time', async () => {
    const before = received.length;
    const body = new Blob(['x']);
    Object.defineProperty(body, 'arrayBuffer', { value: () => Promise.reject(new Error('the file changed on disk')) });
    const result = await nodeTransport()({ method: 'POST', url: `${url}/media`, headers: { 'content-type': 'multipart/form-data; boundary=b' }, body }, { timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: 'failed', failure: { kind: 'not_sent' } });
    expect(received.length).toBe(before);
  });
});

describe('the Node transport reads a body of files within the attempt', () => {
  /** A file whose bytes never come (a stalled network disk), as `fs.openAsBlob` might give. */
  class StalledBlob extends Blob {
    override arrayBuffer(): Promise<ArrayBuffer> {
      return new Promise(() => {});
    }
  }
  const request = () => ({ method: 'POST' as const, url: `${url}/media`, headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: new StalledBlob(['never']) });

  it('ends a read that outlasts the timeout as not sent, sending nothing', async () => {
    const { startTimer, requested, expire } = manualTimeouts();
    const before = received.length;
    const pending = nodeTransport()(request(), { timeoutMs: 30_000, startTimer });
    expect(requested).toEqual([30_000]);
    expire();
    const result = await pending;
    expect(result).toMatchObject({ kind: 'failed', failure: { kind: 'not_sent' } });
    expect(String((result as { cause: unknown }).cause)).toContain("the request's files could not be read within 30000 ms");
    expect(received.length).toBe(before);
  });

  it("ends a read when the caller aborts, sending nothing", async () => {
    const controller = new AbortController();
    const before = received.length;
    const pending = nodeTransport()(request(), { timeoutMs: 600_000, signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ kind: 'aborted' });
    expect(received.length).toBe(before);
  });

  it('gives the request what is left of the attempt after the read', async () => {
    const { startTimer, requested } = manualTimeouts();
    const result = await nodeTransport()({ method: 'POST', url: `${url}/media`, headers: { 'content-type': 'application/octet-stream' }, body: new Blob(['abc']) }, { timeoutMs: 30_000, startTimer });
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    // One timer for the read, one for the request with at most the same budget.
    expect(requested).toHaveLength(2);
    expect(requested[1]!).toBeLessThanOrEqual(30_000);
    expect(requested[1]!).toBeGreaterThanOrEqual(1);
  });
});
