/**
 * A real HTTP proxy on 127.0.0.1 for the proxy tests: CONNECT tunnels to the
 * host a test maps the requested authority to, and plain-http requests in
 * absolute form answered by the test. It records what a proxy sees (the
 * CONNECT lines, forwarded request lines, and the headers of both), so tests
 * can check what went through it and what did not.
 */

import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface TestProxy {
  url: string;
  port: number;
  /** `CONNECT` authorities asked for, in order, with the headers of each CONNECT request. */
  connects: Array<{ authority: string; headers: IncomingHttpHeaders }>;
  /** Plain-http requests it received: the request target (an absolute URL) and headers. */
  forwarded: Array<{ method: string; target: string; headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Where a CONNECT to an authority goes (`host:port` on 127.0.0.1); undefined: the proxy answers 502. */
  tunnelTo?: (authority: string) => number | undefined;
  /** Answers CONNECT itself with this status line instead of tunnelling (`407 Proxy Authentication Required`). */
  refuseWith?: string;
  /** Answers a forwarded plain-http request. */
  answer?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Forwards a plain-http request for a host (`name:port`) to this port on 127.0.0.1, streaming the answer back, as a forwarding proxy does. */
  forwardTo?: (host: string) => number | undefined;
}

export async function testProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const connects: TestProxy['connects'] = [];
  const forwarded: TestProxy['forwarded'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      forwarded.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers, body });
      const port = options.forwardTo?.(req.headers.host ?? '');
      if (port !== undefined) {
        const target = new URL(req.url ?? '/');
        // The proxy's own login stops here, as at a real proxy.
        const headers = { ...req.headers };
        delete headers['proxy-authorization'];
        const upstream = request({ host: '127.0.0.1', port, method: req.method, path: `${target.pathname}${target.search}`, headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.writeHead(502).end());
        upstream.end(body);
      } else if (options.answer) options.answer(req, res);
      else res.writeHead(502).end();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    connects.push({ authority, headers: req.headers });
    client.on('error', () => {});
    if (options.refuseWith) {
      client.end(`HTTP/1.1 ${options.refuseWith}\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const port = options.tunnelTo?.(authority);
    if (port === undefined) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
