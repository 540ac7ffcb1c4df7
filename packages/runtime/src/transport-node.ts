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
 * The attempt's deadline is the socket's own timeout (no timer of ours per
 * attempt), or an injected timer; an abort listener is added only when the
 * caller passed a signal.
 */

// The modules themselves, read at call time: interceptors (msw in the sandbox and in tests) patch `request` on them.
import http, { type Agent as HttpAgent, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions } from 'node:http';
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

const ABORTED: AttemptResult = Object.freeze({ kind: 'aborted' });

function send(request: TransportAttempt['request'], limits: TransportAttempt['limits'], secure: boolean, agent: HttpAgent): Promise<AttemptResult> {
  const { signal, timeoutMs, startTimer } = limits;
  if (signal?.aborted) return Promise.resolve(ABORTED);
  return new Promise<AttemptResult>((resolve) => {
    let interruption: Interruption | null = null;
    let settled = false;
    let cancelTimer: (() => void) | undefined;
    const finish = (result: AttemptResult): void => {
      if (settled) return;
      settled = true;
      cancelTimer?.();
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };

    // node:http copies the headers it is given, so the request's own record is passed as it is;
    // `end(body)` with no content-length header sets it from the body's UTF-8 length.
    const options: RequestOptions = { method: request.method, headers: request.headers, agent };
    // Without an injected timer the deadline is the socket's own timeout (Node arms it for the
    // request and the agent disarms it when the socket goes back to the pool): no timer of ours
    // per attempt. It fires after `timeoutMs` without a byte; a body still trickling in is cut at
    // its first chunk past the deadline, so an attempt ends within twice `timeoutMs` at worst.
    const deadline = startTimer ? 0 : Date.now() + timeoutMs;
    if (!startTimer) options.timeout = timeoutMs;
    let req: ClientRequest;
    try {
      req = (secure ? https.request : http.request)(request.url, options);
    } catch (cause) {
      // An invalid header value or URL: thrown before any socket exists.
      finish({ kind: 'failed', failure: { kind: 'not_sent' }, cause });
      return;
    }

    const interrupt = (why: Interruption): void => {
      interruption = why;
      req.destroy(new Error(why === 'timeout' ? `no response within ${timeoutMs} ms` : 'aborted by the caller'));
    };
    if (startTimer) cancelTimer = startTimer(timeoutMs, () => interrupt('timeout'));
    else req.on('timeout', () => interrupt('timeout'));
    const onAbort = (): void => interrupt('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });

    req.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        // A body that keeps trickling never lets the socket go idle: it is cut at the first chunk past the deadline.
        if (deadline !== 0 && Date.now() > deadline) interrupt('timeout');
      });
      res.once('end', () => finish({ kind: 'response', status: res.statusCode ?? 0, headers: nodeHeaders(res.headers), text: chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (cause) => failed(cause));
      // A body cut off mid-way: `aborted`/`close` without `end`.
      res.once('close', () => {
        if (!res.complete) failed(new Error('the response ended before its body was complete'));
      });
    });
    // `on`, not `once`: a second error event (a socket error after a destroy) must not go unhandled and crash the process; `finish` settles once.
    req.on('error', (cause) => failed(cause));

    function failed(cause: unknown): void {
      if (interruption === 'aborted') return finish(ABORTED);
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
