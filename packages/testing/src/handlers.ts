import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ExampleResponse, ProviderExamples } from './examples.js';
import { recordRequest, requestDifferences, type RecordedRequest } from './match.js';

/** msw URL pattern for a server template: `{field}` placeholders match anything. */
export function serverPattern(template: string): string {
  return `${template.replace(/\{[^}]+\}/g, '*')}/*`;
}

function routeMatches(route: { method: string; url: string }, request: RecordedRequest): boolean {
  if (route.method !== request.method) return false;
  const parts = route.url.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // A placeholder that ends the template may hold a relative path of several segments (generic helpers).
  const pattern = parts.length > 1 && parts.at(-1) === '' ? `${parts.slice(0, -1).join('[^/]+')}.+` : parts.join('[^/]+');
  const url = new URL(request.url);
  return new RegExp(`^${pattern}$`).test(`${url.origin}${url.pathname}`);
}

/** A fetch Response carrying a documented response (no body for 204 or null). */
export function respond(response: ExampleResponse): Response {
  const init = { status: response.status, headers: response.headers };
  return response.body === null || response.status === 204 ? new HttpResponse(null, init) : HttpResponse.json(response.body as object, init);
}

/**
 * Handlers answering each documented request of a provider with its documented
 * response. Anything else gets the provider's own error envelope with status
 * 404 and `x-switchboard-mock: unmatched`, so a wrong request fails loudly.
 */
export function handlersFor(data: ProviderExamples, options: { onRequest?: (request: RecordedRequest) => void } = {}): HttpHandler[] {
  return data.servers.map((server) =>
    http.all(serverPattern(server), async ({ request }) => {
      const recorded = await recordRequest(request);
      options.onRequest?.(recorded);
      const exact = data.examples.find((example) => requestDifferences(recorded, { ...example.request, headers: {} }).length === 0);
      if (exact) return respond(exact.response);
      // Other arguments for a documented endpoint: answer with that endpoint's documented success,
      // so sandbox scripts can try any valid arguments.
      const nearest = data.examples.find((example) => example.route && example.response.status < 400 && routeMatches(example.route, recorded));
      if (nearest) return respond({ ...nearest.response, headers: { ...nearest.response.headers, 'x-switchboard-mock': 'nearest-example' } });
      return HttpResponse.json(data.error.body as object, { status: 404, headers: { 'x-switchboard-mock': 'unmatched' } });
    }),
  );
}
