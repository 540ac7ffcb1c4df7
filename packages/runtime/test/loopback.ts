/**
 * A real HTTP server on 127.0.0.1 for fault injection: each request is
 * counted and answered by the test's handler, so tests see what actually
 * reached the wire.
 */

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

export interface Loopback {
  url: string;
  /** Requests received, in order, with their bodies. */
  requests: Array<{ method: string; url: string; body: string }>;
  /** Each request's headers, in the same order. */
  headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function loopback(handler: (req: IncomingMessage, res: ServerResponse, index: number) => void): Promise<Loopback> {
  const requests: Loopback['requests'] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', body });
      headers.push(req.headers);
      handler(req, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would hold close() open
      }),
  };
}
