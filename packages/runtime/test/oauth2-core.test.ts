import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { allProviderParts } from '../src/all-parts.js';
import { oauth2Auth } from '../src/auth-oauth2.js';
import { buildRequest } from '../src/build-request.js';
import { Core } from '../src/core.js';
import { AuthenticationError, SwitchboardError, ValidationError } from '../src/errors.js';
import { OAuth2TokenStore } from '../src/oauth2-token.js';
import { oauth2ClientCredentials } from '../src/oauth2-session.js';
import type { InternalClientOptions } from '../src/options.js';
import type { FieldSpec, ProviderSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { operation, param, rules } from './support.js';

const KEY_ID = 'key-id-visible';
const KEY_SECRET = 'key-secret-never-shown';

const field = (key: string, secret: boolean): FieldSpec => ({
  key,
  secret,
  env: `NUMBERS_${key.toUpperCase()}`,
  accountEnvTemplate: `NUMBERS_{ACCOUNT}_${key.toUpperCase()}`,
  option: key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  default: null,
});

/** A provider shaped like Sinch Numbers: an API server on OAuth2 and the token server beside it. */
const provider = (clientAuth: 'basic' | 'form' = 'basic', scopes: string[] = []): ProviderSpec => ({
  id: 'numbers',
  name: 'Numbers',
  fields: [field('project_id', false), field('key_id', false), field('key_secret', true)],
  servers: {
    default: {
      url: 'https://numbers.example.com/v1/projects/{project_id}',
      auth: { kind: 'oauth2_client_credentials', clientIdField: 'key_id', clientSecretField: 'key_secret', tokenServer: 'auth', tokenPath: '/oauth2/token', scopes, clientAuth },
    },
    auth: { url: 'https://auth.example.com', auth: { kind: 'none' } },
  },
  errorMessagePaths: ['error.message'],
  errorCodePaths: [],
  requestIdHeader: null,
  oauth2: oauth2ClientCredentials,
  parts: allProviderParts,
});

const listNumbers = operation({ id: 'numbers.list', endpoint: { kind: 'fixed', method: 'GET', path: '/activeNumbers' }, params: [param('region_code', { wire: 'regionCode' })], args: rules({ region_code: { type: 'string' } }) });
const createNumber = operation({ id: 'numbers.rent', operation: 'write', idempotent: false, endpoint: { kind: 'fixed', method: 'POST', path: '/numbers' }, body: 'json', params: [param('number', { in: 'body' })], args: rules({ number: { type: 'string' } }) });

/**
 * One loopback server answering both the token endpoint (token-1, token-2, … each valid
 * `expiresIn` seconds) and the API, which accepts only the tokens in `accepted`.
 */
interface Fake {
  server: Loopback;
  tokenRequests: () => Array<{ method: string; url: string; body: string }>;
  apiRequests: () => Array<{ method: string; url: string; body: string }>;
  authorizations: string[];
  tokenAuthorizations: string[];
}

async function fake(options: { expiresIn?: number; refuse?: (token: string, index: number) => boolean; tokenStatus?: number } = {}): Promise<Fake> {
  const authorizations: string[] = [];
  const tokenAuthorizations: string[] = [];
  let issued = 0;
  let apiIndex = 0;
  const server = await loopback((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/auth/oauth2/token') {
      tokenAuthorizations.push(req.headers.authorization ?? '');
      if (options.tokenStatus) {
        res.writeHead(options.tokenStatus, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client', error_description: `no such client ${KEY_SECRET}` }));
        return;
      }
      issued += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `token-${issued}`, expires_in: options.expiresIn ?? 3600, token_type: 'Bearer' }));
      return;
    }
    const authorization = req.headers.authorization ?? '';
    authorizations.push(authorization);
    const token = authorization.replace(/^Bearer /, '');
    if (options.refuse?.(token, apiIndex++)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `token ${token} expired` } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ activeNumbers: [], seenWith: token }));
  });
  return {
    server,
    authorizations,
    tokenAuthorizations,
    tokenRequests: () => server.requests.filter((r) => r.url === '/auth/oauth2/token'),
    apiRequests: () => server.requests.filter((r) => r.url !== '/auth/oauth2/token'),
  };
}

let current: Fake | undefined;
afterEach(async () => {
  await current?.server.close();
  current = undefined;
});

function client(f: Fake, spec: ProviderSpec = provider(), extra: InternalClientOptions & Record<string, unknown> = {}): Core {
  return new Core(spec, {
    projectId: 'p-1',
    keyId: KEY_ID,
    keySecret: KEY_SECRET,
    env: {},
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    baseURL: { default: `${f.server.url}/api/v1/projects/{project_id}`, auth: `${f.server.url}/auth` },
    ...extra,
  });
}

describe('oauth2_client_credentials in Core', () => {
  it('fetches a token with Basic client credentials and sends it as a Bearer token', async () => {
    current = await fake();
    const body = await client(current).call<{ seenWith: string }>(listNumbers, { region_code: 'US' });
    expect(body.seenWith).toBe('token-1');
    expect(current.tokenRequests()).toEqual([{ method: 'POST', url: '/auth/oauth2/token', body: 'grant_type=client_credentials' }]);
    expect(current.tokenAuthorizations).toEqual([`Basic ${btoa(`${KEY_ID}:${KEY_SECRET}`)}`]);
    expect(current.apiRequests()[0]!.url).toBe('/api/v1/projects/p-1/activeNumbers?regionCode=US');
    expect(current.authorizations).toEqual(['Bearer token-1']);
  });

  it('a ProviderSpec without the oauth2 support it needs fails the call before any request, saying so', async () => {
    current = await fake();
    const { oauth2: _omitted, ...withoutSupport } = provider();
    await expect(client(current, withoutSupport).call(listNumbers, {})).rejects.toThrow("numbers has a server with OAuth2 client-credentials auth, but its ProviderSpec lacks `oauth2` (regenerate its client).");
    expect(current.tokenRequests()).toEqual([]);
    expect(current.apiRequests()).toEqual([]);
  });

  it('sends the client credentials in the form, with the scopes, when the spec says so', async () => {
    current = await fake();
    await client(current, provider('form', ['numbers', 'sms'])).call(listNumbers, {});
    expect(current.tokenRequests()[0]!.body).toBe(`grant_type=client_credentials&scope=numbers+sms&client_id=${KEY_ID}&client_secret=${KEY_SECRET}`);
    expect(current.tokenAuthorizations).toEqual(['']);
  });

  it('concurrent calls share one token fetch, and clients made by withOptions share the token', async () => {
    current = await fake();
    const core = client(current);
    await Promise.all(Array.from({ length: 10 }, () => core.call(listNumbers, {})));
    await core.withOptions({ maxRetries: 0 }).call(listNumbers, {});
    expect(current.tokenRequests()).toHaveLength(1);
    expect(current.apiRequests()).toHaveLength(11);
    expect(new Set(current.authorizations)).toEqual(new Set(['Bearer token-1']));
  });

  it('clients given one OAuth2TokenStore share the token', async () => {
    current = await fake();
    const oauth2Tokens = new OAuth2TokenStore();
    await Promise.all([client(current, provider(), { oauth2Tokens }).call(listNumbers, {}), client(current, provider(), { oauth2Tokens }).call(listNumbers, {})]);
    expect(current.tokenRequests()).toHaveLength(1);
  });

  it('keeps the token until shortly before it expires, then refreshes it once for all waiting calls', async () => {
    current = await fake({ expiresIn: 600 });
    let now = 5_000_000;
    const core = client(current, provider(), { now: () => now });
    await core.call(listNumbers, {});
    now += 600_000 - 60_001;
    await core.call(listNumbers, {});
    expect(current.tokenRequests()).toHaveLength(1);
    now += 2; // within the last minute of its life
    await Promise.all([core.call(listNumbers, {}), core.call(listNumbers, {}), core.call(listNumbers, {})]);
    expect(current.tokenRequests()).toHaveLength(2);
    expect(current.authorizations).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2', 'Bearer token-2', 'Bearer token-2']);
  });

  it('a 401 invalidates the token: one refresh and one retry, also for a write that is never retried otherwise', async () => {
    current = await fake({ refuse: (token) => token === 'token-1' });
    const core = client(current, provider(), { maxRetries: 0 });
    const body = await core.call<{ seenWith: string }>(createNumber, { number: '+13125550123' });
    expect(body.seenWith).toBe('token-2');
    expect(current.tokenRequests()).toHaveLength(2);
    expect(current.authorizations).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('concurrent calls refused with the same token cause one refresh between them', async () => {
    current = await fake({ refuse: (token) => token === 'token-1' });
    const core = client(current);
    await Promise.all(Array.from({ length: 5 }, () => core.call(listNumbers, {})));
    expect(current.tokenRequests()).toHaveLength(2);
    expect(current.authorizations.filter((a) => a === 'Bearer token-2')).toHaveLength(5);
  });

  it('a second 401 is thrown as AuthenticationError, with neither token nor secret in it', async () => {
    current = await fake({ refuse: () => true });
    const failure = await client(current).call(listNumbers, {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect(current.tokenRequests()).toHaveLength(2);
    expect(current.apiRequests()).toHaveLength(2);
    const shown = `${(failure as Error).message} ${JSON.stringify(failure)}`;
    expect(shown).not.toContain('token-2');
    expect(shown).not.toContain(KEY_SECRET);
    expect(shown).toContain('[REDACTED]');
  });

  it('a refusal by the token endpoint is a clear AuthenticationError without the secret, and no API request is made', async () => {
    current = await fake({ tokenStatus: 401 });
    const failure = await client(current).call(listNumbers, {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect((failure as Error).message).toBe(
      `OAuth2 client credentials for ${current.server.url}/auth/oauth2/token were refused: the token endpoint answered 401 invalid_client: no such client [REDACTED]. Check the client id and secret of this account.`,
    );
    expect(current.apiRequests()).toHaveLength(0);
  });

  it('a dry run shows the Bearer header redacted and fetches no token', async () => {
    current = await fake();
    const core = client(current);
    expect(core.prepare(listNumbers, { region_code: 'US' }).headers.authorization).toBe('Bearer [REDACTED]');
    await core.call(listNumbers, {});
    // Once fetched, the token is redacted from logs and dry runs too.
    const lines: string[] = [];
    const logged = client(current, provider(), { logLevel: 'debug', logger: { debug: (m: string) => lines.push(m), info: () => {}, warn: () => {}, error: () => {} } });
    await logged.call(listNumbers, {});
    expect(lines.join('\n')).not.toContain(KEY_SECRET);
    expect(current.tokenRequests()).toHaveLength(2);
  });

  it('bad arguments and missing credentials fail before the token endpoint is asked', async () => {
    current = await fake();
    await expect(client(current).call(listNumbers, { region_code: 7 })).rejects.toBeInstanceOf(ValidationError);
    await expect(client(current, provider(), { keySecret: undefined }).call(listNumbers, {})).rejects.toThrow(/NUMBERS_KEY_SECRET/);
    expect(current.server.requests).toHaveLength(0);
  });

  it('refuses to build an OAuth2 request without a token rather than send it unauthenticated', () => {
    const spec = provider();
    expect(() => buildRequest({ op: listNumbers, args: {}, server: spec.servers.default!, authCode: oauth2Auth, serverUrl: spec.servers.default!.url as string, fieldValues: {}, extraHeaders: [] })).toThrow(SwitchboardError);
  });
});
