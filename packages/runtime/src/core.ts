/**
 * The client every generated package wraps: it turns an OperationSpec and the
 * caller's arguments into a validated, authenticated request, sends it with
 * safe retries, and returns the body or a typed error. Checks that need no
 * network (availability, arguments, credentials, path safety) all run before
 * the first byte is sent.
 */

import { snapshotArguments, type ArgumentLimits } from './arguments.js';
import { authCodeOf, type AuthCode } from './auth.js';
import { buildRequest, type BuildInput, type PreparedRequest, type ShownRequest } from './build-request.js';
import { connectionError, describeFailure } from './connection-error.js';
import {
  abortedBy,
  SwitchboardError,
  UnavailableFunctionError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
import { neededFieldKeys, redactorFor, requireFields, resolveFields, type ResolvedFields } from './fields.js';
import type { OAuth2TokenStore } from './oauth2-token.js';
import type { OAuth2Session, OAuth2TokenRoute } from './oauth2-session.js';
import { makeLog, type Log } from './logger.js';
import { partOf, providerPartOf } from './part-of.js';
import { DEFAULTS, type CoreOptions, type InternalClientOptions, type RequestOptions } from './options.js';
import type { FetchedPage } from './pagination.js';
import { REDACTED, type Redactor } from './redact.js';
import { answerText, apiError, isRateLimited, isSuccess, parseBody, rateLimitWaitMs, type ErrorContext } from './response.js';
import { checkBaseUrl, checkClientOptions, checkRequestOptions } from './option-checks.js';
import { baseUrlsFromEnv } from './base-url-env.js';
import { backoffBudgetMs, mayRetry, retryAfterMs, retryWait, type Failure } from './retry.js';
import { declaredIdempotent, serverNameOf, type OperationSpec, type ProviderSpec, type ServerSpec, type UnavailableOperationSpec } from './spec.js';
import { defaultTransport } from '#default-transport';
import { fetchTransport } from './transport.js';
import type { AnswerResult, AttemptLimits, AttemptResult, StartTimer, Transport } from './transport-types.js';
import { abortableSleep } from './sleep.js';
import { validateArgs } from './validate.js';

export type AnyOperation = OperationSpec | UnavailableOperationSpec;

/** One call, planned: its request, how to build it again, and the limits that hold for all of its attempts. */
interface Call {
  /** The request as a dry run shows it: an OAuth2 token stands as `[REDACTED]`, none is fetched. */
  request: PreparedRequest;
  ctx: ErrorContext;
  /** Sends one attempt: the transport, or for an OAuth2 server the session's attempts with a real token. */
  attempt: Transport;
  op: OperationSpec;
  options: RequestOptions;
  /** `call` returns the body alone; a page walk gets the page with its URL and headers. */
  bodyOnly: boolean;
  now: () => number;
  /** Injected attempt timers (tests); absent, each transport times attempts its own way. */
  startTimer: StartTimer | undefined;
  maxRetries: number;
  timeout: number;
  startedAt: number;
  deadline: number;
}

/** One server as every call of this client reaches it (`Core.route`). */
interface Route {
  server: ServerSpec;
  authCode: AuthCode;
  serverUrl: string;
  /** Its OAuth2 token endpoint, for a server on client credentials; null for every other auth kind. */
  oauth2: OAuth2TokenRoute | null;
  fieldValues: Record<string, string>;
  credentialHint: string;
  /** Opened on the first call that gets past the argument checks. */
  session?: OAuth2Session;
}

/** Node's hook for util.inspect, by its registered name, so the runtime imports nothing from node:util. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export class Core {
  /** @internal Also for page walks (`pages.ts`). */
  readonly fields: ResolvedFields;
  /** @internal Also for page walks (`pages.ts`) and the CLI, which redacts what it shows of an answer. */
  readonly redactor: Redactor;
  /** @internal Also for OAuth2 sessions (`oauth2-session.ts`). */
  readonly log: Log;
  /** @internal Also for page walks (`pages.ts`). */
  readonly limits: ArgumentLimits;
  /** The limits of an operation that uploads files: a larger request by default (`maxRequestBytes`). */
  private readonly uploadLimits: ArgumentLimits;
  /** Present only for providers with an OAuth2 server (or when the caller shares a store). */
  /** @internal Also for OAuth2 sessions. */
  readonly tokenStore: OAuth2TokenStore | undefined;
  /** @internal Also for OAuth2 sessions. */
  readonly transport: Transport;
  /** Fields the provider's headers need on every request; fixed by the spec. */
  private readonly headerFieldKeys: string[];
  /** The provider's headers filled from this client's fields, once they were built without error. */
  private filledHeaders: Record<string, string> | undefined;
  /** Per server name, once a call reached it (`route`). */
  private routes: Map<string, Route> | undefined;
  /** Base URLs from `<PREFIX>_BASE_URL` variables, by server; undefined when none is set. */
  private envBaseUrls: Record<string, string> | undefined;

  constructor(
    readonly provider: ProviderSpec,
    /** @internal Also for OAuth2 sessions (the client's timeout and test timers). */
    readonly options: CoreOptions = {},
  ) {
    checkClientOptions(options);
    this.limits = {
      maxDepth: options.maxArgumentDepth ?? DEFAULTS.maxArgumentDepth,
      maxBytes: options.maxRequestBytes ?? DEFAULTS.maxRequestBytes,
    };
    this.uploadLimits = { maxDepth: this.limits.maxDepth, maxBytes: options.maxRequestBytes ?? DEFAULTS.maxUploadRequestBytes };
    const env = options.env ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
    this.fields = resolveFields(provider, { options: options as Record<string, unknown>, env, account: options.account });
    this.redactor = redactorFor(provider, this.fields);
    // A caller's transport, else its fetch, else the platform's default (node:http under Node, fetch elsewhere).
    this.transport = options.transport ?? (options.fetch ? fetchTransport(options.fetch) : defaultTransport);
    this.log = makeLog(options.logger ?? globalThis.console, options.logLevel ?? DEFAULTS.logLevel, this.redactor);
    this.headerFieldKeys = provider.headers ? providerPartOf(provider, 'accounts').headerFields(provider) : [];
    this.tokenStore = options.oauth2Tokens ?? provider.oauth2?.newStore((options as InternalClientOptions).now ?? Date.now);
    // Servers the environment points elsewhere (TELNYX_BASE_URL), checked now; the baseURL option wins over them.
    for (const { server, variable, url } of baseUrlsFromEnv(provider, options.account ?? 'default', env)) {
      checkBaseUrl(url, variable);
      (this.envBaseUrls ??= {})[server] = url;
    }
  }

  /**
   * What JSON.stringify shows of a client: its provider and account. Its options, fields, redactor
   * and token store hold the credentials, so a client logged or serialised whole must not show them.
   */
  toJSON(): { provider: string; account: string } {
    return { provider: this.provider.id, account: this.options.account ?? 'default' };
  }

  /** What util.inspect and console.log show under Node, at any depth: the same as toJSON. */
  [INSPECT](): string {
    return `Core ${JSON.stringify(this.toJSON())}`;
  }

  /** A client for another account or with other options; unspecified options are inherited, OAuth2 tokens shared. */
  withOptions(overrides: CoreOptions): Core {
    return new Core(this.provider, { ...(this.tokenStore ? { oauth2Tokens: this.tokenStore } : {}), ...this.options, ...overrides });
  }

  /** The exact request `call` would send, credentials redacted; nothing is sent. Throws what `call` would throw before sending. */
  prepare(op: AnyOperation, args: object, options: RequestOptions = NO_OPTIONS): ShownRequest {
    // A dry run shows the idempotency-key header: the caller's key, or the kind of key a call would send.
    const { request } = this.plan(op, args, options, undefined, true);
    // A multipart body is shown as its preview, a binary one as its text or size: a dry run reads no file.
    const body = request.body === null ? null : typeof request.body === 'string' ? request.body : (request.multipart?.preview ?? `<${request.body.size} bytes>`);
    return { method: request.method, url: this.redactor.string(request.url), headers: this.redactor.headers(request.headers), body: body === null ? null : this.redactor.string(body) };
  }

  /**
   * @internal For dry runs (the CLI's): where the OAuth2 token request of `op` would go, or null
   * for a server without OAuth2. Throws what `prepare` would throw for a missing field.
   */
  tokenUrlOf(op: AnyOperation): string | null {
    const route = this.route(available(op));
    return route.oauth2 ? this.redactor.string(route.oauth2.tokenUrl(route.fieldValues)) : null;
  }

  /** The response body of one call (JSON when it parses), after safe retries; a typed error otherwise. */
  call<T = unknown>(op: AnyOperation, args: object, options: RequestOptions = NO_OPTIONS): Promise<T> {
    return this.exchange(op, args, options, undefined, true) as Promise<T>;
  }

  /** @internal For page walks (`pages.ts`): one page, with the URL it came from (the base of relative next links) and its headers. */
  send(op: AnyOperation, args: object, options: RequestOptions, link?: string): Promise<FetchedPage> {
    return this.exchange(op, args, options, link, false) as Promise<FetchedPage>;
  }

  /** Everything that can fail without the network, in the order a person would fix it; nothing is sent. */
  private plan(op: AnyOperation, given: object | undefined, options: RequestOptions, link: string | undefined, bodyOnly: boolean): Call {
    checkRequestOptions(options);
    const spec = available(op);
    // One key per logical call: made here, once, so every retry sends the same one (a dry run shows the kind of key). The caller's own headers still win.
    const keyHeader = spec.idempotencyKey ? partOf(spec, 'keyHeader')(spec, options.idempotencyKey) : undefined;
    const headers = keyHeader === undefined ? options.headers : { ...keyHeader, ...options.headers };
    // Functions without parameters may be called with nothing. Everything below reads only this plain copy.
    // Files are larger than JSON: an upload's default bound is too (an explicit maxRequestBytes holds for both).
    const limits = spec.body === 'multipart' || spec.body === 'binary' ? this.uploadLimits : this.limits;
    const snapshot = snapshotArguments(spec.id, given ?? {}, limits, this.redactor);
    // Old parameter names (spec `renamed_from`) become the new ones before anything checks them.
    const args = spec.renamedParams && isPlainRecord(snapshot) ? partOf(spec, 'rename')(spec, snapshot) : snapshot;
    validateArgs(spec, args, this.redactor);
    const route = this.route(spec);
    const input: BuildInput = { op: spec, args, server: route.server, authCode: route.authCode, serverUrl: route.serverUrl, fieldValues: route.fieldValues, accountHeaders: this.accountHeaders(), extraHeaders: [this.options.defaultHeaders, headers] };
    const request = this.build(input, route.oauth2 ? REDACTED : undefined);
    this.checkSize(spec.id, request, limits.maxBytes);
    // An OAuth2 server's attempts build the request again with a real token (no argument is read again).
    const attempt = route.oauth2
      ? (route.session ??= route.oauth2.open(route.fieldValues)).attempts((token) => withLink(this.build(input, token), link), spec.id)
      : this.transport;
    // Safe to repeat as declared (reads unless declared otherwise), or made so by an idempotency key.
    const idempotent = declaredIdempotent(spec) || spec.idempotencyKey !== undefined;
    const internal = this.options as InternalClientOptions;
    const now = internal.now ?? Date.now;
    const maxRetries = options.maxRetries ?? internal.maxRetries ?? DEFAULTS.maxRetries;
    const timeout = options.timeout ?? internal.timeout ?? DEFAULTS.timeout;
    const startedAt = now();
    return {
      request: withLink(request, link),
      ctx: { provider: this.provider, op: spec, credentialHint: route.credentialHint, idempotent, redactor: this.redactor, now },
      attempt,
      op: spec,
      options,
      bodyOnly,
      now,
      startTimer: internal.startTimer,
      maxRetries,
      timeout,
      startedAt,
      // By default every attempt may take its whole timeout and every backoff wait its longest, so no retry is cut for time.
      deadline: startedAt + (options.totalTimeout ?? internal.totalTimeout ?? timeout * (maxRetries + 1) + backoffBudgetMs(maxRetries)),
    };
  }

  /**
   * What every call to one server needs and cannot change after construction (fields, overrides
   * and the spec are fixed): its URL template, the field values it needs, OAuth2 details and the
   * credential hint of errors. Worked out on the first call to the server that gets that far, and
   * kept; a missing field fails every call, naming the operation, as before.
   */
  private route(spec: OperationSpec): Route {
    const name = serverNameOf(spec);
    const known = this.routes?.get(name);
    if (known !== undefined) return known;
    const server = this.server(spec);
    const authCode = authCodeOf(this.provider, server.auth);
    const serverUrl = this.serverUrl(spec.id, name, server);
    // Only the OAuth2 kind has a token endpoint (its part, `oauth2Auth`, finds it).
    const oauth2 = authCode.tokenRoute?.(this, spec.id, server.auth, name) ?? null;
    // The token endpoint's URL may have placeholders of its own (a regional auth host).
    const authFields = authCode.fields(server.auth);
    const keys = [...new Set([...neededFieldKeys(serverUrl, authFields), ...(oauth2 ? oauth2.fields : []), ...this.headerFieldKeys])];
    const fieldValues = requireFields(this.provider, spec.id, this.fields, keys);
    // What a 401 points to: every field the auth scheme sends (a Basic user name too, the usual
    // mistake with Zendesk's `email/token`) and any other secret.
    const credentialHint = keys
      .map((key) => this.fields.get(key))
      .filter((f) => f !== undefined && (f.spec.secret || authFields.includes(f.spec.key)))
      .map((f) => `${f?.envName} or { ${f?.spec.option} }`)
      .join(', ');
    const route: Route = { server, authCode, serverUrl, oauth2, fieldValues, credentialHint };
    // Made on the first call, so a client that is created and never used stays small.
    (this.routes ??= new Map()).set(name, route);
    return route;
  }

  /**
   * The provider's headers from this client's field values, which never change after construction:
   * built on the first call (so a bad value fails that call, naming the field, as before) and kept.
   */
  private accountHeaders(): Record<string, string> | undefined {
    const { provider } = this;
    if (!provider.headers) return undefined;
    this.filledHeaders ??= providerPartOf(provider, 'accounts').headers(provider, (key) => this.fields.get(key)?.value);
    return this.filledHeaders;
  }

  /**
   * The request from `input`, with an OAuth2 server's access token when one is given. Path and
   * transform problems quote the value given, which may be a secret pasted by mistake.
   */
  private build(input: BuildInput, accessToken: string | undefined): PreparedRequest {
    try {
      return buildRequest(accessToken === undefined ? input : { ...input, accessToken });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const r = this.redactor;
      throw new ValidationError(
        error.operation,
        error.issues.map((issue) => r.value(issue) as ValidationIssue),
      );
    }
  }

  /** The exact size rule, on what would be sent (the argument walk only estimates it). */
  private checkSize(operation: string, request: PreparedRequest, max: number): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, so most requests are clearly small enough without encoding them.
    const { body } = request;
    // A multipart body knows its size; UTF-8 takes at most 3 bytes per UTF-16 code unit, so most text bodies are clearly small enough without encoding them.
    if (request.url.length + (body === null ? 0 : typeof body === 'string' ? body.length * 3 : body.size) <= max) return;
    const bytes = request.url.length + (body === null ? 0 : typeof body === 'string' ? new TextEncoder().encode(body).length : body.size);
    if (bytes <= max) return;
    const where = request.body === null ? '(request URL)' : '(request body)';
    throw new ValidationError(operation, [{ path: where, problem: `would make the request ${bytes} bytes, more than ${max} (the maxRequestBytes option)` }]);
  }

  /** @internal Also for page walks. */
  server(op: OperationSpec): ServerSpec {
    const name = serverNameOf(op);
    const server = this.provider.servers[name];
    if (!server) throw new SwitchboardError(`${op.id} names server '${name}', which ${this.provider.id} does not define.`);
    return server;
  }

  /** The URL template: a baseURL override wins over the spec's URL, and over a URL chosen by a field. */
  /** @internal Also for page walks. */
  serverUrl(operation: string, name: string, server: ServerSpec): string {
    const overridden = this.serverOverride(name);
    // Paths are joined with a slash of their own: `https://proxy.example/` must not make `//calls`.
    return overridden === undefined ? this.specServerUrl(operation, server) : overridden.replace(/\/+$/, '');
  }

  /** The base URL that replaces server `name`'s (the `baseURL` option, then the environment), if any. */
  /** @internal Also for the OAuth2 token endpoint. */
  serverOverride(name: string): string | undefined {
    const override = this.options.baseURL;
    const only = Object.keys(this.provider.servers).length === 1;
    return (typeof override === 'string' ? (name === 'default' || only ? override : undefined) : override?.[name]) ?? this.envBaseUrls?.[name];
  }

  /** The spec's URL template for this account: the only one, or the one a field chooses. */
  /** @internal Also for page walks. */
  specServerUrl(operation: string, server: ServerSpec): string {
    const { url } = server;
    if (typeof url === 'string') return url;
    const value = requireFields(this.provider, operation, this.fields, [url.byField])[url.byField];
    return providerPartOf(this.provider, 'accounts').chooseServerUrl(this.provider, url, value);
  }

  /**
   * One call: everything that can fail without the network (a rejection, never a throw), then
   * the first attempt. The common case, no OAuth2 token to wait for and a success on the first
   * attempt, costs one promise beyond the transport's; everything else goes on in `retryLoop`.
   */
  private exchange(op: AnyOperation, args: object, options: RequestOptions, link: string | undefined, bodyOnly: boolean): Promise<unknown> {
    try {
      const call = this.plan(op, args, options, link, bodyOnly);
      if (this.log.debugOn) return this.retryLoop(call, null);
      const attempt: AttemptLimits = { timeoutMs: Math.max(1, Math.min(call.timeout, call.deadline - call.startedAt)), signal: options.signal, startTimer: call.startTimer };
      return call.attempt(call.request, attempt).then((result) =>
        // A provider that may mark a success-status answer as a failure goes the long way, which reads the mark.
        result.kind === 'response' && isSuccess(call.op, result.status) && (this.provider.failureInBody === undefined || call.op.download !== undefined) ? delivered(call, result) : this.retryLoop(call, { result, timeoutMs: attempt.timeoutMs }),
      );
    } catch (error) {
      // A check that failed, or a caller's transport that threw instead of resolving: a rejection either way.
      return Promise.reject(error);
    }
  }

  /**
   * Attempts with retries, linear and readable: safe retries with their waits, and the typed
   * error at the end (an OAuth2 token is the attempts' own business, `Call.attempt`). `first` is
   * an attempt already made (the fast path in `exchange`), or null to start from the beginning.
   */
  private async retryLoop(call: Call, first: { result: AttemptResult; timeoutMs: number } | null): Promise<unknown> {
    const { ctx, request, options, maxRetries, timeout, deadline, now } = call;
    const opId = ctx.op.id;
    const internal = this.options as InternalClientOptions;
    const sleep = internal.sleep ?? abortableSleep;
    const maxRetryAfter = internal.maxRetryAfter ?? DEFAULTS.maxRetryAfter;
    const { idempotent } = ctx;
    let pending = first;

    for (let retry = 0; ; retry++) {
      let result: AttemptResult;
      let attemptTimeout: number;
      const started = now();
      if (pending !== null) {
        ({ result, timeoutMs: attemptTimeout } = pending);
        pending = null;
      } else {
        if (this.log.debugOn) this.log.debug(`${request.method} ${request.url}${retry > 0 ? ` (retry ${retry} of ${maxRetries})` : ''}`);
        // The last attempt gets only what is left of the call's deadline.
        attemptTimeout = Math.max(1, Math.min(timeout, deadline - started));
        result = await call.attempt(request, { timeoutMs: attemptTimeout, signal: options.signal, startTimer: call.startTimer });
      }
      if (result.kind === 'aborted') throw abortedBy(opId, options.signal);

      let failure: Failure;
      if (result.kind === 'response') {
        if (this.log.debugOn) this.log.debug(`HTTP ${result.status} from ${request.method} ${request.url} in ${now() - started} ms`);
        if (isSuccess(ctx.op, result.status)) {
          const marker = this.provider.failureInBody;
          // A download's body is a file, which no failure marker reads.
          if (marker === undefined || ctx.op.download !== undefined) return delivered(call, result);
          const text = answerText(result);
          const body = parseBody(text);
          // The provider refused the call in a success answer: an error like a 4xx, never retried.
          if (providerPartOf(this.provider, 'failureInBody').marks(marker, body)) throw apiError(ctx, result.status, result.headers, text);
          return delivered(call, result, body);
        }
        failure = { kind: 'status', status: result.status, headers: result.headers, rateLimited: isRateLimited(this.provider, result.status, result.headers) };
      } else {
        failure = result.failure;
      }

      if (mayRetry(failure, idempotent) && retry < maxRetries) {
        const at = now();
        const asked = failure.kind !== 'status' ? null : failure.rateLimited ? rateLimitWaitMs(this.provider, failure.headers, at) : retryAfterMs(failure.headers, at);
        const wait = retryWait(retry + 1, asked, { maxRetryAfter, timeLeft: deadline - at, now: at });
        if (wait.kind === 'wait') {
          this.log.warn(`${opId}: ${describeFailure(failure)}; retrying in ${wait.ms} ms (retry ${retry + 1} of ${maxRetries}).`);
          try {
            await sleep(wait.ms, options.signal);
          } catch {
            throw abortedBy(opId, options.signal);
          }
          if (options.signal?.aborted) throw abortedBy(opId, options.signal);
          continue;
        }
        this.log.warn(`${opId}: ${describeFailure(failure)}; not retrying: ${wait.reason}.`);
      }

      if (result.kind === 'response') {
        throw apiError(ctx, result.status, result.headers, answerText(result));
      }
      const timeoutOption = attemptTimeout < timeout ? ('totalTimeout' as const) : ('timeout' as const);
      const errorContext = { providerName: this.provider.name, operation: opId, idempotent, timeout: attemptTimeout, timeoutOption, redactor: this.redactor };
      throw connectionError(errorContext, result.failure, result.cause);
    }
  }
}

/** What a call returns on success: the body, or for a page walk the page with where it came from; for a download, the file. */
function delivered(call: Pick<Call, 'bodyOnly' | 'request' | 'op'>, result: AnswerResult, parsed?: unknown): unknown {
  if (call.op.download !== undefined) return partOf(call.op, 'download')(result);
  const body = parsed === undefined ? parseBody(answerText(result)) : parsed;
  return call.bodyOnly ? body : { body, url: call.request.url, headers: result.headers };
}

const NO_OPTIONS: RequestOptions = Object.freeze({});

/** A followed next link replaces the URL only; method, headers and credentials stay those of the call. */
function withLink(built: PreparedRequest, link: string | undefined): PreparedRequest {
  return link === undefined ? built : { ...built, url: link };
}

/** @internal The operation, unless the provider no longer offers it. */
export function available(op: AnyOperation): OperationSpec {
  if ('unavailable' in op) throw new UnavailableFunctionError(op.id, op.unavailable.reason, op.unavailable.alternative);
  return op;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
