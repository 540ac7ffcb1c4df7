/**
 * A `fetch` that goes through HTTP proxies (`proxyFromEnv()`), for code that needs fetch itself
 * rather than the runtime's transport: the MCP SDK's Streamable HTTP client, whose answers are
 * event streams read as they come. Node 20's fetch reads no proxy variables. A URL the settings
 * do not proxy (NO_PROXY, loopback) goes to the given fetch unchanged.
 *
 * Through a proxy the answer's body streams as fetch's does. Kept simple on purpose: no redirects
 * are followed (they come back as they are, as with `redirect: 'manual'`), and no compression is
 * asked for, so none needs decoding.
 */

import http, { type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { forwardedOptions, ProxyRoutes, type ProxySettings } from './proxy.js';
import type { AgentOptions as HttpsAgentOptions } from 'node:https';

/** Statuses whose Response has no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function proxiedFetch(settings: ProxySettings & { tls?: HttpsAgentOptions }, direct: typeof fetch = globalThis.fetch): typeof fetch {
  const routes = new ProxyRoutes(settings, settings.tls);
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const route = routes.routeFor(url);
    if (route === null) return direct(input, init);
    if (input instanceof Request) return Promise.reject(new TypeError('proxiedFetch takes a URL and init, not a Request'));
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return Promise.reject(new TypeError('proxiedFetch sends a string or byte body only'));
    }
    const signal = init?.signal ?? undefined;
    const options: RequestOptions = {
      ...(route.kind === 'tunnel' ? { method, headers, agent: route.agent } : forwardedOptions(method, url.href, headers, route.proxy, route.agent)),
      ...(signal ? { signal } : {}),
    };
    return new Promise<Response>((resolve, reject) => {
      // A tunnel's request goes to the URL (TLS inside the tunnel); a forwarded one to the proxy, over TLS for an https proxy.
      const req = route.kind === 'tunnel' ? https.request(url, options) : (route.proxy.secure ? https : http).request(options);
      req.on('response', (res) => {
        const stream = NULL_BODY.has(res.statusCode ?? 0) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        if (stream === null) res.resume();
        resolve(new Response(stream, { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: webHeaders(res.headers) }));
      });
      // As fetch rejects, a TypeError with the cause (an AbortError stays one), whose message also
      // says what failed: callers such as the MCP SDK show only the message.
      req.on('error', (cause: Error) => reject(cause.name === 'AbortError' ? cause : new TypeError(`fetch failed (${cause.message})`, { cause })));
      req.end(body ?? undefined);
    });
  };
}

function webHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
