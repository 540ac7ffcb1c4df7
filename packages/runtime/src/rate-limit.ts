/**
 * Rate limits as a provider signals them: a 429, or a status it declares a rate limit when its
 * remaining-requests header says 0 (GitHub answers an exhausted primary limit with 403), and when
 * to try again: Retry-After, else the window's reset header as the spec says to read it.
 */

import { retryAfterMs } from './retry.js';
import type { ProviderSpec } from './spec.js';
import type { ResponseHeaders } from './transport-types.js';

export function isRateLimited(provider: ProviderSpec, status: number, headers: ResponseHeaders): boolean {
  if (status === 429) return true;
  const exhausted = provider.rateLimit?.exhausted;
  return exhausted !== undefined && exhausted.statuses.includes(status) && headers.get(exhausted.remainingHeader)?.trim() === '0';
}

/** Milliseconds to wait before trying a rate-limited call again, or null when the answer does not say. */
export function rateLimitWaitMs(provider: ProviderSpec, headers: ResponseHeaders, now: number): number | null {
  return retryAfterMs(headers, now) ?? resetWaitMs(provider, headers, now);
}

function resetWaitMs(provider: ProviderSpec, headers: ResponseHeaders, now: number): number | null {
  const reset = provider.rateLimit?.reset;
  const value = reset ? headers.get(reset.header)?.trim() : undefined;
  if (!reset || !value || !/^\d+(\.\d+)?$/.test(value)) return null;
  const ms = reset.format === 'epoch_seconds' ? Number(value) * 1000 - now : Number(value) * 1000;
  // A reset already past says nothing a clock skew could not: backoff applies, as for a past Retry-After date.
  return ms > 0 ? ms : null;
}
