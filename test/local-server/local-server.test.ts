import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderExamples } from '@switchboard/testing';
import { LocalProviderServer, type ServedProvider } from './local-server.js';

/**
 * The local server itself, on shapes the catalog may grow into before any spec uses them: a
 * server whose URL an account field chooses, and an OAuth2 token endpoint on a server of its own.
 */

const provider = {
  id: 'harness',
  provider: {
    id: 'harness',
    name: 'Harness',
    fields: [],
    servers: {
      default: { url: { byField: 'region', urls: { us: 'https://us.api.example.test/v1/{account}', eu: 'https://eu.api.example.test/v1/{account}' } }, auth: { kind: 'bearer', tokenField: 'token' } },
      auth: { url: 'https://auth.example.test', auth: { kind: 'bearer', tokenField: 'token' } },
    },
    errorMessagePaths: [],
    errorCodePaths: [],
    requestIdHeader: null,
  },
  functions: [],
} as unknown as ServedProvider;

const data = {
  provider: 'harness',
  servers: [],
  tokenEndpoints: [{ url: 'https://auth.example.test/oauth2/token', accessToken: 'tok_1' }],
  examples: [
    {
      function: 'harness.get_thing',
      title: 'A thing in the EU',
      arguments: { id: 't1' },
      route: null,
      request: { method: 'GET', url: 'https://eu.api.example.test/v1/acc_1/things/t1?x=1', headers: { authorization: 'Bearer tok_1' }, body: null },
      response: { status: 200, headers: {}, body: { id: 't1' } },
    },
  ],
  error: { status: 404, body: { message: 'nope' } },
} as unknown as ProviderExamples;

let local: LocalProviderServer | undefined;
afterEach(() => local?.close());

describe('the local server', () => {
  it('serves a server whose URL an account field chooses, on the template its examples use', async () => {
    local = new LocalProviderServer(provider, data);
    await local.start();
    const base = local.baseUrl('t', 'default');
    expect(base).toMatch(/\/t\/default\/v1\/\{account\}$/);
    const response = await fetch(`${base.replace('{account}', 'acc_1')}/things/t1?x=1`, { headers: { authorization: 'Bearer tok_1' } });
    expect(await response.json()).toEqual({ id: 't1' });
    expect(local.requestsOf('t')).toMatchObject([{ answeredWith: 0 }]);
    // Without the documented credential it is not the documented request.
    expect((await fetch(`${base.replace('{account}', 'acc_1')}/things/t1?x=1`)).status).toBe(404);
  });

  it('answers a token endpoint under its server override and keeps token requests apart', async () => {
    local = new LocalProviderServer(provider, data);
    await local.start();
    const response = await fetch(`${local.baseUrl('t', 'auth')}/oauth2/token`, { method: 'POST', body: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await response.json()).toMatchObject({ access_token: 'tok_1', token_type: 'Bearer' });
    expect(local.tokenRequests).toHaveLength(1);
    expect(local.requestsOf('t')).toEqual([]);
  });
});
