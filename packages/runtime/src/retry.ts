/**
 * When a failed attempt may be repeated, and after how long. The rule that
 * matters: a request that might have reached the server is repeated only when
 * repeating it is harmless. Non-idempotent writes (sending an SMS, placing a
 * call) are retried only when the connection was never made, or on 429, where
 * the provider itself says it did nothing.
 */

/** Why an attempt failed, in the terms the retry rule needs. */
export type Failure =
  | { kind: 'status'; status: number; headers: Headers }
  /** Refused or unresolvable: no byte reached the server. */
  | { kind: 'not_sent' }
  /** Reset, closed or unknown: the server may have acted. */
  | { kind: 'connection' }
  | { kind: 'timeout' };

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function mayRetry(failure: Failure, idempotent: boolean): boolean {
  switch (failure.kind) {
    case 'not_sent':
      return true;
    case 'status':
      if (failure.status === 429) return true;
      return idempotent && (failure.status === 408 || failure.status >= 500);
    case 'connection':
    case 'timeout':
      return idempotent;
  }
}

/**
 * Whether a fetch rejection proves the request was never sent. Node's fetch
 * rejects with `TypeError('fetch failed')` whose `cause` carries the socket
 * error code; with happy-eyeballs the cause is an AggregateError of one error
 * per address, and only if every address refused is the request unsent.
 */
export function neverSent(error: unknown): boolean {
  const codesOf = (e: unknown, depth: number): string[] => {
    if (depth > 4 || e === null || typeof e !== 'object') return [];
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return [code];
    if (Array.isArray(errors) && errors.length > 0) {
      const each = errors.map((inner) => codesOf(inner, depth + 1));
      return each.every((codes) => codes.length > 0) ? each.flat() : [];
    }
    return codesOf(cause, depth + 1);
  };
  return codesOf(error, 0).length > 0;
}

const BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
const RETRY_AFTER_CAP_MS = 60_000;

/** Delay before retry number `retry` (1 for the first): the server's wish if stated, else backoff with jitter. */
export function retryDelayMs(retry: number, headers: Headers | null, random: () => number = Math.random): number {
  const asked = headers ? retryAfterMs(headers) : null;
  if (asked !== null) return Math.min(asked, RETRY_AFTER_CAP_MS);
  const backoff = Math.min(BASE_MS * 2 ** (retry - 1), BACKOFF_CAP_MS);
  // Up to 25% less, so clients that failed together do not retry together.
  return Math.round(backoff * (1 - random() * 0.25));
}

/** `retry-after-ms`, else `Retry-After` as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | null {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
