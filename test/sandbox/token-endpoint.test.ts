import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlersFor, type ProviderExamples } from '@switchboard/testing';

/** A provider whose API is on OAuth2, its token endpoint on a `{region}`-templated auth server. */
const data: ProviderExamples = {
  provider: 'tokens',
  servers: ['https://api.tokens.test', 'https://{region}.auth.tokens.test'],
  tokenEndpoints: [{ url: 'https://{region}.auth.tokens.test/oauth2/token', accessToken: 'example-access-token' }],
  examples: [],
  error: { status: 404, body: { error: 'unmatched' } },
};

const server = setupServer(...handlersFor(data));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch('https://eu.auth.tokens.test/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });

describe('the mocks answer OAuth2 token endpoints', () => {
  it('with the example token for a client-credentials request (Basic or form credentials)', async () => {
    for (const response of [await post('grant_type=client_credentials', { authorization: `Basic ${btoa('id:secret')}` }), await post('grant_type=client_credentials&client_id=id&client_secret=secret')]) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ access_token: 'example-access-token', token_type: 'Bearer', expires_in: 3600 });
    }
  });

  it('with the RFC 6749 errors for another grant or no client credentials', async () => {
    const wrongGrant = await post('grant_type=password', { authorization: `Basic ${btoa('id:secret')}` });
    expect([wrongGrant.status, await wrongGrant.json()]).toEqual([400, { error: 'unsupported_grant_type' }]);
    const anonymous = await post('grant_type=client_credentials');
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { error: 'invalid_client' }]);
  });

  it('before the catch-all of the server the endpoint is on', async () => {
    const other = await fetch('https://eu.auth.tokens.test/elsewhere', { method: 'POST' });
    expect(other.status).toBe(404);
  });
});
