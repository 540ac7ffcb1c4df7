/**
 * OAuth2 client-credentials tokens (RFC 6749 §4.4): fetched from a token endpoint, cached until
 * shortly before `expires_in` runs out, and refreshed by one request however many calls wait for
 * it. `Core` asks an `OAuth2TokenStore` for the cache of each client it calls with.
 */

import { base64Utf8 } from './base64.js';
import { answerText } from './response.js';
import { causeText } from './connection-error.js';
import { APIConnectionError, APIError, AuthenticationError } from './errors.js';
import { mayRetry, retryAfterMs, retryWait, waitSeconds, type Failure } from './retry.js';
import type { AttemptLimits, Transport } from './transport-types.js';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent space-separated as `scope`; none sends no `scope`. */
  scopes: readonly string[];
  /** `basic`: HTTP Basic client_id:client_secret (RFC 6749 §2.3.1, the preferred way); `form`: both in the body. */
  credentialsIn: 'basic' | 'form';
}

export interface FetchedToken {
  accessToken: string;
  /** Seconds the token is valid for, from `expires_in`; null when the endpoint does not say. */
  expiresIn: number | null;
}

/** What a token endpoint answered, in words that never include the secret or a token. */
function refusal(status: number, body: unknown): string {
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  // OAuth2 error responses (RFC 6749 §5.2) carry `error` and `error_description`, neither a secret.
  const code = typeof fields.error === 'string' ? fields.error.slice(0, 100) : null;
  const description = typeof fields.error_description === 'string' ? fields.error_description.slice(0, 300) : null;
  return `the token endpoint answered ${status}${code ? ` ${code}` : ''}${description ? `: ${description}` : ''}`;
}

/** How token requests are repeated: a token request changes nothing at the provider, so any failure that may pass is retried. */
export interface TokenRetries {
  maxRetries: number;
  /** Longest Retry-After honoured (the client's `maxRetryAfter`). */
  maxRetryAfter: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Told before each wait, for the debug log. */
  onRetry?: (why: string, ms: number, retry: number) => void;
}

/** One answer of the token endpoint: a token, or the error to raise and whether trying again may help. */
type TokenAttempt = { kind: 'token'; token: FetchedToken } | { kind: 'failed'; error: Error; failure: Failure };

/**
 * A token from the endpoint, retried as a read is: after a connection failure, a timeout, a 408, a
 * 429 (waiting its Retry-After) or a 5xx, up to `retries.maxRetries` times. Failures name the
 * endpoint and status; the secret and any token stay out of them.
 */
export async function fetchClientCredentialsToken(client: ClientCredentials, transport: Transport, limits: Omit<AttemptLimits, 'signal'>, retries: TokenRetries): Promise<FetchedToken> {
  for (let retry = 1; ; retry++) {
    const attempt = await requestToken(client, transport, limits);
    if (attempt.kind === 'token') return attempt.token;
    if (retry > retries.maxRetries || !mayRetry(attempt.failure, true)) throw attempt.error;
    const now = retries.now();
    const asked = attempt.failure.kind === 'status' ? retryAfterMs(attempt.failure.headers, now) : null;
    const wait = retryWait(retry, asked, { maxRetryAfter: retries.maxRetryAfter, timeLeft: Number.POSITIVE_INFINITY, now });
    if (wait.kind === 'give_up') throw attempt.error;
    retries.onRetry?.(attempt.error.message, wait.ms, retry);
    await retries.sleep(wait.ms);
  }
}

async function requestToken(client: ClientCredentials, transport: Transport, limits: Omit<AttemptLimits, 'signal'>): Promise<TokenAttempt> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (client.scopes.length > 0) form.set('scope', client.scopes.join(' '));
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (client.credentialsIn === 'basic') headers.authorization = `Basic ${base64Utf8(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`)}`;
  else {
    form.set('client_id', client.clientId);
    form.set('client_secret', client.clientSecret);
  }
  const result = await transport({ method: 'POST', url: client.tokenUrl, headers, body: form.toString() }, limits);
  if (result.kind !== 'response') {
    const failure: Failure = result.kind === 'failed' ? result.failure : { kind: 'connection' };
    const why = result.kind === 'aborted' ? 'aborted' : failure.kind === 'timeout' ? `no answer within ${limits.timeoutMs} ms` : causeText(result.kind === 'failed' ? result.cause : undefined);
    // Asking for a token changes nothing at the provider, so whether it was sent does not matter to the caller's write.
    return { kind: 'failed', failure, error: new APIConnectionError(`Could not reach the OAuth2 token endpoint ${client.tokenUrl} (${why}).`, { requestSent: 'no' }) };
  }
  let body: unknown = null;
  try {
    body = JSON.parse(answerText(result));
  } catch {
    body = null;
  }
  const ok = result.status >= 200 && result.status < 300;
  const token = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (ok && typeof token.access_token === 'string' && token.access_token !== '') {
    const expiresIn = typeof token.expires_in === 'number' && Number.isFinite(token.expires_in) && token.expires_in > 0 ? token.expires_in : null;
    return { kind: 'token', token: { accessToken: token.access_token, expiresIn } };
  }
  const failure: Failure = { kind: 'status', status: result.status, headers: result.headers };
  // The body is not kept on the error: a half-valid answer could still hold a token.
  if (!ok && (result.status === 408 || result.status === 429 || result.status >= 500)) {
    const error = APIError.generate(result.status, `The OAuth2 token endpoint ${client.tokenUrl} failed: ${refusal(result.status, body)}. The provider could not issue a token; this is not a problem of the credentials.`, null, null, null, null, result.status === 429 ? waitSeconds(retryAfterMs(result.headers)) : null);
    return { kind: 'failed', failure, error };
  }
  const why = ok ? 'the token endpoint answered without an access_token' : refusal(result.status, body);
  return { kind: 'failed', failure, error: new AuthenticationError(result.status, `OAuth2 client credentials for ${client.tokenUrl} were refused: ${why}. Check the client id and secret of this account.`, null, null, null, null) };
}

export interface TokenCacheOptions {
  /** Milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
  /**
   * A token is renewed this many milliseconds before it expires, so a request is never sent with
   * one that runs out in flight. Default: 60000 (60 s), or a tenth of a shorter lifetime.
   */
  refreshBeforeMs?: number;
}

/**
 * The current token of one client. Concurrent callers share one fetch (single-flight); a token
 * without `expires_in` is kept until `invalidate` (after a 401).
 */
export class TokenCache {
  private current: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly options: TokenCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A token valid for a while yet: the cached one, the one being fetched, or a new fetch. */
  token(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.refresh();
    return this.pending;
  }

  /**
   * Drops `rejected` (the token a 401 answered) so the next `token()` fetches a new one. A token
   * already replaced by a concurrent caller is left alone: one 401 wave causes one refresh.
   */
  invalidate(rejected: string): void {
    if (this.current?.token === rejected) this.current = null;
  }

  private async refresh(): Promise<string> {
    try {
      const { accessToken, expiresIn } = await this.fetchToken();
      const lifetimeMs = expiresIn === null ? Number.POSITIVE_INFINITY : expiresIn * 1000;
      const margin = Math.min(this.options.refreshBeforeMs ?? 60_000, lifetimeMs / 10);
      this.current = { token: accessToken, renewAt: this.now() + lifetimeMs - margin };
      return accessToken;
    } finally {
      this.pending = null;
    }
  }
}

/**
 * The token caches of every client (token URL, client id and secret, scopes): clients handed the
 * same store share one token per client, so a script or gateway making many clients still fetches
 * one token, not one per call. The secret is part of the key only so two accounts never share.
 */
export class OAuth2TokenStore {
  private readonly caches = new Map<string, TokenCache>();

  constructor(private readonly options: TokenCacheOptions = {}) {}

  /** The cache of `client`; `fetchToken` fetches for it when none exists yet. */
  cacheFor(client: ClientCredentials, fetchToken: () => Promise<FetchedToken>): TokenCache {
    const key = JSON.stringify([client.tokenUrl, client.clientId, client.clientSecret, client.scopes, client.credentialsIn]);
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new TokenCache(fetchToken, this.options);
      this.caches.set(key, cache);
    }
    return cache;
  }
}
