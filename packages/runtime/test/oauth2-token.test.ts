import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError, AuthenticationError, InternalServerError, RateLimitError } from '../src/errors.js';
import { fetchClientCredentialsToken, TokenCache, type ClientCredentials } from '../src/oauth2-token.js';
import { fetchTransport, realTimer } from '../src/transport.js';
import { loopback, type Loopback } from './loopback.js';

const LIMITS = { timeoutMs: 600_000, startTimer: realTimer };

/** Retries without waiting: each wait is recorded instead of slept. */
const waits: number[] = [];
const RETRIES = { maxRetries: 2, maxRetryAfter: 60_000, sleep: async (ms: number) => void waits.push(ms), now: () => 0 };

const SECRET = 'client-secret-never-shown';

/** A token endpoint on loopback that hands out token-1, token-2, … and counts what it was asked. */
async function tokenServer(expiresIn: number | null = 3600): Promise<Loopback> {
  return loopback((_req, res, index) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `token-${index + 1}`, token_type: 'bearer', ...(expiresIn === null ? {} : { expires_in: expiresIn }) }));
  });
}

const client = (server: Loopback, credentialsIn: ClientCredentials['credentialsIn'] = 'basic'): ClientCredentials => ({
  tokenUrl: `${server.url}/oauth2/token`,
  clientId: 'key-id',
  clientSecret: SECRET,
  scopes: [],
  credentialsIn,
});

let server: Loopback | undefined;
afterEach(async () => {
  waits.length = 0;
  await server?.close();
  server = undefined;
});

describe('fetchClientCredentialsToken', () => {
  it('posts grant_type=client_credentials with HTTP Basic client credentials and the scopes', async () => {
    const seen: Array<string | undefined> = [];
    server = await loopback((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"t","expires_in":60}');
    });
    const token = await fetchClientCredentialsToken({ ...client(server), scopes: ['numbers', 'sms'] }, fetchTransport(), LIMITS, RETRIES);
    expect(token).toEqual({ accessToken: 't', expiresIn: 60 });
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/oauth2/token', body: 'grant_type=client_credentials&scope=numbers+sms' });
    expect(seen[0]).toBe(`Basic ${btoa(`key-id:${SECRET}`)}`);
  });

  it('sends the client id and secret in the form when the spec says so', async () => {
    server = await tokenServer();
    await fetchClientCredentialsToken(client(server, 'form'), fetchTransport(), LIMITS, RETRIES);
    expect(server.requests[0]!.body).toBe(`grant_type=client_credentials&client_id=key-id&client_secret=${SECRET}`);
  });

  it("a refusal names the endpoint and the OAuth2 error, never the secret", async () => {
    server = await loopback((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client', error_description: 'Unknown client', echo: SECRET })));
    const failure = fetchClientCredentialsToken(client(server), fetchTransport(), LIMITS, RETRIES);
    await expect(failure).rejects.toThrow(AuthenticationError);
    const error = await failure.catch((e: Error) => e);
    expect((error as Error).message).toBe(`OAuth2 client credentials for ${server.url}/oauth2/token were refused: the token endpoint answered 401 invalid_client: Unknown client. Check the client id and secret of this account.`);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });
});

describe('fetchClientCredentialsToken when the token endpoint fails', () => {
  /** A token endpoint answering `failures` in turn, then a token. */
  const failingThenToken = (failures: Array<[number, Record<string, string>]>) =>
    loopback((_req, res, index) => {
      const failure = failures[index];
      if (failure) res.writeHead(failure[0], { 'content-type': 'application/json', ...failure[1] }).end('{"error":"temporarily_unavailable"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"t","expires_in":60}');
    });

  it('retries a 5xx with backoff, as a read is retried: asking for a token changes nothing', async () => {
    server = await failingThenToken([[503, {}], [502, {}]]);
    expect(await fetchClientCredentialsToken(client(server), fetchTransport(), LIMITS, RETRIES)).toEqual({ accessToken: 't', expiresIn: 60 });
    expect(server.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it("waits a 429's Retry-After", async () => {
    server = await failingThenToken([[429, { 'retry-after': '2' }]]);
    await fetchClientCredentialsToken(client(server), fetchTransport(), LIMITS, RETRIES);
    expect(waits).toEqual([2000]);
  });

  it('gives up after maxRetries with the provider at fault, not the credentials', async () => {
    server = await failingThenToken([[503, {}], [503, {}], [503, {}], [503, {}]]);
    const error = await fetchClientCredentialsToken(client(server), fetchTransport(), LIMITS, RETRIES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe(`The OAuth2 token endpoint ${server.url}/oauth2/token failed: the token endpoint answered 503 temporarily_unavailable. The provider could not issue a token; this is not a problem of the credentials.`);
    expect(server.requests).toHaveLength(3);
  });

  it('a 429 past maxRetryAfter is a RateLimitError at once', async () => {
    server = await failingThenToken([[429, { 'retry-after': '120' }]]);
    const error = await fetchClientCredentialsToken(client(server), fetchTransport(), LIMITS, RETRIES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    // Seconds, as RateLimitError.retryAfter always is.
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a refusal of the credentials', async () => {
    server = await loopback((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}'));
    await expect(fetchClientCredentialsToken(client(server), fetchTransport(), LIMITS, RETRIES)).rejects.toThrow(AuthenticationError);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('names the socket error of an endpoint it cannot reach, after retrying', async () => {
    const closed = await loopback((_req, res) => res.end());
    const url = closed.url;
    await closed.close();
    const error = await fetchClientCredentialsToken({ ...client(closed), tokenUrl: `${url}/oauth2/token` }, fetchTransport(), LIMITS, RETRIES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`^Could not reach the OAuth2 token endpoint ${url}/oauth2/token \\(.*ECONNREFUSED.*\\)\\.$`));
    expect(waits).toHaveLength(2);
  });
});

describe('TokenCache', () => {
  it('concurrent calls share one token fetch', async () => {
    server = await tokenServer();
    const tokens = new TokenCache(() => fetchClientCredentialsToken(client(server!), fetchTransport(), LIMITS, RETRIES));
    const got = await Promise.all(Array.from({ length: 20 }, () => tokens.token()));
    expect(new Set(got)).toEqual(new Set(['token-1']));
    expect(server.requests).toHaveLength(1);
  });

  it('keeps a token until shortly before it expires, then refreshes it once', async () => {
    server = await tokenServer(600);
    let now = 1_000_000;
    const tokens = new TokenCache(() => fetchClientCredentialsToken(client(server!), fetchTransport(), LIMITS, RETRIES), { now: () => now });
    expect(await tokens.token()).toBe('token-1');
    now += 600_000 - 60_001; // just inside the refresh margin of 60 s
    expect(await tokens.token()).toBe('token-1');
    now += 2; // inside the last minute: refused, renewed
    const renewed = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    expect(renewed).toEqual(['token-2', 'token-2', 'token-2']);
    expect(server.requests).toHaveLength(2);
  });

  it('after a 401, invalidating the rejected token causes exactly one refresh, even from several callers', async () => {
    server = await tokenServer(null);
    const tokens = new TokenCache(() => fetchClientCredentialsToken(client(server!), fetchTransport(), LIMITS, RETRIES));
    const rejected = await tokens.token();
    tokens.invalidate(rejected);
    const first = await tokens.token();
    // A second caller that saw the same 401 must not throw away the fresh token.
    tokens.invalidate(rejected);
    expect([first, await tokens.token()]).toEqual(['token-2', 'token-2']);
    expect(server.requests).toHaveLength(2);
  });

  it('a failed fetch is not cached: the next call tries again', async () => {
    server = await loopback((_req, res, index) =>
      index === 0 ? res.writeHead(401).end() : res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"later","expires_in":60}'),
    );
    const tokens = new TokenCache(() => fetchClientCredentialsToken(client(server!), fetchTransport(), LIMITS, RETRIES));
    await expect(tokens.token()).rejects.toThrow('the token endpoint answered 401');
    expect(await tokens.token()).toBe('later');
    expect(server.requests).toHaveLength(2);
  });
});
