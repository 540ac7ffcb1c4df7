/**
 * The Node transport against real sockets: what it returns, and above all how
 * it classifies a failure, since that decides whether a write may be repeated.
 */

import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { Agent } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreparedRequest } from '../src/build-request.js';
import { nodeTransport } from '../src/transport-node.js';
import { answerText } from '../src/response.js';
import type { AttemptResult } from '../src/transport-types.js';
import { loopback, type Loopback } from './loopback.js';
import { manualTimeouts } from './support.js';

const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const resource of open.splice(0)) await resource.close();
});

async function server(handler: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const s = await loopback(handler);
  open.push(s);
  return s;
}

/** A TCP server that accepts and then does what `onSocket` says (or nothing at all). */
async function rawServer(onSocket: (socket: Socket) => void = () => {}): Promise<{ url: (scheme: string) => string; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const tcp: TcpServer = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const { port } = tcp.address() as { port: number };
  open.push({
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
  });
  return { url: (scheme) => `${scheme}://127.0.0.1:${port}/v1/thing`, connections: () => connections };
}

function get(url: string, headers: Record<string, string> = {}): PreparedRequest {
  return { method: 'GET', url, headers: { accept: 'application/json', ...headers }, body: null };
}

/** The default path: no injected timer, so the transport's shared deadline timer keeps the deadline. */
const LONG = { timeoutMs: 600_000 };

function failureOf(result: AttemptResult): string {
  return result.kind === 'failed' ? result.failure.kind : result.kind;
}

describe('node transport: responses', () => {
  it('sends method, headers and body, and returns status, headers and text', async () => {
    const s = await server((req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'X-Request-Id': 'req_1' });
      res.end(JSON.stringify({ got: req.headers['content-type'], length: req.headers['content-length'] }));
    });
    const body = 'to=%2B15555550100&text=h%C3%A9';
    const result = await nodeTransport()(
      { method: 'POST', url: `${s.url}/messages?x=1`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      LONG,
    );
    expect(result.kind).toBe('response');
    if (result.kind !== 'response') return;
    expect(result.status).toBe(201);
    expect(result.headers.get('X-REQUEST-ID')).toBe('req_1');
    expect(result.headers.get('missing')).toBeNull();
    expect(JSON.parse(answerText(result))).toEqual({ got: 'application/x-www-form-urlencoded', length: String(Buffer.byteLength(body)) });
    expect(s.requests).toEqual([{ method: 'POST', url: '/messages?x=1', body }]);
  });

  it.each(['DELETE', 'GET'] as const)('frames a body on %s, which node:http sends unframed by default, so the next request on the socket is read as its own', async (method) => {
    const sockets = new Set<unknown>();
    const s = await server((req, res) => {
      sockets.add(req.socket);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ length: req.headers['content-length'] ?? null }));
    });
    const transport = nodeTransport({ agents: { http: new Agent({ keepAlive: true }) } });
    const body = JSON.stringify({ ids: ['é1', 'é2'] });
    const first = await transport({ method, url: `${s.url}/items`, headers: { 'content-type': 'application/json' }, body }, LONG);
    const second = await transport(get(`${s.url}/after`), LONG);
    expect(first.kind === 'response' && JSON.parse(answerText(first))).toEqual({ length: String(Buffer.byteLength(body)) });
    expect(second.kind === 'response' && second.status).toBe(200);
    expect(s.requests).toEqual([
      { method, url: '/items', body },
      { method: 'GET', url: '/after', body: '' },
    ]);
    expect(sockets.size).toBe(1);
  });

  it.each([
    ['plain', (b: Buffer) => b],
    ['gzipped', (b: Buffer) => gzipSync(b)],
  ])('reads a %s body that starts with a UTF-8 byte-order mark as fetch does, without it', async (form, encode) => {
    const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
    const s = await server((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': form === 'gzipped' ? 'gzip' : 'identity' }).end(encode(Buffer.concat([BOM, Buffer.from('{"name":"Zoë"}')]))));
    const result = await nodeTransport()(get(s.url), LONG);
    expect(result.kind === 'response' && result.text).toBe('{"name":"Zoë"}');
    // The same answer through fetch, which the transport follows here.
    expect(await (await fetch(s.url)).text()).toBe('{"name":"Zoë"}');
  });

  describe('compressed answers', () => {
    const page = JSON.stringify({ data: Array.from({ length: 200 }, (_, i) => ({ id: `item_${i}`, name: 'Ünïcode wïdget ✓' })) });
    const encoders: Record<string, (text: string) => Buffer> = {
      gzip: (text) => gzipSync(text),
      'x-gzip': (text) => gzipSync(text),
      br: (text) => brotliCompressSync(text),
      deflate: (text) => deflateSync(text),
      // Raw deflate without the zlib header: what some servers send for `deflate`.
      'deflate (raw)': (text) => deflateRawSync(text),
    };

    it.each(Object.keys(encoders))('asks for them, and decodes %s', async (name) => {
      const s = await server((_req, res) => {
        const body = encoders[name]!(page);
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': name.split(' ')[0]!, 'content-length': body.length }).end(body);
      });
      const result = await nodeTransport()(get(s.url), LONG);
      expect(s.headers[0]!['accept-encoding']).toBe('gzip, deflate, br');
      expect(result.kind === 'response' && result.text).toBe(page);
    });

    it('undoes codings applied in turn (gzip, then br) last first, as fetch does', async () => {
      const s = await server((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip, br' }).end(brotliCompressSync(gzipSync(page))));
      const result = await nodeTransport()(get(s.url), LONG);
      expect(result.kind === 'response' && result.text).toBe(page);
      expect(await (await fetch(s.url)).text()).toBe(page);
    });

    it("keeps the caller's own accept-encoding, and passes on an encoding it did not ask for as it came", async () => {
      const s = await server((_req, res) => res.writeHead(200, { 'content-encoding': 'zstd' }).end('not really zstd'));
      const result = await nodeTransport()(get(s.url, { 'accept-encoding': 'zstd' }), LONG);
      expect(s.headers[0]!['accept-encoding']).toBe('zstd');
      expect(result.kind === 'response' && result.text).toBe('not really zstd');
    });

    it('fails an answer whose body does not decode as unreadable (the request arrived: it may have taken effect)', async () => {
      const s = await server((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('plainly not gzip')));
      const result = await nodeTransport()(get(s.url), LONG);
      expect(failureOf(result)).toBe('unreadable');
      expect(result.kind === 'failed' && String(result.cause)).toMatch(/the gzip response body could not be decoded/);
    });

    it('fails an answer that decodes past maxResponseBytes (a decompression bomb) instead of filling memory', async () => {
      // 16 MiB of zeros is 16 KiB gzipped.
      const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024));
      const s = await server((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
      const result = await nodeTransport({ maxResponseBytes: 1024 * 1024 })(get(s.url), LONG);
      expect(failureOf(result)).toBe('unreadable');
      expect(result.kind === 'failed' && String(result.cause)).toMatch(/the gzip response body could not be decoded/);
    });

    it('reads an empty body with an encoding header as empty (a 204 that says gzip)', async () => {
      const s = await server((_req, res) => res.writeHead(204, { 'content-encoding': 'gzip' }).end());
      const result = await nodeTransport()(get(s.url), LONG);
      expect(result.kind === 'response' && [result.status, result.text]).toEqual([204, '']);
    });
  });

  it('fails an answer past maxResponseBytes as it arrives, before holding it (past one string, reading it would throw out of reach)', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200);
      res.write(Buffer.alloc(64 * 1024, 'a'));
      setImmediate(() => res.end(Buffer.alloc(64 * 1024, 'a')));
    });
    const result = await nodeTransport({ maxResponseBytes: 100 * 1024 })(get(s.url), LONG);
    expect(failureOf(result)).toBe('unreadable');
    expect(result.kind === 'failed' && String(result.cause)).toMatch(/the response body is over 102400 bytes/);
    expect((await nodeTransport({ maxResponseBytes: 128 * 1024 })(get(s.url), LONG)).kind).toBe('response');
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 40])('refuses maxResponseBytes %s when the transport is made', (value) => {
    expect(() => nodeTransport({ maxResponseBytes: value })).toThrow(/maxResponseBytes must be an integer from 1 to/);
  });

  it('decodes a UTF-8 body split across chunks', async () => {
    const bytes = Buffer.from(JSON.stringify({ text: 'héllo wörld ✓' }));
    const s = await server((_req, res) => {
      res.writeHead(200);
      // Cut inside a multi-byte character.
      const cut = bytes.indexOf(0xc3) + 1;
      res.write(bytes.subarray(0, cut));
      setImmediate(() => res.end(bytes.subarray(cut)));
    });
    const result = await nodeTransport()(get(s.url), LONG);
    expect(result.kind === 'response' && JSON.parse(answerText(result))).toEqual({ text: 'héllo wörld ✓' });
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    const sockets = new Set<unknown>();
    const s = await server((req, res) => {
      sockets.add(req.socket);
      res.end('{}');
    });
    const transport = nodeTransport({ agents: { http: new Agent({ keepAlive: true }) } });
    for (let i = 0; i < 5; i++) expect((await transport(get(s.url), LONG)).kind).toBe('response');
    expect(s.requests).toHaveLength(5);
    expect(sockets.size).toBe(1);
  });

  it('sends through the agent it is given', async () => {
    const s = await server((_req, res) => res.end('{}'));
    let created = 0;
    class CountingAgent extends Agent {
      override createConnection(...args: Parameters<Agent['createConnection']>) {
        created++;
        return super.createConnection(...args);
      }
    }
    await nodeTransport({ agents: { http: new CountingAgent() } })(get(s.url), LONG);
    expect(created).toBe(1);
  });
});

describe('node transport: what a failure means for a write', () => {
  it('a refused connection is not_sent', async () => {
    // Port 0 cannot be listened on, so connecting to it is always refused (a closed port could be reused meanwhile).
    const result = await nodeTransport()(get('http://127.0.0.1:0/v1/thing'), LONG);
    expect(failureOf(result)).toBe('not_sent');
  });

  it('a connection reset after the request was written is connection (maybe sent)', async () => {
    const raw = await rawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const result = await nodeTransport()({ method: 'POST', url: raw.url('http'), headers: {}, body: 'text=hi' }, LONG);
    expect(failureOf(result)).toBe('connection');
  });

  it('a timeout after the request was written is timeout', async () => {
    let received = false;
    const raw = await rawServer((socket) => socket.once('data', () => (received = true)));
    const timers = manualTimeouts();
    const pending = nodeTransport()(get(raw.url('http')), { timeoutMs: 1000, startTimer: timers.startTimer });
    await until(() => received);
    timers.expire();
    expect(timers.requested).toEqual([1000]);
    expect(failureOf(await pending)).toBe('timeout');
  });

  it('without an injected timer, the deadline ends an attempt that gets no answer', async () => {
    const raw = await rawServer((socket) => socket.once('data', () => {}));
    expect(failureOf(await nodeTransport()(get(raw.url('http')), { timeoutMs: 50 }))).toBe('timeout');
  });

  it('without an injected timer, a body that keeps trickling in is cut after the deadline', async () => {
    const raw = await rawServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n');
        // One byte every 10 ms: the socket is never idle for the 50 ms timeout.
        const drip = setInterval(() => (socket.writable ? socket.write('x') : clearInterval(drip)), 10);
        socket.once('close', () => clearInterval(drip));
      }),
    );
    expect(failureOf(await nodeTransport()(get(raw.url('http')), { timeoutMs: 50 }))).toBe('timeout');
  });

  it('without an injected timer, a shorter timeout started after a longer one ends first', async () => {
    const raw = await rawServer((socket) => socket.once('data', () => {}));
    const transport = nodeTransport({ agents: { http: new Agent({ keepAlive: true }) } });
    const long = transport(get(raw.url('http')), { timeoutMs: 600_000 });
    let longEnded = false;
    void long.then(() => (longEnded = true));
    expect(failureOf(await transport(get(raw.url('http')), { timeoutMs: 50 }))).toBe('timeout');
    expect(longEnded).toBe(false);
  });

  it('a socket back in the pool keeps no timeout of the attempt that used it', async () => {
    const s = await server((_req, res) => res.end('{}'));
    const agent = new Agent({ keepAlive: true });
    open.push({ close: () => agent.destroy() });
    const transport = nodeTransport({ agents: { http: agent } });
    // The timeout is the test's to fire, after the answer: no race with a loaded machine's clock.
    const timeouts: Array<() => void> = [];
    const startTimer = (_ms: number, fire: () => void) => (timeouts.push(fire), () => {});
    expect((await transport(get(`${s.url}/one`), { timeoutMs: 20, startTimer })).kind).toBe('response');
    await until(() => Object.values(agent.freeSockets).flat().length > 0);
    // Past the first attempt's timeout the pooled socket is still open, without a timeout, and the next attempt reuses it.
    for (const fire of timeouts) fire();
    const pooled = Object.values(agent.freeSockets).flat();
    expect(pooled.map((socket) => [socket?.destroyed, socket?.timeout ?? 0])).toEqual([[false, 0]]);
    expect((await transport(get(`${s.url}/two`), { timeoutMs: 20, startTimer })).kind).toBe('response');
    await until(() => Object.values(agent.freeSockets).flat().length > 0);
    expect(Object.values(agent.freeSockets).flat()).toEqual(pooled);
  });

  it('a body cut off after the headers is connection', async () => {
    const raw = await rawServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"partial":');
        setImmediate(() => socket.destroy());
      }),
    );
    const result = await nodeTransport()(get(raw.url('http')), LONG);
    expect(failureOf(result)).toBe('connection');
  });

  it('a header value that cannot be sent fails before any socket: not_sent', async () => {
    const raw = await rawServer();
    const result = await nodeTransport()(get(raw.url('http'), { 'x-bad': 'line\nbreak' }), LONG);
    expect(failureOf(result)).toBe('not_sent');
    expect(raw.connections()).toBe(0);
  });
});

describe('node transport: the caller’s signal', () => {
  it('an already aborted signal sends nothing', async () => {
    const raw = await rawServer();
    const result = await nodeTransport()(get(raw.url('http')), { ...LONG, signal: AbortSignal.abort() });
    expect(result).toEqual({ kind: 'aborted' });
    expect(raw.connections()).toBe(0);
  });

  it('aborting mid-request ends the attempt as aborted', async () => {
    const raw = await rawServer((socket) => socket.once('data', () => {}));
    const controller = new AbortController();
    const pending = nodeTransport()(get(raw.url('http')), { ...LONG, signal: controller.signal });
    await until(() => raw.connections() === 1);
    controller.abort();
    expect(await pending).toEqual({ kind: 'aborted' });
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
