/**
 * Reading a response: the body as data, and for a failure status the typed
 * APIError whose message says what went wrong in the provider's words and what
 * to do about it.
 */

import type { AnswerResult, ResponseHeaders } from './transport-types.js';
import { APIError } from './errors.js';
import { firstText } from './json-path.js';
import type { Redactor } from './redact.js';
import { providerPartOf } from './part-of.js';
import { retryAfterMs, waitSeconds } from './retry.js';
import type { OperationSpec, ProviderSpec } from './spec.js';

export function isSuccess(op: OperationSpec, status: number): boolean {
  return status === (op.successStatus ?? 200) || (status >= 200 && status < 300);
}

/** An answer's body as text: as the transport read it, or its bytes decoded as UTF-8 (a download's error answer). */
export const answerText = (answer: AnswerResult): string => answer.text ?? new TextDecoder().decode(answer.bytes);

/** JSON when the body parses, the text when it does not, null when there is none. */
export function parseBody(text: string): unknown {
  // A search for the first non-space character, not `trim()`: that would copy every body. A JSON
  // body's first character (`{`, `[`) settles it without the search.
  const first = text.charCodeAt(0);
  if (!(first > 0x20 && first < 0x7f) && !/\S/.test(text)) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface ErrorContext {
  provider: ProviderSpec;
  op: OperationSpec;
  /** e.g. `TELNYX_API_KEY or { apiKey }`: where the credential of this call comes from. */
  credentialHint: string;
  /** Whether the operation is safe to repeat; if not, a 5xx was not retried and the message says so. */
  idempotent: boolean;
  redactor: Redactor;
  /** The client's clock, for when a rate limit's reset time comes. */
  now: () => number;
}

export function apiError(ctx: ErrorContext, status: number, headers: ResponseHeaders, text: string): APIError {
  const r = ctx.redactor;
  const body = redactedBody(r, text);
  const providerMessage = firstText(body, ctx.provider.errorMessagePaths, 'last_resort') ?? (typeof body === 'string' && body.length <= 200 ? body : null);
  const providerCode = firstText(body, ctx.provider.errorCodePaths);
  const fromHeader = ctx.provider.requestIdHeader ? onceEach(headers.get(ctx.provider.requestIdHeader)) : null;
  const requestId = fromHeader ?? (ctx.provider.errorRequestIdPaths ? firstText(body, ctx.provider.errorRequestIdPaths) : null);
  const limited = isRateLimited(ctx.provider, status, headers);
  const retryAfter = waitSeconds(limited ? rateLimitWaitMs(ctx.provider, headers, ctx.now()) : null);

  const said = providerMessage ? `: ${providerMessage}` : '';
  const code = providerCode && providerCode !== providerMessage ? ` [${providerCode}]` : '';
  const id = requestId ? ` (request id ${requestId})` : '';
  const head = `${ctx.op.id} failed with HTTP ${status}${said}${code}${id}`;
  // Read from the redacted body, as the message and code are.
  const detailsSpec = ctx.provider.errorDetails;
  const detailsPart = detailsSpec && providerPartOf(ctx.provider, 'errorDetails');
  const details = detailsPart ? detailsPart.read(detailsSpec, body) : [];
  // A provider message that ends its own sentence ("…for user ID 1.") gets no second full stop.
  const message = `${head}${/[.!?]$/.test(head) ? '' : '.'} ${detailsPart ? detailsPart.sentence(details) : ''}${advice(ctx, status, headers, limited, retryAfter)}`;
  // A view, not a copy: most errors are caught without a look at their headers.
  const redactedHeaders: ResponseHeaders = {
    get: (name) => {
      const value = headers.get(name);
      return value === null ? null : r.string(value);
    },
  };
  return APIError.generate(status, r.string(message), providerMessage && r.string(providerMessage), providerCode && r.string(providerCode), requestId && r.string(requestId), body, retryAfter, redactedHeaders, limited, details);
}

/** The error body as data, redacted; as redacted text when it nests too deep to walk (a hostile or broken server). */
function redactedBody(r: Redactor, text: string): unknown {
  try {
    return r.value(parseBody(text));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return r.string(text);
  }
}

function advice(ctx: ErrorContext, status: number, headers: ResponseHeaders, limited: boolean, retryAfter: number | null): string {
  const name = ctx.provider.name;
  // Before the status advice: GitHub's exhausted rate limit is a 403, which is not a permissions problem.
  if (limited) return `Rate limited by ${name}; ${retryAfter === null ? 'wait' : `wait ${retryAfter} s`} before trying again, or lower the request rate.`;
  if (status === 401) return `Check the ${name} credential (${ctx.credentialHint}): it may be wrong, expired or revoked.`;
  if (status === 403) return `The ${name} credential was accepted but may not do this; check the account's permissions, plan or key type.`;
  if (status === 404) return 'Check the identifiers passed: the resource does not exist or belongs to another account.';
  if (status === 409) return 'The resource is in a conflicting state; fetch it again before repeating the change.';
  // The message carries one path of the answer; a provider's per-field details (GitHub's errors[].field) are in the body.
  if (status === 400 || status === 422) return `${name} refused the arguments; correct them as its answer says (the error's body has every detail).`;
  if (status >= 500 && !ctx.idempotent) {
    return `${name} failed on its side. ${ctx.op.id} was not retried because repeating it could duplicate its effect: check whether it took effect before calling again.`;
  }
  if (status >= 500) return `${name} failed on its side; try again later.`;
  // A redirect the transport did not follow (see redirects.ts), or a transport that follows none.
  if (status >= 300 && status < 400 && headers.get('location') !== null) {
    return `${name} redirected the call to ${headers.get('location')}, which was not followed; check the base URL.`;
  }
  const marker = ctx.provider.failureInBody;
  if (status < 400 && marker) return providerPartOf(ctx.provider, 'failureInBody').advice(name, status, marker);
  return `See the ${name} API documentation for HTTP ${status}.`;
}

/** Whether an answer is a rate limit: a 429, or what the provider's `rateLimit` declares one (its part, `rateLimitParts`). */
export function isRateLimited(provider: ProviderSpec, status: number, headers: ResponseHeaders): boolean {
  if (status === 429) return true;
  return provider.rateLimit?.exhausted !== undefined && providerPartOf(provider, 'rateLimit').exhausted(provider, status, headers);
}

/** Milliseconds to wait before trying a rate-limited call again: Retry-After, else the window's reset; null when the answer says neither. */
export function rateLimitWaitMs(provider: ProviderSpec, headers: ResponseHeaders, now: number): number | null {
  const asked = retryAfterMs(headers, now);
  if (asked !== null || provider.rateLimit?.reset === undefined) return asked;
  return providerPartOf(provider, 'rateLimit').resetWaitMs(provider, headers, now);
}

/** A header a proxy repeated (`x-request-id: 70b4-IAD, 70b4-IAD`, as `Headers` joins it) read once; distinct values stay as given. */
function onceEach(value: string | null): string | null {
  if (value === null || !value.includes(',')) return value;
  const parts = value.split(',').map((part) => part.trim());
  return parts.every((part) => part === parts[0]) ? parts[0]! : value;
}
