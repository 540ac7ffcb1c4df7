/**
 * When a failed attempt may be repeated, and after how long. The rule that
 * matters: a request that might have reached the server is repeated only when
 * repeating it is harmless. Non-idempotent writes (sending an SMS, placing a
 * call) are retried only when the connection was never made, or on 429, where
 * the provider itself says it did nothing.
 */

import type { ResponseHeaders } from './transport-types.js';

/** Why an attempt failed, in the terms the retry rule needs. */
export type Failure =
  /** `rateLimited`: a 429, or a status the provider declares a rate limit (`isRateLimited` in response.ts). */
  | { kind: 'status'; status: number; headers: ResponseHeaders; rateLimited?: boolean }
  /** Refused or unresolvable: no byte reached the server. */
  | { kind: 'not_sent' }
  /** Reset, closed or unknown: the server may have acted. */
  | { kind: 'connection' }
  | { kind: 'timeout' }
  /** An answer came but cannot be read (too large, or not decodable): the server acted, and asking again would bring the same answer. */
  | { kind: 'unreadable' };

/** Codes that prove nothing reached the provider; `ERR_PROXY_TUNNEL` is a proxy that refused to open the way (`proxy.ts`). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_PROXY_TUNNEL']);

export function mayRetry(failure: Failure, idempotent: boolean): boolean {
  switch (failure.kind) {
    case 'not_sent':
      return true;
    case 'status':
      // The provider says it did not process the request.
      if (failure.status === 429 || failure.rateLimited) return true;
      return idempotent && (failure.status === 408 || failure.status >= 500);
    case 'connection':
    case 'timeout':
      return idempotent;
    case 'unreadable':
      return false;
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

export interface WaitLimits {
  /** Longest Retry-After honoured (the `maxRetryAfter` option). */
  maxRetryAfter: number;
  /** Milliseconds left before the call's deadline (`totalTimeout`). */
  timeLeft: number;
  now: number;
}

/** Wait this long and retry, or do not retry at all, and why. */
export type RetryWait = { kind: 'wait'; ms: number } | { kind: 'give_up'; reason: string };

/**
 * The wait before retry number `retry` (1 for the first): the server's wish
 * (`asked`: its Retry-After, or a rate limit's reset) if it stated a usable
 * one, else backoff. A wish longer than `maxRetryAfter`, or
 * any wait that would end past the deadline, means giving up now: retrying
 * sooner than asked would only be refused again, and a caller's deadline is a
 * promise we keep.
 */
export function retryWait(retry: number, asked: number | null, limits: WaitLimits, random: () => number = Math.random): RetryWait {
  if (asked !== null && asked > limits.maxRetryAfter) {
    return { kind: 'give_up', reason: `the provider asked to wait ${formatMs(asked)}, longer than maxRetryAfter (${formatMs(limits.maxRetryAfter)})` };
  }
  const ms = asked ?? backoffMs(retry, random);
  if (ms >= limits.timeLeft) {
    return { kind: 'give_up', reason: `waiting ${formatMs(ms)} would pass the call's deadline (totalTimeout; ${formatMs(Math.max(0, limits.timeLeft))} left)` };
  }
  return { kind: 'wait', ms };
}

/** A wait as `RateLimitError.retryAfter` gives it: whole seconds, rounded up. */
export const waitSeconds = (ms: number | null): number | null => (ms === null ? null : Math.ceil(ms / 1000));

/** The longest the backoff waits before `retries` retries can add up to (no jitter): the default deadline's room for them. */
export function backoffBudgetMs(retries: number): number {
  let total = 0;
  for (let retry = 1; retry <= retries; retry++) total += Math.min(BASE_MS * 2 ** (retry - 1), BACKOFF_CAP_MS);
  return total;
}

/** 0.5 s × 2ⁿ⁻¹ up to 8 s, minus up to 25 % jitter. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const backoff = Math.min(BASE_MS * 2 ** (retry - 1), BACKOFF_CAP_MS);
  // Up to 25% less, so clients that failed together do not retry together.
  return Math.round(backoff * (1 - random() * 0.25));
}

const DECIMAL_SECONDS = /^\d+(\.\d+)?$/;

/**
 * `retry-after-ms`, else `Retry-After` as seconds or an HTTP date; null when
 * absent or unusable, so backoff applies. Unusable: negative numbers, anything
 * that is neither a number nor a date, and dates not in the future (a past date
 * says nothing a clock skew could not; retrying at once would hammer the server).
 */
export function retryAfterMs(headers: ResponseHeaders, now: number = Date.now()): number | null {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && DECIMAL_SECONDS.test(ms)) return Number(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (DECIMAL_SECONDS.test(value)) return Number(value) * 1000;
  // Date.parse reads "-5" or "100000000" as years; an HTTP date always has a month name.
  if (!/[a-z]{3}/i.test(value)) return null;
  const date = Date.parse(value);
  return Number.isNaN(date) || date <= now ? null : date - now;
}

function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'forever';
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}
