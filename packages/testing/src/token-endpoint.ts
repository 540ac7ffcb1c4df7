import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ProviderExamples } from './examples.js';

/** msw URL pattern for a token endpoint template: `{field}` placeholders match anything. */
export function tokenEndpointPattern(template: string): string {
  return template.replace(/\{[^}]+\}/g, '*');
}

/** How long a mock token lasts: an hour, as Sinch and most providers issue them. */
const MOCK_TOKEN_SECONDS = 3600;

/**
 * Handlers answering each OAuth2 token endpoint of a provider the way RFC 6749 §5.1 describes,
 * with the documented example token. A request without `grant_type=client_credentials` or without
 * client credentials (HTTP Basic, or `client_id` + `client_secret` in the form) gets the §5.2
 * error a real endpoint would send, so a broken token request fails in the sandbox too.
 */
export function tokenHandlers(data: ProviderExamples): HttpHandler[] {
  return data.tokenEndpoints.map((endpoint) =>
    http.post(tokenEndpointPattern(endpoint.url), async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      if (form.get('grant_type') !== 'client_credentials') {
        return HttpResponse.json({ error: 'unsupported_grant_type' }, { status: 400, headers: { 'x-switchboard-mock': 'token-endpoint' } });
      }
      const basic = /^Basic \S+$/.test(request.headers.get('authorization') ?? '');
      if (!basic && !(form.get('client_id') && form.get('client_secret'))) {
        return HttpResponse.json({ error: 'invalid_client' }, { status: 401, headers: { 'x-switchboard-mock': 'token-endpoint' } });
      }
      return HttpResponse.json(
        { access_token: endpoint.accessToken, token_type: 'Bearer', expires_in: MOCK_TOKEN_SECONDS },
        { headers: { 'x-switchboard-mock': 'token-endpoint', 'cache-control': 'no-store' } },
      );
    }),
  );
}
