/**
 * Rate limits as a provider signals them beyond a 429 with Retry-After: a status it declares a
 * rate limit when its remaining-requests header says 0 (GitHub answers an exhausted primary limit
 * with 403), and when to try again by the window's reset header as the spec says to read it. The
 * code is a provider part (`rateLimitParts`): only a provider with `rateLimit` bundles it.
 */

import type { RateLimitParts } from './spec.js';

export const rateLimitParts: RateLimitParts = {
  exhausted(provider, status, headers) {
    const exhausted = provider.rateLimit?.exhausted;
    return exhausted !== undefined && exhausted.statuses.includes(status) && headers.get(exhausted.remainingHeader)?.trim() === '0';
  },
  resetWaitMs(provider, headers, now) {
    const reset = provider.rateLimit?.reset;
    const value = reset ? headers.get(reset.header)?.trim() : undefined;
    if (!reset || !value || !/^\d+(\.\d+)?$/.test(value)) return null;
    const ms = reset.format === 'epoch_seconds' ? Number(value) * 1000 - now : Number(value) * 1000;
    // A reset already past says nothing a clock skew could not: backoff applies, as for a past Retry-After date.
    return ms > 0 ? ms : null;
  },
};
