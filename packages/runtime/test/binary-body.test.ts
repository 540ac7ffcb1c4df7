/**
 * Bodies that are one file's bytes (`body: 'binary'`), as Zendesk's uploads take them, over real
 * sockets through both transports: what the loopback server receives is the file exactly, with
 * its media type as the Content-Type, and the other parameters in the query.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import type { Transport } from '../src/transport-types.js';
import { fetchTransport } from '../src/transport.js';
import { nodeTransport } from '../src/transport-node.js';
import { operation, param, rules, telnyxClient, recordingServer, TELNYX_KEY, type ReceivedRequest } from './support.js';

let url = '';
let received: ReceivedRequest[] = [];
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ url, received, close } = await recordingServer(201, '{"upload":{"token":"t-1"}}'));
});
afterAll(() => close());

const upload = operation({
  id: 'test.upload_file',
  operation: 'write',
  idempotent: false,
  endpoint: { kind: 'fixed', method: 'POST', path: '/uploads' },
  body: 'binary',
  successStatus: 201,
  params: [param('file', { in: 'body' }), param('filename', { in: 'query' })],
  args: rules({ file: { type: 'file' }, filename: { type: 'string' } }, ['file', 'filename']),
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

describe.each<[string, () => Transport]>([
  ['node transport', () => nodeTransport()],
  ['fetch transport', () => fetchTransport()],
])('%s', (_, transport) => {
  it.each<[string, unknown, Uint8Array, string]>([
    ['a File, with its own type', new File([PNG], 'logo.png', { type: 'image/png' }), PNG, 'image/png'],
    ['bytes, as octet-stream', PNG, PNG, 'application/octet-stream'],
    ['base64 with a media type', { content_base64: Buffer.from(PNG).toString('base64'), content_type: 'image/x-test' }, PNG, 'image/x-test'],
    ['text, as UTF-8 text/plain', { content: 'héllo\n' }, new TextEncoder().encode('héllo\n'), 'text/plain; charset=utf-8'],
  ])('sends %s as the whole body', async (_name, file, bytes, type) => {
    const client = telnyxClient({ baseURL: url, transport: transport() });
    expect(await client.call(upload, { file, filename: 'logo.png' })).toEqual({ upload: { token: 't-1' } });
    const last = received.at(-1)!;
    expect(new Uint8Array(last.bytes)).toEqual(bytes);
    expect(last.headers['content-type']).toBe(type);
    expect(Number(last.headers['content-length'])).toBe(bytes.length);
    expect(last.url).toBe('/uploads?filename=logo.png');
    expect(last.headers.authorization).toBe(`Bearer ${TELNYX_KEY}`);
  });
});

describe('binary bodies before sending', () => {
  it("lets the operation's constant Content-Type win over the file's own", async () => {
    const fixed = operation({ ...upload, id: 'test.upload_octets', constants: { header: { 'Content-Type': 'application/octet-stream' } } });
    await telnyxClient({ baseURL: url }).call(fixed, { file: new File([PNG], 'logo.png', { type: 'image/png' }), filename: 'a' });
    expect(received.at(-1)!.headers['content-type']).toBe('application/octet-stream');
  });

  it('refuses a value that is not a file before any request, naming the parameter', async () => {
    const before = received.length;
    const error = await telnyxClient({ baseURL: url }).call(upload, { file: 'logo.png', filename: 'logo.png' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['file']);
    expect(received.length).toBe(before);
  });

  it('shows a dry run of a file as its size without reading it, and of text as the text', () => {
    const unread = new File([new Uint8Array(5000)], 'big.bin', { type: 'application/zip' });
    Object.defineProperty(unread, 'arrayBuffer', { value: () => Promise.reject(new Error('read')) });
    const client = telnyxClient({ baseURL: url });
    const shown = client.prepare(upload, { file: unread, filename: 'big.bin' });
    expect([shown.headers['content-type'], shown.body]).toEqual(['application/zip', '<5000 bytes>']);
    expect(client.prepare(upload, { file: { content: 'minutes' }, filename: 'm.txt' }).body).toBe('minutes');
  });

  it('counts the file toward the request size limit', async () => {
    const client = telnyxClient({ baseURL: url, maxRequestBytes: 1000 });
    await expect(client.call(upload, { file: new Uint8Array(2000), filename: 'big' })).rejects.toThrow(/larger than 1000 bytes/);
  });

  it('takes a file over 1 MiB by default, since an upload is bounded at 100 MiB, while a JSON request stays at 1 MiB', async () => {
    const client = telnyxClient({ baseURL: url });
    const file = new Uint8Array(3 * 1024 * 1024).fill(7);
    await client.call(upload, { file, filename: 'big.bin' });
    expect(received.at(-1)!.bytes.length).toBe(file.length);
    const json = operation({ id: 'test.create_note', operation: 'write', endpoint: { kind: 'fixed', method: 'POST', path: '/notes' }, body: 'json', params: [param('text', { in: 'body' })], args: rules({ text: { type: 'string' } }) });
    await expect(client.call(json, { text: 'x'.repeat(2 * 1024 * 1024) })).rejects.toThrow(/larger than 1048576 bytes \(the maxRequestBytes option\)/);
  });

  it('refuses a hand-written binary operation without its file, rather than sending an empty body', () => {
    const bodiless = operation({ ...upload, id: 'test.upload_nothing', params: [param('filename', { in: 'query' })], args: rules({ filename: { type: 'string' } }) });
    expect(() => telnyxClient({ baseURL: url }).prepare(bodiless, { filename: 'x' })).toThrow(/sends one file as its whole body, but no file was given/);
  });
});
