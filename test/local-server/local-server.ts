import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverNameOf, type AnyOperation, type ProviderSpec } from '@switchboard/runtime';
import { recordRequest, requestDifferences, respond, type ExampleRequest, type FunctionExample, type ProviderExamples, type RecordedRequest } from '@switchboard/testing';

/**
 * One provider's documented examples served from a real loopback HTTP server.
 *
 * Every caller (TS client, CLI process, Lua account, MCP gateway) gets its own URL prefix,
 * `/<tag>/<server>`, in front of each server's path, so requests are attributed to the call that
 * made them even when several CLI processes run at once, and a request sent to the wrong server
 * shows as a wrong path. A request is answered with an example's documented response only when it
 * is exactly that example's documented request (headers that matter included) moved onto this
 * server; anything else gets the provider's error envelope with status 404. OAuth2 token
 * endpoints the mocks document (`tokenEndpoints`) are answered wherever a server's override puts
 * them, and their requests are recorded apart from the examples'.
 */

const PLACEHOLDER = /\{[^}]+\}/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A server template's origin (`https://{region}.api.example.com`) and path (`/v1/Account/{auth_id}`). */
function splitTemplate(template: string): { origin: string; path: string } {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(template)?.[0];
  if (!origin) throw new Error(`server template '${template}' has no origin`);
  return { origin, path: template.slice(origin.length) };
}

/** A template as a pattern matching its filled-in form: each placeholder holds one segment's text. */
function templatePattern(template: string, tail: string): RegExp {
  const parts = template.split(PLACEHOLDER).map(escapeRegExp);
  return new RegExp(`^${parts.join('[^/?#]+')}${tail}`);
}

/** What the server needs to know of a provider: a ServedProvider, or a generated client's exports. */
export interface ServedProvider {
  id: string;
  provider: ProviderSpec;
  functions: Array<{ qualified: string; spec: AnyOperation }>;
}

export interface ServedExample extends FunctionExample {
  /** Position among the provider's examples. */
  index: number;
  /** The server the documented URL belongs to. */
  server: string;
  /** That server's URL template the documented URL is on (a server may have one per value of an account field). */
  template: string;
}

/** A request that reached the local server, with what it was answered with. */
export interface SeenRequest {
  tag: string;
  request: RecordedRequest;
  /** The example whose documented response was sent, or null for the 404 envelope. */
  answeredWith: number | null;
}

/**
 * A server's URL templates: its URL, or, where an account field chooses the URL, one per value.
 * Read without trusting the declared type, so the harness keeps answering as the format grows.
 */
function templatesOf(server: { url: unknown }): string[] {
  if (typeof server.url === 'string') return [server.url];
  const choice = server.url as { urls?: Record<string, string> } | null;
  return choice?.urls ? Object.values(choice.urls) : [];
}

/** An OAuth2 token endpoint the mocks answer (`tokenEndpoints`, where the provider has any). */
interface TokenEndpoint {
  url: string;
  accessToken: string;
}

/**
 * The server and template of each example: the one the documented URL starts with. When several
 * fit (same host, one path a prefix of another) the function's own server is preferred, then the
 * longest template.
 */
function serverOfExample(provider: ServedProvider, example: FunctionExample): { server: string; template: string } {
  const fn = provider.functions.find((f) => f.qualified === example.function);
  // Unavailable functions have no endpoint, and so no server.
  const own = fn && 'endpoint' in fn.spec ? serverNameOf(fn.spec) : undefined;
  const fits = Object.entries(provider.provider.servers)
    .flatMap(([server, spec]) => templatesOf(spec).map((template) => ({ server, template })))
    .filter(({ template }) => templatePattern(template, '(?=[/?#]|$)').test(example.request.url))
    .sort((a, b) => Number(b.server === own) - Number(a.server === own) || b.template.length - a.template.length);
  if (fits.length === 0) throw new Error(`${example.function} (${example.title}): documented URL ${example.request.url} is on none of ${provider.id}'s servers`);
  return fits[0]!;
}

export class LocalProviderServer {
  readonly seen: SeenRequest[] = [];
  readonly examples: ServedExample[];
  private origin = '';
  private readonly followUps = new Map<string, unknown>();
  private readonly tokenEndpoints: TokenEndpoint[];
  /** Token requests, kept apart: they come before a call's own request and are not part of what an example documents. */
  readonly tokenRequests: SeenRequest[] = [];
  private readonly server: Server;

  constructor(
    readonly provider: ServedProvider,
    private readonly data: ProviderExamples,
  ) {
    this.examples = data.examples.map((example, index) => ({ ...example, index, ...serverOfExample(provider, example) }));
    this.tokenEndpoints = (data as { tokenEndpoints?: TokenEndpoint[] }).tokenEndpoints ?? [];
    this.server = createServer((req, res) => void this.answer(req, res));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Where `tag`'s requests to `server` go: this origin, the tag, the server's name, then the path of
   * the server's template the examples use (placeholders kept, the client fills them).
   */
  baseUrl(tag: string, server: string): string {
    const spec = this.provider.provider.servers[server];
    if (!spec) throw new Error(`${this.provider.id} has no server ${server}`);
    const template = this.examples.find((e) => e.server === server)?.template ?? templatesOf(spec)[0]!;
    return `${this.origin}/${tag}/${server}${splitTemplate(template).path}`;
  }

  /** Overrides for every server of the provider, by server name. */
  baseUrls(tag: string): Record<string, string> {
    return Object.fromEntries(Object.keys(this.provider.provider.servers).map((server) => [server, this.baseUrl(tag, server)]));
  }

  /** The documented request as it must arrive here for `tag`: the documented server origin replaced by this server and the tag's prefix. */
  expectedRequest(example: ServedExample, tag: string): ExampleRequest {
    return { ...example.request, url: this.moved(example.request.url, example, tag) };
  }

  /** A URL on the example's documented server (filled in), moved here for `tag` as the base-URL override moves requests. */
  moved(url: string, example: ServedExample, tag: string): string {
    const { origin } = splitTemplate(example.template);
    return url.replace(templatePattern(origin, ''), `${this.origin}/${tag}/${example.server}`);
  }

  /**
   * A token request: a POST to a token endpoint's path under any server's local prefix for this
   * tag. Answered as the mocks answer it (RFC 6749 §5.1) with the documented token.
   */
  private tokenFor(tag: string, request: RecordedRequest): TokenEndpoint | undefined {
    if (request.method !== 'POST') return undefined;
    const path = new URL(request.url).pathname;
    return this.tokenEndpoints.find((endpoint) =>
      Object.entries(this.provider.provider.servers).some(([server, spec]) =>
        templatesOf(spec).some((template) => {
          if (!endpoint.url.startsWith(template)) return false;
          const local = `/${tag}/${server}${splitTemplate(template).path}${endpoint.url.slice(template.length)}`;
          return templatePattern(local, '$').test(path);
        }),
      ),
    );
  }

  /**
   * After `tag`'s first request, every further one is answered with `body` (status 200), whatever
   * it asks: a last page, so a walk ends after following one documented next link.
   */
  answerFollowUps(tag: string, body: unknown): void {
    this.followUps.set(tag, body);
  }

  requestsOf(tag: string): SeenRequest[] {
    return this.seen.filter((s) => s.tag === tag);
  }

  /**
   * The example a request is for. A tag `e<index>` belongs to one example; any other tag may
   * send any example, and the first matching one not yet answered for that tag wins, so
   * examples documenting the same request with different answers are served in order.
   */
  private exampleFor(tag: string, request: RecordedRequest): ServedExample | undefined {
    const own = /(?:^|-)e(\d+)$/.exec(tag);
    const candidates = own ? this.examples.filter((e) => e.index === Number(own[1])) : this.examples;
    const matching = candidates.filter((e) => requestDifferences(request, this.expectedRequest(e, tag)).length === 0);
    const answered = new Set(this.requestsOf(tag).map((s) => s.answeredWith));
    return matching.find((e) => !answered.has(e.index)) ?? matching[0];
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const sentHeaders = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) sentHeaders.append(name, v);
    }
    const method = req.method ?? 'GET';
    const body = chunks.length > 0 && method !== 'GET' && method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
    const request = await recordRequest(new Request(`${this.origin}${req.url ?? '/'}`, { method, headers: sentHeaders, body }));
    const tag = new URL(request.url).pathname.split('/')[1] ?? '';
    const token = this.tokenFor(tag, request);
    if (token) {
      this.tokenRequests.push({ tag, request, answeredWith: null });
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ access_token: token.accessToken, token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    if (this.followUps.has(tag) && this.requestsOf(tag).length > 0) {
      this.seen.push({ tag, request, answeredWith: null });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.followUps.get(tag)));
      return;
    }
    const example = this.exampleFor(tag, request);
    this.seen.push({ tag, request, answeredWith: example?.index ?? null });
    const response = example ? respond(example.response) : Response.json(this.data.error.body, { status: 404, headers: { 'x-local-server': 'unmatched' } });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  }
}
