import { http, HttpResponse, type HttpHandler } from 'msw';
import type { AnsweredFile, ExampleResponse, ExampleRoute, FunctionExample, ProviderExamples } from './examples.js';
import { tokenHandlers } from './token-endpoint.js';
import { base64Of, bytesOfBase64, recordRequest, requestDifferences, type RecordedRequest } from './match.js';

/** msw URL pattern for a server template: `{field}` placeholders match anything. */
export function serverPattern(template: string): string {
  return `${template.replace(/\{[^}]+\}/g, '*')}/*`;
}

const PLACEHOLDER = /\{[^}]+\}/g;

function routeMatches(route: ExampleRoute, request: RecordedRequest): boolean {
  if (route.method !== request.method) return false;
  const url = new URL(request.url);
  return route.urls.some((template) => {
    const parts = template.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // A placeholder holds one segment, except a generic helper's final relative path.
    const pattern = route.anyPath ? `${parts.slice(0, -1).join('[^/]+')}.+` : parts.join('[^/]+');
    return new RegExp(`^${pattern}$`).test(`${url.origin}${url.pathname}`);
  });
}

/**
 * How specific a route is, higher first: an endpoint's own route beats a
 * generic helper's (any relative path), and among the rest more literal text
 * beats less. So `POST /v2/list-agents` answers before a generic
 * `POST /{path}` that would match it too.
 */
function specificity(route: ExampleRoute | null): [number, number] {
  if (!route) return [-1, 0];
  return [route.anyPath ? 0 : 1, (route.urls[0] ?? '').replace(PLACEHOLDER, '').length];
}

/** Examples ordered most specific route first; examples of equal specificity keep their documented order. */
export function bySpecificity<T extends { route: ExampleRoute | null }>(examples: T[]): T[] {
  return examples
    .map((example, index) => ({ example, index, rank: specificity(example.route) }))
    .sort((a, b) => b.rank[0] - a.rank[0] || b.rank[1] - a.rank[1] || a.index - b.index)
    .map((entry) => entry.example);
}

/** A fetch Response carrying a documented response (no body for 204 or null; a file's bytes, typed and named, for a download). */
export function respond(response: ExampleResponse): Response {
  const init = { status: response.status, headers: response.headers };
  if (response.file) return fileResponse(response.file, init);
  return response.body === null || response.status === 204 ? new HttpResponse(null, init) : HttpResponse.json(response.body as object, init);
}

/** A file's bytes with its type and name in the headers, as a provider serves a download; documented headers win. */
function fileResponse(file: AnsweredFile, init: { status: number; headers: Record<string, string> }): Response {
  const headers: Record<string, string> = { 'content-type': file.content_type };
  if (file.filename !== null) headers['content-disposition'] = contentDisposition(file.filename);
  return new HttpResponse(bytesOfBase64(file.content_base64), { status: init.status, headers: { ...headers, ...init.headers } });
}

/** `attachment; filename="…"`, with RFC 6266's `filename*` for a name a header cannot carry as it is. */
function contentDisposition(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename)) return `attachment; filename="${filename.replace(/["\\]/g, '\\$&')}"`;
  return `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * A downloaded file (what a client resolves to) in the words of a documented one, so the two
 * compare with `toEqual`; anything that is not a Blob is described as such, and fails the comparison.
 */
export async function answeredFile(value: unknown): Promise<AnsweredFile | { notAFile: string }> {
  if (!(value instanceof Blob)) return { notAFile: Object.prototype.toString.call(value) };
  return { filename: value instanceof File && value.name !== '' ? value.name : null, content_type: value.type, content_base64: base64Of(new Uint8Array(await value.arrayBuffer())) };
}

/**
 * Handlers answering each documented request of a provider with its documented
 * response. Anything else gets the provider's own error envelope with status
 * 404 and `x-switchboard-mock: unmatched`, so a wrong request fails loudly.
 */
export function handlersFor(data: ProviderExamples, options: { onRequest?: (request: RecordedRequest) => void } = {}): HttpHandler[] {
  // A specific endpoint's examples always answer before a generic helper's that happen to match too.
  const examples = bySpecificity(data.examples);
  // Token endpoints first: they sit on a server whose catch-all would answer them with the error envelope.
  return [...tokenHandlers(data), ...data.servers.map((server) => {
    // A server whose whole host is an account field (`https://{host}`) becomes the pattern
    // `https://*/*`, which matches every provider's requests. Such a handler answers only at
    // the hosts this provider's examples document and passes anything else on to the next
    // handler, so it never answers another provider's request with its own envelope.
    const onlyAt = hostIsPlaceholder(server) ? documentedOrigins(data) : null;
    return http.all(serverPattern(server), async ({ request }) => {
      if (onlyAt && !onlyAt.has(new URL(request.url).origin)) return undefined;
      const recorded = await recordRequest(request);
      options.onRequest?.(recorded);
      const exact = exactExample(examples, recorded);
      if (exact) return respond(exact.response);
      // Other arguments for a documented endpoint: answer with that endpoint's documented success,
      // so sandbox scripts can try any valid arguments.
      const nearest = examples.find((example) => example.route && example.response.status < 400 && routeMatches(example.route, recorded));
      if (nearest) return respond({ ...nearest.response, headers: { ...nearest.response.headers, 'x-switchboard-mock': 'nearest-example' } });
      return HttpResponse.json(data.error.body as object, { status: 404, headers: { 'x-switchboard-mock': 'unmatched' } });
    });
  })];
}

/**
 * The documented example a request is, by method, URL and body: headers are not compared, since a
 * sandbox sends its own credentials. Examples that differ only in a header (PayPal's `Prefer`
 * parameter) are told apart by it: of those whose documented headers the request carries, the one
 * documenting most wins.
 */
function exactExample(examples: FunctionExample[], recorded: RecordedRequest): FunctionExample | undefined {
  const candidates = examples.filter((example) => requestDifferences(recorded, { ...example.request, headers: {} }).length === 0);
  if (candidates.length < 2) return candidates[0];
  // Documented headers are a subset the request must carry: the example documenting most of them is the closest.
  const carried = candidates.filter((example) => requestDifferences(recorded, example.request).length === 0);
  const closest = carried.reduce<FunctionExample | undefined>((best, example) => (best === undefined || Object.keys(example.request.headers).length > Object.keys(best.request.headers).length ? example : best), undefined);
  return closest ?? candidates[0];
}

/** `https://{host}` or `https://{host}/v1`: the host is nothing but a placeholder. */
function hostIsPlaceholder(template: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\{[^}]+\}(?=[/:]|$)/i.test(template);
}

/** The origins a provider's documented requests go to. */
function documentedOrigins(data: ProviderExamples): Set<string> {
  return new Set(data.examples.map((example) => new URL(example.request.url).origin));
}
