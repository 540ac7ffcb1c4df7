/**
 * The error for an attempt that got no response. Its message says whether the
 * request may have reached the provider, because for a write that decides
 * whether the caller may simply try again.
 */

import { APIConnectionError, APIConnectionTimeoutError } from './errors.js';
import type { Redactor } from './redact.js';
import type { Failure } from './retry.js';

export interface ConnectionErrorContext {
  providerName: string;
  operation: string;
  idempotent: boolean;
  timeout: number;
  /** Which option set that limit: the attempt's own, or what was left of the call's. */
  timeoutOption: 'timeout' | 'totalTimeout';
  redactor: Redactor;
}

export function connectionError(ctx: ConnectionErrorContext, failure: Exclude<Failure, { kind: 'status' }>, cause: unknown): APIConnectionError {
  const id = ctx.operation;
  const unsafe = ctx.idempotent ? '' : ` It was not retried because repeating ${id} could duplicate its effect: check whether it took effect before calling again.`;
  const requestSent = failure.kind === 'not_sent' ? 'no' : 'maybe';
  const options = { cause: redactCause(cause, ctx.redactor), requestSent } as const;
  if (failure.kind === 'timeout') {
    return new APIConnectionTimeoutError(`${id} got no response within ${ctx.timeout} ms.${unsafe} Raise the \`${ctx.timeoutOption}\` option if the provider is slow.`, options);
  }
  const detail = ctx.redactor.string(causeText(cause));
  if (failure.kind === 'not_sent') {
    return new APIConnectionError(`Could not connect to ${ctx.providerName} for ${id} (${detail}); nothing was sent. Check the network and the base URL.`, options);
  }
  if (failure.kind === 'unreadable') {
    // Never retried: the same answer would come again. A write's effect is as unknown as after a reset.
    const check = ctx.idempotent ? '' : ` Check whether ${id} took effect before calling again.`;
    return new APIConnectionError(`${ctx.providerName} answered ${id}, but the answer could not be read (${detail}); it was not asked again.${check}`, options);
  }
  return new APIConnectionError(`The connection to ${ctx.providerName} failed during ${id} (${detail}).${unsafe}`, options);
}

/** Short words for a retry log line. */
export function describeFailure(failure: Failure): string {
  if (failure.kind === 'status') return `HTTP ${failure.status}`;
  if (failure.kind === 'timeout') return 'timed out';
  if (failure.kind === 'not_sent') return 'connection refused before sending';
  if (failure.kind === 'unreadable') return 'answer unreadable';
  return 'connection failed';
}

/** `fetch failed: connect ECONNREFUSED 127.0.0.1:9`: the chain of cause messages. */
export function causeText(cause: unknown): string {
  const parts: string[] = [];
  let node = cause;
  for (let depth = 0; node instanceof Error && depth < 4; depth++) {
    parts.push(node.message || (node as { code?: string }).code || node.name);
    node = node.cause;
  }
  return parts.filter(Boolean).join(': ') || String(cause);
}

/** Keeps the original cause (its `code` is useful) unless its text carries a secret. */
function redactCause(cause: unknown, redactor: Redactor): unknown {
  if (!(cause instanceof Error)) return cause;
  const text = `${cause.message}\n${cause.stack ?? ''}`;
  if (redactor.string(text) === text) return cause;
  const safe = new Error(redactor.string(cause.message));
  Object.assign(safe, { code: (cause as { code?: unknown }).code });
  return safe;
}
