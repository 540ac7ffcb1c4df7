/**
 * Every error the runtime throws. Callers branch on the class (`instanceof
 * RateLimitError`), people read the message, which says what to do next.
 *
 * Every string and enumerable field reaching these constructors has already been
 * passed through the client's redactor, so `JSON.stringify(error)` and
 * `error.message` never carry a credential.
 */

import type { ResponseHeaders } from './transport-types.js';

export class SwitchboardError extends Error {
  /**
   * The class's name as text: a minifier renames classes (`NotFoundError` becomes `re` in a
   * browser bundle), so `error.name` is never read from the class itself. A subclass declared
   * outside the runtime has none of its own and keeps its class name.
   */
  static get errorName(): string {
    return 'SwitchboardError';
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const named = new.target as typeof SwitchboardError;
    // Non-enumerable, like Error's own `message`, so JSON.stringify(error) shows data fields only.
    Object.defineProperty(this, 'name', { value: Object.hasOwn(named, 'errorName') ? named.errorName : named.name, enumerable: false, configurable: true, writable: true });
  }
}

/**
 * A value a parameter cannot be sent as (a path traversal, a transform's unconvertible input, an
 * object in a query): the request builder names the parameter and reports it with the other issues.
 */
export class ArgumentValueError extends Error {}

/** The headers of an error made without a response's (by hand, or by the token endpoint's code). */
const NO_HEADERS: ResponseHeaders = { get: () => null };

/** The provider answered with a status that is not a success. */
export class APIError extends SwitchboardError {
  static override get errorName(): string {
    return 'APIError';
  }

  constructor(
    /** HTTP status of the response. */
    readonly status: number,
    message: string,
    /** The provider's own error text, from ProviderSpec.errorMessagePaths. */
    readonly providerMessage: string | null,
    /** The provider's error code, from ProviderSpec.errorCodePaths. */
    readonly providerCode: string | null,
    /** Value of ProviderSpec.requestIdHeader, to quote to the provider's support. */
    readonly requestId: string | null,
    /** The parsed response body (JSON when it parsed, else the text), redacted. */
    readonly body: unknown,
    /** The response's headers, case-insensitive and redacted: `error.headers.get('x-ratelimit-reset')`. */
    readonly headers: ResponseHeaders = NO_HEADERS,
    /** The answer's field-level reasons (ProviderSpec.errorDetails), `title: missing_field`, redacted; empty for none. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }

  /** The one factory: the subclass is chosen by status alone (`STATUS_ERRORS`). */
  static generate(
    status: number,
    message: string,
    providerMessage: string | null,
    providerCode: string | null,
    requestId: string | null,
    body: unknown,
    retryAfter: number | null = null,
    headers: ResponseHeaders = NO_HEADERS,
    /** A rate limit sent with another status (GitHub's 403 with no requests left) is a RateLimitError too. */
    rateLimited: boolean = status === 429,
    details: readonly string[] = [],
  ): APIError {
    const args = [status, message, providerMessage, providerCode, requestId, body, headers] as const;
    if (rateLimited) return new RateLimitError(...args, retryAfter, details);
    const typed = STATUS_ERRORS[status] ?? (status >= 500 ? InternalServerError : APIError);
    return new typed(...args, details);
  }
}

/**
 * A status class: an APIError under its own name, which callers test with `instanceof`. Written
 * out class by class, so that each is a type of its own in the declarations and in editors.
 */
export class BadRequestError extends APIError {
  static override get errorName(): string {
    return 'BadRequestError';
  }
}
export class AuthenticationError extends APIError {
  static override get errorName(): string {
    return 'AuthenticationError';
  }
}
export class PermissionDeniedError extends APIError {
  static override get errorName(): string {
    return 'PermissionDeniedError';
  }
}
export class NotFoundError extends APIError {
  static override get errorName(): string {
    return 'NotFoundError';
  }
}
export class ConflictError extends APIError {
  static override get errorName(): string {
    return 'ConflictError';
  }
}
export class UnprocessableEntityError extends APIError {
  static override get errorName(): string {
    return 'UnprocessableEntityError';
  }
}
/** Every 5xx. */
export class InternalServerError extends APIError {
  static override get errorName(): string {
    return 'InternalServerError';
  }
}

/** The class of each status with one of its own, but 429 (`RateLimitError` carries `retryAfter`); 5xx and the rest below. */
const STATUS_ERRORS: Record<number, typeof APIError | undefined> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
};

export class RateLimitError extends APIError {
  static override get errorName(): string {
    return 'RateLimitError';
  }

  constructor(
    status: number,
    message: string,
    providerMessage: string | null,
    providerCode: string | null,
    requestId: string | null,
    body: unknown,
    headers: ResponseHeaders,
    /** Seconds the provider asked us to wait (Retry-After), or null when it did not say. */
    readonly retryAfter: number | null,
    details?: readonly string[],
  ) {
    super(status, message, providerMessage, providerCode, requestId, body, headers, details);
  }
}

/**
 * No usable response: the connection failed or broke. `requestSent` says
 * whether the request can have reached the provider: `'no'` when the
 * connection was never made (nothing was written), `'maybe'` otherwise. For a
 * write, `'maybe'` means check whether it took effect before calling again.
 */
export class APIConnectionError extends SwitchboardError {
  static override get errorName(): string {
    return 'APIConnectionError';
  }
  readonly requestSent: 'no' | 'maybe';

  constructor(message: string, options: { cause?: unknown; requestSent?: 'no' | 'maybe' } = {}) {
    super(message, { cause: options.cause });
    this.requestSent = options.requestSent ?? 'maybe';
  }
}

/** No response within the timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  static override get errorName(): string {
    return 'APIConnectionTimeoutError';
  }
}

/** The caller aborted the request through its AbortSignal. */
export class APIUserAbortError extends SwitchboardError {
  static override get errorName(): string {
    return 'APIUserAbortError';
  }
}

/**
 * The error of a call its caller aborted, saying so when the caller's signal was a timeout
 * (`AbortSignal.timeout(ms)`), so that is not mistaken for a deliberate abort.
 */
export function abortedBy(opId: string, signal?: AbortSignal): APIUserAbortError {
  const reason: unknown = signal?.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return new APIUserAbortError(timedOut ? `${opId} was aborted by the caller's signal, which timed out.` : `${opId} was aborted by the caller.`);
}

export interface ValidationIssue {
  /** Parameter path as the caller wrote it: `to`, `data.agent_id`, `media_urls[0]`. */
  path: string;
  /** `missing`, `unknown`, or a phrase such as `must be one of active, deleted`. */
  problem: string;
  expected?: string;
  /** The given value, JSON-quoted and shortened. */
  received?: string;
  /** For a required group ("exactly one of a, b"): its parameters; `problem` is then the whole sentence. */
  group?: string[];
}

/** The arguments were refused before any request was made. */
export class ValidationError extends SwitchboardError {
  static override get errorName(): string {
    return 'ValidationError';
  }

  constructor(
    readonly operation: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`Invalid arguments for ${operation}: ${issues.map(describeIssue).join('; ')}. No request was made.`);
  }
}

export function describeIssue(issue: ValidationIssue): string {
  if (issue.group) return issue.problem;
  if (issue.problem === 'missing') return `missing '${issue.path}'`;
  if (issue.problem === 'unknown') return `unknown '${issue.path}'`;
  const got = issue.received === undefined ? '' : ` (got ${issue.received})`;
  return `'${issue.path}' ${issue.problem}${got}`;
}

export interface MissingField {
  key: string;
  /** The environment variable that was read (account-aware). */
  env: string;
  /** The client option that sets it directly. */
  option: string;
}

/** A field the operation needs (server URL or auth) has no value. */
export class MissingCredentialsError extends SwitchboardError {
  static override get errorName(): string {
    return 'MissingCredentialsError';
  }

  constructor(
    readonly provider: string,
    readonly operation: string,
    readonly fields: MissingField[],
  ) {
    const how = fields.map((f) => `${f.key}: set ${f.env} or pass { ${f.option}: '…' } to the client`);
    super(`${provider} needs ${fields.map((f) => f.key).join(', ')} for ${operation}: ${how.join('; ')}. No request was made.`);
  }
}

/** The provider has no endpoint for this operation. */
export class UnavailableFunctionError extends SwitchboardError {
  static override get errorName(): string {
    return 'UnavailableFunctionError';
  }

  constructor(
    readonly operation: string,
    readonly reason: string,
    readonly alternative: string | null,
  ) {
    super(`${operation} is not available: ${reason}${alternative ? ` Instead: ${alternative}` : ''}`);
  }
}

/** A client or request option has a value the runtime cannot honour; raised before any request. */
export class InvalidOptionError extends SwitchboardError {
  static override get errorName(): string {
    return 'InvalidOptionError';
  }

  constructor(
    /** The option's name, e.g. `timeout`. */
    readonly option: string,
    /** Where it was given: the client's options or one call's. */
    readonly scope: 'client' | 'request',
    /** The allowed values, in words: `an integer from 1 to 2147483647 (milliseconds)`. */
    readonly allowed: string,
    /** The value given, as text. */
    readonly received: string,
  ) {
    super(`Invalid ${scope} option \`${option}\`: must be ${allowed}; got ${received}. No request was made.`);
  }
}

/** Walking pages stopped because continuing would be wrong or endless. */
export class PaginationError extends SwitchboardError {
  static override get errorName(): string {
    return 'PaginationError';
  }

  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(`${operation}: ${message}`);
  }
}
