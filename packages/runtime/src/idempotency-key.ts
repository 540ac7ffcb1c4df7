/**
 * Idempotency keys: a write whose spec names the provider's idempotency-key
 * header sends one key per logical call, the same on every retry of that
 * call, so the provider applies it at most once and the runtime may retry it
 * after a timeout or 5xx like a read. A caller may pass their own key (to
 * make a call they repeat later the same logical call).
 */

import { InvalidOptionError } from './errors.js';
import type { OperationSpec } from './spec.js';

/** RFC 9110 field values: visible ASCII and inner spaces; providers cap keys at 255 (Stripe) or fewer. */
const KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

/** The header carrying this call's key, or nothing when the operation declares none. */
export function idempotencyHeader(op: OperationSpec, given: unknown): Record<string, string> {
  if (!op.idempotencyKey) return {};
  if (given !== undefined && (typeof given !== 'string' || !KEY.test(given))) {
    throw new InvalidOptionError('idempotencyKey', 'request', '1 to 255 visible ASCII characters (spaces only inside)', typeof given === 'string' ? `a string of ${given.length} characters` : typeof given);
  }
  // Web Crypto's randomUUID: the same global in Node 19+, browsers, Deno, Bun and workers, so no `node:` import.
  return { [op.idempotencyKey.header]: given ?? globalThis.crypto.randomUUID() };
}
