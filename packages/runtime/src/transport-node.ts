/**
 * One HTTP attempt on `node:http`/`node:https` with keep-alive agents: the
 * transport the runtime uses under Node. Compared with global `fetch` it skips
 * WHATWG streams, Headers objects and event targets.
 *
 * A failure is `not_sent` only when its error code proves no connection was
 * made (as with fetch), never from socket events: interceptors (msw) and
 * tunnelling proxy agents hand over sockets whose `connect` event is never
 * seen, though the request does reach the other side.
 *
 * The attempt's deadline is one timer that destroys the request; an abort
 * listener is added only when the caller passed a signal.
 */

// The modules themselves, read at call time: interceptors (msw in the sandbox and in tests) patch `request` on them.
import http, { type Agent as HttpAgent, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https, { type Agent as HttpsAgent } from 'node:https';
import type { AttemptResult, ResponseHeaders, Transport, TransportAttempt } from './transport-types.js';
import { neverSent } from './retry.js';

/** Agents by protocol; either may be omitted to keep the shared keep-alive default. */
export interface NodeAgents {
  http?: HttpAgent;
  https?: HttpsAgent;
}

export interface NodeTransportOptions {
  /** Agents to send through (a proxy agent, other pool sizes). Default: one shared keep-alive agent per protocol. */
  agents?: NodeAgents;
}

let sharedAgents: Required<NodeAgents> | undefined;

/** Created on first use so importing the runtime opens nothing. */
function defaultAgents(): Required<NodeAgents> {
  sharedAgents ??= { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return sharedAgents;
}

export function nodeTransport(options: NodeTransportOptions = {}): Transport {
  const chosen = options.agents ?? {};
  return (request, limits) => {
    const secure = request.url.startsWith('https:');
    const agent = secure ? (chosen.https ?? defaultAgents().https) : (chosen.http ?? defaultAgents().http);
    return send(request, limits, secure, agent);
  };
}

/** Why the attempt ended early, when it did not end with a response or a socket error. */
type Interruption = 'timeout' | 'aborted';

function send(request: TransportAttempt['request'], limits: TransportAttempt['limits'], secure: boolean, agent: HttpAgent): Promise<AttemptResult> {
  const { signal } = limits;
  if (signal?.aborted) return Promise.resolve({ kind: 'aborted' });
  return new Promise<AttemptResult>((resolve) => {
    let interruption: Interruption | null = null;
    let settled = false;
    let cancelTimer = (): void => {};
    const finish = (result: AttemptResult): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };

    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== null) headers['content-length'] = Buffer.byteLength(request.body);
    const requestFn = secure ? https.request : http.request;
    let req: ClientRequest;
    try {
      req = requestFn(request.url, { method: request.method, headers, agent });
    } catch (cause) {
      // An invalid header value or URL: thrown before any socket exists.
      finish({ kind: 'failed', failure: { kind: 'not_sent' }, cause });
      return;
    }

    const interrupt = (why: Interruption): void => {
      interruption = why;
      req.destroy(new Error(why === 'timeout' ? `no response within ${limits.timeoutMs} ms` : 'aborted by the caller'));
    };
    cancelTimer = limits.startTimer(limits.timeoutMs, () => interrupt('timeout'));
    const onAbort = (): void => interrupt('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });

    req.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => finish({ kind: 'response', status: res.statusCode ?? 0, headers: nodeHeaders(res.headers), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (cause) => failed(cause));
      // A body cut off mid-way: `aborted`/`close` without `end`.
      res.once('close', () => {
        if (!res.complete) failed(new Error('the response ended before its body was complete'));
      });
    });
    // `on`, not `once`: a second error event (a socket error after a destroy) must not go unhandled and crash the process; `finish` settles once.
    req.on('error', (cause) => failed(cause));

    function failed(cause: unknown): void {
      if (interruption === 'aborted') return finish({ kind: 'aborted' });
      if (interruption === 'timeout') return finish({ kind: 'failed', failure: { kind: 'timeout' }, cause });
      finish({ kind: 'failed', failure: { kind: neverSent(cause) ? 'not_sent' : 'connection' }, cause });
    }

    req.end(request.body ?? undefined);
  });
}

/** Node's lower-cased header record, read through the one method the runtime uses. */
function nodeHeaders(raw: IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name: string): string | null {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
