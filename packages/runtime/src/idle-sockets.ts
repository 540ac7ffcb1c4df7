/**
 * A bound on how long a kept-alive socket waits unused before it is closed instead of reused,
 * as undici (fetch) bounds it. Servers close idle connections after a while of their own (often
 * a few seconds to a minute, mostly without saying how long); a request written into a
 * connection the server is closing at that moment is reset, and for a write the client cannot
 * know whether it arrived. node:http's agents keep a free socket until the server closes it,
 * unless the server sent a `Keep-Alive: timeout=` hint; fetch never reuses one idle for more
 * than 4 s.
 *
 * One timer for all the sockets of an agent, armed while any is free: a socket costs a map entry
 * when it is freed and when it is reused, nothing per read or write (the socket's own timeout
 * would be refreshed on each).
 */

import type { Agent } from 'node:http';
import type { Duplex } from 'node:stream';

/** undici's default `keepAliveTimeout`. */
export const IDLE_SOCKET_MS = 4_000;

export interface IdleBound {
  /** Milliseconds a free socket may wait. Default: IDLE_SOCKET_MS. */
  idleMs?: number;
  /** A monotonic clock in milliseconds (tests). Default: performance.now. */
  now?: () => number;
}

/** `agent`, whose free sockets are closed once idle for `idleMs`; returned for chaining. */
export function boundIdleSockets<A extends Agent>(agent: A, bound: IdleBound = {}): A {
  const idleMs = bound.idleMs ?? IDLE_SOCKET_MS;
  const now = bound.now ?? (() => performance.now());
  const freedAt = new Map<Duplex, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sweep = (): void => {
    timer = undefined;
    const at = now();
    let next = Infinity;
    for (const [socket, since] of freedAt) {
      if (socket.destroyed) freedAt.delete(socket);
      else if (at - since >= idleMs) {
        freedAt.delete(socket);
        // The agent's own close listener takes it out of the free list.
        socket.destroy();
      } else next = Math.min(next, since + idleMs);
    }
    if (next !== Infinity) arm(next - at);
  };
  const arm = (ms: number): void => {
    timer = setTimeout(sweep, Math.max(1, Math.ceil(ms)));
    timer.unref?.();
  };

  // Node reads keepSocketAlive's answer (false: do not keep the socket), though its type says void.
  const keep = agent.keepSocketAlive.bind(agent) as (socket: Duplex) => boolean | void;
  agent.keepSocketAlive = (socket: Duplex): boolean => {
    const kept = keep(socket) !== false;
    if (kept) {
      freedAt.set(socket, now());
      if (timer === undefined) arm(idleMs);
    }
    return kept;
  };
  const reuse = agent.reuseSocket.bind(agent);
  agent.reuseSocket = (socket, request) => {
    freedAt.delete(socket);
    reuse(socket, request);
  };
  return agent;
}
