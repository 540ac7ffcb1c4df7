/**
 * Downloads (`download` on an operation, `response.body: file` in a spec) over real sockets,
 * through both transports: the bytes come back as a `File` exactly as served (compressed ones
 * decoded, a leading byte-order mark kept), named and typed from the answer's headers, after a
 * redirect to another host too; a failure is still the provider's typed error.
 */

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../src/errors.js';
import { filenameOf } from '../src/download.js';
import type { Transport } from '../src/transport-types.js';
import { fetchTransport } from '../src/transport.js';
import { nodeTransport } from '../src/transport-node.js';
import { Core } from '../src/core.js';
import { operation, param, rules, telnyx, telnyxClient, TELNYX_KEY } from './support.js';

/** Bytes that are not UTF-8 text, starting with a UTF-8 byte-order mark that text decoding would drop. */
const BYTES = new Uint8Array([0xef, 0xbb, 0xbf, 0x00, 0xff, 0xfe, 0x80, 0x89, 0x50, 0x4e, 0x47]);

const received: IncomingHttpHeaders[] = [];
let api = '';
let storage = '';
const servers: Server[] = [];

async function listen(handle: (path: string, res: import('node:http').ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    req.on('end', () => handle(req.url ?? '/', res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  storage = await listen((_, res) => res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-disposition': 'attachment; filename=octo-hello-1a2b3c.tar.gz' }).end(Buffer.from(BYTES)));
  api = await listen((path, res) => {
    if (path === '/media/logo/download') return res.writeHead(200, { 'content-type': 'image/png', 'content-disposition': "attachment; filename=\"fallback.png\"; filename*=UTF-8''logo%20%E2%82%AC.png" }).end(Buffer.from(BYTES));
    if (path === '/media/packed/download') return res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' }).end(gzipSync(BYTES));
    if (path === '/media/moved/download') return res.writeHead(302, { location: `${storage}/archive` }).end();
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"10005","title":"Resource not found","detail":"The media file does not exist."}]}');
  });
});
afterAll(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeAllConnections();
}))));

const download = operation({
  id: 'telnyx.download_media',
  endpoint: { kind: 'fixed', method: 'GET', path: '/media/{media_name}/download' },
  params: [param('media_name', { in: 'path' })],
  args: rules({ media_name: { type: 'string' } }, ['media_name']),
  download: { accept: 'application/octet-stream' },
});

async function contents(file: unknown): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  expect(file).toBeInstanceOf(File);
  const f = file as File;
  return { name: f.name, type: f.type, bytes: new Uint8Array(await f.arrayBuffer()) };
}

describe.each<[string, () => Transport]>([
  ['node transport', () => nodeTransport()],
  ['fetch transport', () => fetchTransport()],
])('%s', (_, transport) => {
  it('returns the bytes as a File named and typed by the answer, asking with the declared Accept', async () => {
    const client = telnyxClient({ baseURL: api, transport: transport() });
    const file = await client.call(download, { media_name: 'logo' });
    expect(await contents(file)).toEqual({ name: 'logo €.png', type: 'image/png', bytes: BYTES });
    expect(received.at(-1)!.accept).toBe('application/octet-stream');
    expect(received.at(-1)!.authorization).toBe(`Bearer ${TELNYX_KEY}`);
  });

  it('decodes a compressed download; a file without a Content-Disposition has no name', async () => {
    const client = telnyxClient({ baseURL: api, transport: transport() });
    expect(await contents(await client.call(download, { media_name: 'packed' }))).toEqual({ name: '', type: 'application/octet-stream', bytes: BYTES });
  });

  it('follows a redirect to another host for the bytes, without the credentials', async () => {
    const client = telnyxClient({ baseURL: api, transport: transport() });
    const file = await client.call(download, { media_name: 'moved' });
    expect(await contents(file)).toEqual({ name: 'octo-hello-1a2b3c.tar.gz', type: 'application/x-gzip', bytes: BYTES });
    expect(received.at(-1)!.authorization).toBeUndefined();
  });

  it('raises the provider error of a failed download, read from its JSON', async () => {
    const client = telnyxClient({ baseURL: api, transport: transport() });
    const failure = await client.call(download, { media_name: 'gone' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(failure).toMatchObject({ status: 404, providerMessage: 'The media file does not exist.', providerCode: '10005' });
  });
});

it("a download's declared media type is its Accept, over a provider-wide Accept header; without one the provider's stays", async () => {
  const withAccept = { ...telnyx, headers: { Accept: 'application/vnd.acme+json' } };
  const seen: string[] = [];
  const recording: Transport = async (request) => {
    seen.push(request.headers.accept ?? '');
    return { kind: 'response', status: 200, headers: { get: () => null }, bytes: new Uint8Array([1]) };
  };
  const core = new Core(withAccept, { apiKey: TELNYX_KEY, env: {}, logLevel: 'off', baseURL: api, transport: recording });
  await core.call(download, { media_name: 'logo' });
  await core.call({ ...download, download: { accept: '*/*' } }, { media_name: 'logo' });
  expect(seen).toEqual(['application/octet-stream', 'application/vnd.acme+json']);
});

it("a caller's transport that reads text anyway gives a File of that text's UTF-8 bytes", async () => {
  const textOnly: Transport = async () => ({ kind: 'response', status: 200, headers: { get: (name) => (name === 'content-type' ? 'text/csv' : null) }, text: 'id,name\n1,€\n' });
  const file = await telnyxClient({ baseURL: api, transport: textOnly }).call(download, { media_name: 'report' });
  expect(await contents(file)).toEqual({ name: '', type: 'text/csv', bytes: new TextEncoder().encode('id,name\n1,€\n') });
});

it('a dry run of a download shows the request it would send, with the declared Accept', () => {
  const shown = telnyxClient({ baseURL: api }).prepare(download, { media_name: 'logo' });
  expect(shown).toMatchObject({ method: 'GET', url: `${api}/media/logo/download`, body: null, headers: { accept: 'application/octet-stream' } });
  expect(shown).not.toHaveProperty('readAs');
});

describe('filenameOf (Content-Disposition, RFC 6266)', () => {
  it.each<[string | null, string]>([
    [null, ''],
    ['attachment', ''],
    ['attachment; filename=report.pdf', 'report.pdf'],
    ['attachment; filename="a \\"quoted\\" name.txt"', 'a "quoted" name.txt'],
    ["attachment; filename=\"plain.txt\"; filename*=UTF-8''%C3%A9t%C3%A9.txt", 'été.txt'],
    ["attachment; filename*=utf-8'en'r%C3%A9sum%C3%A9.pdf; filename=resume.pdf", 'résumé.pdf'],
    // A charset other than UTF-8, or broken percent-encoding: the plain name is used.
    ["attachment; filename*=iso-8859-1''%E9t%E9.txt; filename=ete.txt", 'ete.txt'],
    ["attachment; filename*=UTF-8''%E0%A4%A; filename=ok.txt", 'ok.txt'],
    // A name cannot lead out of the folder the file is saved in.
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="..\\\\..\\\\boot.ini"', 'boot.ini'],
    ['attachment; filename=".."', ''],
    ['attachment; filename="bad\u0007name.txt"', 'badname.txt'],
  ])('%s → %j', (header, name) => {
    expect(filenameOf(header)).toBe(name);
  });
});
