/**
 * Redirects, followed under Node as `fetch` follows them, a little more
 * carefully: `node:http` follows none, so without this a provider that moved an
 * endpoint, or answers a download with a 302 to storage, failed under Node and
 * worked in a browser.
 *
 * - 301, 302, 303, 307 and 308 with a `Location` are followed, up to
 *   MAX_REDIRECTS hops; any other status, and the hop past the last, is the answer.
 * - 307 and 308 repeat the method and body: the server says it did not act on
 *   the request and names where to send it. 303 turns the request into a GET
 *   without a body (the answer is elsewhere). A 301 or 302 of anything but a GET
 *   is not followed: fetch would turn a POST into a GET and report the
 *   write a success; the error names the redirect instead.
 * - A hop to another origin keeps only the content headers: the provider's
 *   credentials (`authorization`, an API-key header, a cookie) stay with it,
 *   where fetch strips only the standard ones. A hop from https to http is not
 *   followed.
 */

import type { PreparedRequest } from './build-request.js';
import type { AttemptLimits, AttemptResult } from './transport-types.js';

/** As many hops as fetch allows before it fails. */
export const MAX_REDIRECTS = 20;

/** Headers that may follow a request to another origin: they describe the content, not who asks. */
const CROSS_ORIGIN_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'content-type', 'user-agent']);

export const isRedirect = (status: number): boolean => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** The request a redirect answer asks for, or null when it is not to be followed (the answer stands). */
export function redirected(request: PreparedRequest, status: number, location: string | null): PreparedRequest | null {
  if (location === null) return null;
  let from: URL;
  let to: URL;
  try {
    from = new URL(request.url);
    to = new URL(location, from);
  } catch {
    return null;
  }
  if (to.protocol !== 'https:' && to.protocol !== 'http:') return null;
  if (from.protocol === 'https:' && to.protocol === 'http:') return null;
  const keepsMethod = status === 307 || status === 308;
  if (!keepsMethod && status !== 303 && request.method !== 'GET') return null;
  const method = keepsMethod ? request.method : 'GET';
  const body = keepsMethod ? request.body : null;
  const sameOrigin = from.origin === to.origin;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (body === null && (name === 'content-type' || name === 'content-length')) continue;
    if (sameOrigin || CROSS_ORIGIN_HEADERS.has(name)) headers[name] = value;
  }
  return request.readAs === undefined ? { method, url: to.href, headers, body } : { method, url: to.href, headers, body, readAs: request.readAs };
}

/**
 * Follows the redirects of `first`, the answer to `request`, every hop within what is left of the
 * attempt's time (it began at `startedAt` by `now`). `send` is one hop: the transport's own attempt,
 * with the proxy chosen for each URL.
 */
export async function followRedirects(
  send: (request: PreparedRequest, limits: AttemptLimits) => Promise<AttemptResult>,
  request: PreparedRequest,
  limits: AttemptLimits,
  first: AttemptResult,
  startedAt: number,
  now: () => number,
): Promise<AttemptResult> {
  let result = first;
  let current = request;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    if (result.kind !== 'response' || !isRedirect(result.status)) return result;
    const next = redirected(current, result.status, result.headers.get('location'));
    if (next === null) return result;
    const left = limits.timeoutMs - (now() - startedAt);
    if (left < 1) return { kind: 'failed', failure: { kind: 'timeout' }, cause: new Error(`no response within ${limits.timeoutMs} ms (after ${hop + 1} redirects)`) };
    current = next;
    result = await send(next, { ...limits, timeoutMs: left });
    // The first hop reached the provider (a 303 even says it acted), so a later hop that was
    // never sent still leaves the call maybe done: a write must not be tried again from the start.
    if (result.kind === 'failed' && result.failure.kind === 'not_sent') result = { ...result, failure: { kind: 'connection' } };
  }
  return result;
}
