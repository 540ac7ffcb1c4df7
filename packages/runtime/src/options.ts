/**
 * The options a client and a single request accept, with their defaults.
 * Field values (credentials, region, …) are passed beside these under their
 * FieldSpec.option names, e.g. `new Telnyx({ apiKey })`.
 */

import type { OAuth2TokenStore } from './oauth2-token.js';
import type { StartTimer, Transport } from './transport-types.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export interface ClientOptions {
  /**
   * Named account: field values are read from the environment variables of
   * FieldSpec.accountEnvTemplate with `{ACCOUNT}` = this name upper-cased, `-` → `_`
   * (`eu-sales` → `TELNYX_EU_SALES_API_KEY`). Field options given directly still win.
   * Default: the default account (FieldSpec.env).
   */
  account?: string;
  /**
   * Where environment variables are read, once, when the client is created.
   * Default: `process.env` where a `process` global exists, else none.
   */
  env?: Record<string, string | undefined>;
  /**
   * Replaces server URLs: a string replaces the `default` server (or the only one);
   * a record replaces servers by name. `{field}` placeholders are still filled.
   * Default: `<PREFIX>_BASE_URL` from `env` when set (`TELNYX_BASE_URL`; `TELNYX_WORK_BASE_URL`
   * for the account `work`; `SINCH_BASE_URL_NUMBERS` for a server other than `default`), the
   * variables the CLI reads too; else the URLs in the provider spec.
   */
  baseURL?: string | Record<string, string>;
  /**
   * Sends requests through this `fetch` instead of the default transport.
   * Default: under Node, `node:http`/`node:https` with keep-alive agents; elsewhere the global `fetch`.
   */
  fetch?: typeof fetch;
  /**
   * Sends each attempt through this transport; wins over `fetch`. For a proxy or
   * other agents under Node: `nodeTransport({ agents: { https: agent } })` from
   * `@switchboard/runtime/node`. Default: as for `fetch`.
   */
  transport?: Transport;
  /**
   * Retries after a failure that is safe to repeat (see README); 0 disables.
   * An integer from 0 to 100. Default: 2, so at most 3 requests per call.
   */
  maxRetries?: number;
  /**
   * Milliseconds one attempt may take, response body included: an integer from 1 to 2147483647.
   * The attempt ends then, a body still trickling in included (see README, "How each transport
   * keeps an attempt's timeout"). Default: 60000 (60 s).
   */
  timeout?: number;
  /**
   * Milliseconds the whole call may take: every attempt and every wait between
   * them. A retry whose wait would end past it is not made; the last failure is
   * thrown at once instead. An integer from 1 to 2147483647.
   * Default: `timeout` × (`maxRetries` + 1) plus the longest backoff waits between them (0.5 s,
   * 1 s, 2 s, … up to 8 s each), so against a server that never answers every retry is made.
   */
  totalTimeout?: number;
  /**
   * Longest wait, in milliseconds, a `Retry-After` (or `retry-after-ms`) header
   * may ask for. A 429 asking for longer is thrown at once as RateLimitError
   * (its `retryAfter` says how long), since retrying earlier than asked would
   * only be refused again. An integer from 0 to 2147483647. Default: 60000 (60 s).
   */
  maxRetryAfter?: number;
  /**
   * Deepest nesting of objects and arrays accepted in arguments (the arguments
   * object itself is level 0). An integer from 1 to 1000. Default: 32.
   */
  maxArgumentDepth?: number;
  /**
   * Largest request accepted, in bytes: the URL plus the UTF-8 body. Larger
   * arguments are refused with ValidationError before anything is sent. An
   * integer from 1 to 1073741824. Default: 1048576 (1 MiB), or 104857600
   * (100 MiB) for a function that uploads files (a multipart or binary body).
   */
  maxRequestBytes?: number;
  /**
   * Where OAuth2 client-credentials tokens are kept: clients given the same store share each
   * account's token, so they fetch it once between them. Default: a store of this client's own,
   * shared with the clients `withOptions` makes from it.
   */
  oauth2Tokens?: OAuth2TokenStore;
  /** Headers added to every request; they override generated ones of the same name. Default: none. */
  defaultHeaders?: Record<string, string>;
  /** Receives log lines, already redacted. Default: `console`. */
  logger?: Logger;
  /** Least severe level logged: `debug` shows each request line and retry. Default: `'warn'`. */
  logLevel?: LogLevel;
}

/**
 * What `new Core()` accepts: the options above plus field values under their
 * FieldSpec.option names. The union (rather than only the intersection) lets a
 * generated `interface TelnyxOptions extends ClientOptions { apiKey?: string }`
 * be passed: interfaces have no index signature, so they are not assignable to
 * `Record<string, unknown>`, while object literals with field options still are.
 */
export type CoreOptions = ClientOptions | (ClientOptions & Record<string, unknown>);

/**
 * Every client option's name. A provider's account fields become options beside these in
 * `<Provider>Options`, so the generator refuses a field that would take one (a field `timeout`
 * would make `timeout` a string and the client's build fail).
 */
export const CLIENT_OPTION_NAMES = [
  'account', 'env', 'baseURL', 'fetch', 'transport', 'maxRetries', 'timeout', 'totalTimeout', 'maxRetryAfter',
  'maxArgumentDepth', 'maxRequestBytes', 'oauth2Tokens', 'defaultHeaders', 'logger', 'logLevel',
] as const satisfies ReadonlyArray<keyof ClientOptions>;
type IsTrue<T extends true> = T;
/** Fails to compile when ClientOptions gains an option the list above does not name. */
export type ClientOptionNamesComplete = IsTrue<[Exclude<keyof ClientOptions, (typeof CLIENT_OPTION_NAMES)[number]>] extends [never] ? true : false>;

export type { StartTimer };

/** Test seams, not part of the public options: tests must not wait for real backoff, timeouts or clocks. */
export interface InternalClientOptions extends ClientOptions {
  /** Waits `ms` milliseconds, rejecting early if `signal` aborts. Default: a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The attempt timeout's timer. Default: `setTimeout`. */
  startTimer?: StartTimer;
  /** Milliseconds since the epoch, for deadlines and `Retry-After` dates. Default: `Date.now`. */
  now?: () => number;
}

export interface RequestOptions {
  /** Milliseconds this request's attempts may each take. Default: the client's `timeout`. */
  timeout?: number;
  /** Milliseconds this whole call may take, retries included. Default: the client's `totalTimeout`. */
  totalTimeout?: number;
  /** Aborts the call (and any pending retry) with APIUserAbortError. */
  signal?: AbortSignal;
  /** Retries for this call. Default: the client's `maxRetries`. */
  maxRetries?: number;
  /** Headers for this call; they override every other header of the same name. */
  headers?: Record<string, string>;
  /** `pages()`/`items()`: pages fetched at most before PaginationError: an integer from 1 to 1000000. Default: 1000. */
  maxPages?: number;
  /** For a write that declares an idempotency-key header: this call's key instead of a generated UUID (1 to 255 visible ASCII characters). */
  idempotencyKey?: string;
}

export const DEFAULTS = {
  maxRetries: 2,
  timeout: 60_000,
  maxRetryAfter: 60_000,
  maxArgumentDepth: 32,
  maxRequestBytes: 1_048_576,
  /** For an operation that uploads files (`body: 'multipart'` or `'binary'`), when the caller sets no maxRequestBytes. */
  maxUploadRequestBytes: 104_857_600,
  logLevel: 'warn',
  maxPages: 1000,
} as const;
