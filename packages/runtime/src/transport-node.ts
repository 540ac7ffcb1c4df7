/**
 * One HTTP attempt on `node:http`/`node:https` with keep-alive agents: the
 * transport the runtime uses under Node. Compared with global `fetch` it skips
 * WHATWG streams, Headers objects and event targets, and otherwise answers as
 * fetch would: redirects followed (`redirects.ts`), compressed bodies decoded,
 * a byte-order mark dropped, idle sockets closed after fetch's 4 s
 * (`idle-sockets.ts`); and, when asked, through HTTP proxies (`proxy.ts`).
 *
 * A failure is `not_sent` only when its error code proves no connection was
 * made (as with fetch), never from socket events: interceptors (msw) and
 * tunnelling proxy agents hand over sockets whose `connect` event is never
 * seen, though the request does reach the other side.
 *
 * The attempt's deadline is kept by one timer shared by every attempt in flight
 * (`deadlines.ts`), or by an injected timer; an abort listener is added only
 * when the caller passed a signal.
 */

// The modules themselves, read at call time: interceptors (msw in the sandbox and in tests) patch `request` on them.
import http, { type Agent as HttpAgent, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions } from 'node:http';
import https, { type Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import { constants as bufferConstants } from 'node:buffer';
import { brotliDecompress, gunzip, inflate, inflateRaw, type InputType, type ZlibOptions } from 'node:zlib';
import { Deadlines, type Expiring } from './deadlines.js';
import type { AttemptResult, ResponseHeaders, Transport, TransportAttempt } from './transport-types.js';
import { neverSent } from './retry.js';
import { forwardedOptions, ProxyRoutes, type Proxy, type ProxySettings } from './proxy.js';
import { followRedirects, isRedirect } from './redirects.js';
import { boundIdleSockets, IDLE_SOCKET_MS } from './idle-sockets.js';
import { realTimer } from './transport.js';

/** Methods node:http sends without chunked encoding by default, so a body needs its content-length set. */
const UNFRAMED_BY_DEFAULT = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

/** Agents by protocol; either may be omitted to keep the shared keep-alive default. */
export interface NodeAgents {
  http?: HttpAgent;
  https?: HttpsAgent;
}

export interface NodeTransportOptions {
  /**
   * Agents to send through (other pool sizes, your own TLS options), used as they are. Default: one
   * shared keep-alive agent per protocol, whose free sockets close after 4 s, as fetch's do.
   */
  agents?: NodeAgents;
  /**
   * The most bytes an answer's body may have, read or decoded; a longer one fails the attempt (the
   * request arrived, so it may have taken effect). Default and most: what one string can hold
   * (`buffer.constants.MAX_STRING_LENGTH`), past which reading it would throw.
   */
  maxResponseBytes?: number;
  /**
   * HTTP proxies to send through (`proxyFromEnv()` reads them as curl does); a host the settings
   * exempt, and loopback, is reached directly. Not together with `agents`, whose sockets would
   * bypass the proxy. `tls`: options for the TLS connections made through it (a `ca`).
   */
  proxy?: ProxySettings & { tls?: HttpsAgentOptions };
  /**
   * How long a kept-alive socket of the transport's own agents may wait unused before it is
   * closed rather than reused. Default: 4 s, fetch's (`IDLE_SOCKET_MS`). Not with `agents`.
   */
  idleSocketMs?: number;
}

let sharedAgents: Required<NodeAgents> | undefined;

/** Created on first use so importing the runtime opens nothing. */
function defaultAgents(): Required<NodeAgents> {
  sharedAgents ??= keepAliveAgents(IDLE_SOCKET_MS);
  return sharedAgents;
}

/** Keep-alive agents whose free sockets close after `idleMs` instead of waiting for the server to close them (idle-sockets.ts). */
function keepAliveAgents(idleMs: number): Required<NodeAgents> {
  return { http: boundIdleSockets(new http.Agent({ keepAlive: true }), { idleMs }), https: boundIdleSockets(new https.Agent({ keepAlive: true }), { idleMs }) };
}

/**
 * The deadlines of every attempt without an injected timer. One timer for all instead of the
 * socket's timeout: that one is armed and disarmed by Node for every request on a pooled socket
 * (a timer object, a bound function and listeners each time, and a refresh on every read and
 * write), which cost about 5 % of a call's CPU against raw `node:http`.
 */
const deadlines = new Deadlines();

export function nodeTransport(options: NodeTransportOptions = {}): Transport {
  if (options.idleSocketMs !== undefined && (options.agents || !Number.isFinite(options.idleSocketMs) || options.idleSocketMs < 1)) {
    throw new RangeError(options.agents ? 'nodeTransport takes idleSocketMs for its own agents, not with agents' : `idleSocketMs must be a positive number of milliseconds; got ${String(options.idleSocketMs)}`);
  }
  // Agents of its own only for another idle bound; every other transport shares one pair.
  const chosen = options.agents ?? (options.idleSocketMs === undefined ? {} : keepAliveAgents(options.idleSocketMs));
  const maxBytes = options.maxResponseBytes ?? MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || maxBytes > MAX_BODY_BYTES) {
    throw new RangeError(`maxResponseBytes must be an integer from 1 to ${MAX_BODY_BYTES}; got ${String(maxBytes)}`);
  }
  const decodeLimits: ZlibOptions = { maxOutputLength: maxBytes };
  if (options.proxy && options.agents) throw new TypeError('nodeTransport takes agents or a proxy, not both: the agents\' sockets would not go through the proxy');
  const routes = options.proxy ? new ProxyRoutes(options.proxy, options.proxy.tls) : null;
  const hop: Transport = (request, limits) => {
    const secure = request.url.startsWith('https:');
    const route = routes === null ? null : routes.routeFor(new URL(request.url));
    if (route !== null) {
      // https through a CONNECT tunnel (TLS end to end with the provider); http to the proxy whole, in absolute form.
      if (route.kind === 'tunnel') return send(request, limits, true, route.agent, maxBytes, decodeLimits, null);
      return send(request, limits, route.proxy.secure, route.agent, maxBytes, decodeLimits, route.proxy);
    }
    const agent = secure ? (chosen.https ?? defaultAgents().https) : (chosen.http ?? defaultAgents().http);
    return send(request, limits, secure, agent, maxBytes, decodeLimits, null);
  };
  // Redirects as fetch follows them (redirects.ts), all within the attempt's time.
  return (request, limits) => {
    const startedAt = performance.now();
    return hop(request, limits).then((result) => (result.kind === 'response' && isRedirect(result.status) ? followRedirects(hop, request, limits, result, startedAt, now) : result));
  };
}

const now = (): number => performance.now();

/** Why the attempt ended early, when it did not end with a response or a socket error. */
type Interruption = 'timeout' | 'aborted';

const ABORTED: AttemptResult = Object.freeze({ kind: 'aborted' });

/**
 * One attempt. `secure`: the connection the request goes out on is TLS. `forwardTo`: the http proxy
 * a plain-http request is sent to whole, or null to send it to the URL's host (directly or tunnelled).
 */
function send(request: TransportAttempt['request'], limits: TransportAttempt['limits'], secure: boolean, agent: HttpAgent, maxBytes: number, decodeLimits: ZlibOptions, forwardTo: Proxy | null): Promise<AttemptResult> {
  const { body } = request;
  if (body === null || typeof body === 'string') return sendBytes(request, body, limits, secure, agent, maxBytes, decodeLimits, forwardTo);
  // A multipart body's files are read now, before any socket, within the attempt's time: what is
  // left of it bounds the request that follows.
  const started = performance.now();
  return readWithin(body, limits).then((read) => {
    if (read.kind === 'ended') return read.result;
    const timeoutMs = Math.max(1, limits.timeoutMs - (performance.now() - started));
    return sendBytes(request, Buffer.from(read.bytes), { ...limits, timeoutMs }, secure, agent, maxBytes, decodeLimits, forwardTo);
  });
}

type BodyRead = { kind: 'bytes'; bytes: ArrayBuffer } | { kind: 'ended'; result: AttemptResult };

/**
 * A Blob body's bytes, unless reading them fails, outlasts the attempt's timeout (a file on a
 * stalled network disk) or is aborted by the caller. Nothing has been sent then, so the failure is
 * `not_sent`, safe to retry even for a write.
 */
function readWithin(blob: Blob, limits: TransportAttempt['limits']): Promise<BodyRead> {
  const { timeoutMs, signal, startTimer } = limits;
  if (signal?.aborted) return Promise.resolve({ kind: 'ended', result: ABORTED });
  return new Promise<BodyRead>((resolve) => {
    let settled = false;
    let cancel: (() => void) | undefined;
    const done = (read: BodyRead): void => {
      if (settled) return;
      settled = true;
      cancel?.();
      signal?.removeEventListener('abort', onAbort);
      resolve(read);
    };
    const onAbort = (): void => done({ kind: 'ended', result: ABORTED });
    const expire = (): void => done({ kind: 'ended', result: { kind: 'failed', failure: { kind: 'not_sent' }, cause: new Error(`the request's files could not be read within ${timeoutMs} ms`) } });
    cancel = (startTimer ?? realTimer)(timeoutMs, expire);
    // An injected timer may fire at once, before `cancel` is known.
    if (settled) return void cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    blob.arrayBuffer().then(
      (bytes) => done({ kind: 'bytes', bytes }),
      (cause: unknown) => done({ kind: 'ended', result: { kind: 'failed', failure: { kind: 'not_sent' }, cause } }),
    );
  });
}

function sendBytes(request: TransportAttempt['request'], body: string | Buffer | null, limits: TransportAttempt['limits'], secure: boolean, agent: HttpAgent, maxBytes: number, decodeLimits: ZlibOptions, forwardTo: Proxy | null): Promise<AttemptResult> {
  const { signal, timeoutMs, startTimer } = limits;
  if (signal?.aborted) return Promise.resolve(ABORTED);
  return new Promise<AttemptResult>((resolve) => {
    let interruption: Interruption | null = null;
    // Set when the answer came but cannot be read: the request was destroyed on purpose, not by the network.
    let unreadable = false;
    let settled = false;
    let cancelTimer: (() => void) | undefined;
    // Without an injected timer: this attempt's place among the shared deadlines.
    let expiring: Expiring | undefined;
    const finish = (result: AttemptResult): void => {
      if (settled) return;
      settled = true;
      if (expiring !== undefined) deadlines.remove(expiring);
      cancelTimer?.();
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(result);
    };

    // node:http copies the headers it is given, so the request's own record is passed as it is;
    // `end(body)` with no content-length header sets it from the body's UTF-8 length, except for the
    // methods node:http expects no body on, where it sends the body with no framing at all: the
    // server then reads it as the start of a next request. Those get the length here.
    let req: ClientRequest;
    try {
      const open = secure ? https.request : http.request;
      req = forwardTo === null ? open(request.url, { method: request.method, headers: request.headers, agent }) : open(forwardedOptions(request.method, request.url, request.headers, forwardTo, agent));
      if (body !== null && UNFRAMED_BY_DEFAULT.has(request.method) && !req.hasHeader('content-length')) req.setHeader('content-length', Buffer.byteLength(body));
      // Compressed answers, as fetch asks for them: a page of a list is often a tenth of its size gzipped.
      if (!req.hasHeader('accept-encoding')) req.setHeader('accept-encoding', ACCEPTED_ENCODINGS);
    } catch (cause) {
      // An invalid header value or URL: thrown before any socket exists.
      finish({ kind: 'failed', failure: { kind: 'not_sent' }, cause });
      return;
    }

    const interrupt = (why: Interruption): void => {
      interruption = why;
      req.destroy(new Error(why === 'timeout' ? `no response within ${timeoutMs} ms` : 'aborted by the caller'));
    };
    // The whole attempt, body included, ends at its deadline, however slowly the body trickles in.
    if (startTimer) cancelTimer = startTimer(timeoutMs, () => interrupt('timeout'));
    else expiring = deadlines.add(timeoutMs, interrupt);
    const onAbort = (): void => interrupt('aborted');
    if (signal) signal.addEventListener('abort', onAbort, { once: true });

    // `on`, not `once`, for events that come once anyway: `once` wraps each listener and removes it
    // again, work on every call that `finish` (which settles once) makes unnecessary.
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // Past what one string holds, reading the body would throw from this event, out of every caller's reach.
        if (received > maxBytes) {
          unreadable = true;
          req.destroy(new Error(`the response body is over ${maxBytes} bytes (the transport's maxResponseBytes)`));
        }
        else chunks.push(chunk);
      });
      res.on('end', () => {
        const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        const headers = new NodeHeaders(res.headers);
        const status = res.statusCode ?? 0;
        const decode = decoderFor(res.headers['content-encoding']);
        if (decode === undefined || bytes.length === 0) return finish(answer(request, status, headers, bytes));
        decode(bytes, decodeLimits, (error, plain) => {
          // An answer arrived but cannot be read: the request reached the provider, so it may have taken effect.
          if (error) finish({ kind: 'failed', failure: { kind: 'unreadable' }, cause: new Error(`the ${String(res.headers['content-encoding'])} response body could not be decoded: ${error.message}`) });
          else finish(answer(request, status, headers, plain));
        });
      });
      res.on('error', failed);
      // A body cut off mid-way: `aborted`/`close` without `end`.
      res.on('close', () => {
        if (!res.complete) failed(new Error('the response ended before its body was complete'));
      });
    });
    // `on`, not `once`: a second error event (a socket error after a destroy) must not go unhandled and crash the process; `finish` settles once.
    req.on('error', failed);

    function failed(cause: unknown): void {
      if (interruption === 'aborted') return finish(ABORTED);
      if (interruption === 'timeout') return finish({ kind: 'failed', failure: { kind: 'timeout' }, cause });
      if (unreadable) return finish({ kind: 'failed', failure: { kind: 'unreadable' }, cause });
      finish({ kind: 'failed', failure: { kind: neverSent(cause) ? 'not_sent' : 'connection' }, cause });
    }

    req.end(body ?? undefined);
  });
}

/** The answer as the request asked to read it: a download's bytes as they are, anything else as text. */
function answer(request: TransportAttempt['request'], status: number, headers: ResponseHeaders, body: Buffer): AttemptResult {
  return request.readAs === 'bytes' ? { kind: 'response', status, headers, bytes: body } : { kind: 'response', status, headers, text: utf8Text(body) };
}

/**
 * A body as text, as fetch's `text()` decodes it: UTF-8, without a leading byte-order mark (some
 * servers, .NET's among them, start JSON with one; kept, it makes the body unparseable as JSON).
 */
function utf8Text(bytes: Buffer): string {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.toString('utf8', 3) : bytes.toString('utf8');
}

/** What the transport asks for, and can decode: the encodings fetch (undici) asks for. */
const ACCEPTED_ENCODINGS = 'gzip, deflate, br';

type Decode = (bytes: InputType, options: ZlibOptions, callback: (error: Error | null, result: Buffer) => void) => void;

/**
 * The longest body one string holds. A decoded body is held to the same limit, so a small compressed
 * answer that expands without end (a decompression bomb) fails the attempt instead of filling memory.
 */
const MAX_BODY_BYTES = bufferConstants.MAX_STRING_LENGTH;

/**
 * The decoder for a `content-encoding`, or undefined for none (identity) or one not asked for, whose
 * bytes are passed on as they are. `deflate` is the zlib format by the HTTP spec, but some servers
 * send raw deflate, which is tried when the zlib header is not there.
 */
function decoderFor(encoding: string | undefined): Decode | undefined {
  if (encoding === undefined) return undefined;
  // Codings applied in turn (`gzip, br`) are undone last first, as fetch does; any unknown one leaves the bytes as they came.
  if (encoding.includes(',')) {
    const each = encoding.split(',').map((coding) => (coding.trim().toLowerCase() === 'identity' ? null : oneDecoder(coding)));
    if (each.includes(undefined)) return undefined;
    const steps = each.filter((step): step is Decode => step !== null && step !== undefined).reverse();
    return (bytes, options, callback) => {
      const next = (i: number, input: InputType): void => {
        if (i === steps.length) return callback(null, input as Buffer);
        steps[i]!(input, options, (error, output) => (error ? callback(error, output) : next(i + 1, output)));
      };
      next(0, bytes);
    };
  }
  return oneDecoder(encoding);
}

function oneDecoder(encoding: string): Decode | undefined {
  switch (encoding.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzip;
    case 'br':
      return brotliDecompress;
    case 'deflate':
      return (bytes, options, callback) => (isZlibWrapped(bytes as Buffer) ? inflate : inflateRaw)(bytes, options, callback);
    default:
      return undefined;
  }
}

/** The two-byte zlib header (RFC 1950): deflate method, and a check value divisible by 31. */
const isZlibWrapped = (bytes: Buffer): boolean => bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;

/** Node's lower-cased header record, read through the one method the runtime uses (a class: no closure per response). */
class NodeHeaders implements ResponseHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}
