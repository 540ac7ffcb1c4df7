import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ExampleResponse, ProviderExamples } from './examples.js';
import { recordRequest, requestDifferences, type RecordedRequest } from './match.js';

/** msw URL pattern for a server template: `{field}` placeholders match anything. */
export function serverPattern(template: string): string {
  return `${template.replace(/\{[^}]+\}/g, '*')}/*`;
}

function respond(response: ExampleResponse): Response {
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
      const match = data.examples.find((example) => requestDifferences(recorded, { ...example.request, headers: {} }).length === 0);
      if (match) return respond(match.response);
      return HttpResponse.json(data.error.body as object, { status: 404, headers: { 'x-switchboard-mock': 'unmatched' } });
    }),
  );
}
