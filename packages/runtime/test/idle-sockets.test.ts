/**
 * Kept-alive sockets are closed after a bound of idleness instead of waiting for the server to
 * close them (idle-sockets.ts): real HTTP to a server that counts its connections and sees each close.
 */
import { Agent, createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { boundIdleSockets, IDLE_SOCKET_MS } from '../src/idle-sockets.js';
import { nodeTransport } from '../src/transport-node.js';

interface Counting {
  url: string;
  connections: number;
  /** Resolves when the next connection ends (the client closed it). */
  nextClose(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  });
});

/** A server that never closes an idle connection itself (no keep-alive timeout, no Keep-Alive hint). */
async function counting(): Promise<Counting> {
  const closes: Array<() => void> = [];
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  server.keepAliveTimeout = 0;
  const state: Counting = { url: '', connections: 0, nextClose: () => new Promise<void>((resolve) => closes.push(resolve)) };
  server.on('connection', (socket: Socket) => {
    state.connections++;
    socket.on('close', () => closes.shift()?.());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  return state;
}

const get = (url: string, agent: Agent) => new Promise<void>((resolve, reject) => request(url, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end());

describe('idle kept-alive sockets', () => {
  it('are reused within the bound', async () => {
    const s = await counting();
    const agent = boundIdleSockets(new Agent({ keepAlive: true }), { idleMs: 60_000 });
    await get(s.url, agent);
    await get(s.url, agent);
    expect(s.connections).toBe(1);
    agent.destroy();
  });

  it('are closed once idle past it, and the next request opens a new connection', async () => {
    const s = await counting();
    const agent = boundIdleSockets(new Agent({ keepAlive: true }), { idleMs: 20 });
    await get(s.url, agent);
    await s.nextClose();
    await get(s.url, agent);
    expect(s.connections).toBe(2);
    agent.destroy();
  });

  it("are closed by the transport's own agents (4 s, fetch's bound, unless idleSocketMs says otherwise)", async () => {
    const s = await counting();
    const transport = nodeTransport({ idleSocketMs: 20 });
    const call = () => transport({ method: 'GET', url: s.url, headers: {}, body: null }, { timeoutMs: 60_000 });
    expect((await call()).kind).toBe('response');
    await s.nextClose();
    expect((await call()).kind).toBe('response');
    expect(s.connections).toBe(2);
    expect(IDLE_SOCKET_MS).toBe(4_000);
  });

  it('idleSocketMs is refused beside agents of the caller, and when it is no positive number', () => {
    expect(() => nodeTransport({ idleSocketMs: 10, agents: {} })).toThrow(RangeError);
    expect(() => nodeTransport({ idleSocketMs: 0 })).toThrow('idleSocketMs must be a positive number of milliseconds; got 0');
  });
});
