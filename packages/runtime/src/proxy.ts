/**
 * HTTP proxies for the Node transport, as curl, Go programs (the GitHub and
 * Stripe CLIs) and most tools read them from the environment: `HTTPS_PROXY`
 * for https URLs, `HTTP_PROXY` for http URLs, `NO_PROXY` for hosts reached
 * directly. An https request goes through a CONNECT tunnel, so the proxy sees
 * only the host and port, never the request or its credentials; an http
 * request is sent to the proxy whole, in absolute form, as HTTP proxies expect.
 *
 * Loopback hosts are never proxied (as in Go's net/http): a local test server
 * or sandbox must not be sent to a corporate proxy that cannot reach it.
 */

import { BlockList, connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { Agent as HttpAgent, type RequestOptions as HttpRequestOptions } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions, type RequestOptions as HttpsRequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { boundIdleSockets } from './idle-sockets.js';

/** Which proxy serves which scheme, and the hosts reached without one (a `NO_PROXY` list). */
export interface ProxySettings {
  /** The proxy for https URLs, as a URL (`http://proxy.corp:3128`, with `user:password@` when it asks for them). */
  https?: string;
  /** The proxy for http URLs. */
  http?: string;
  /** Hosts reached directly: comma-separated names (a name covers its subdomains, `.name` only them), IPs, CIDR ranges, `host:port`, or `*` for all. */
  noProxy?: string;
}

/**
 * The proxies the environment names, or undefined when it names none. The upper-case name wins
 * when both spellings are set, as in Go; a value that is empty counts as unset.
 */
export function proxyFromEnv(env: Record<string, string | undefined> = processEnv()): ProxySettings | undefined {
  const read = (name: string): string | undefined => env[name] || env[name.toLowerCase()] || undefined;
  const https = read('HTTPS_PROXY');
  const http = read('HTTP_PROXY');
  if (https === undefined && http === undefined) return undefined;
  const noProxy = read('NO_PROXY');
  return { ...(https ? { https } : {}), ...(http ? { http } : {}), ...(noProxy ? { noProxy } : {}) };
}

function processEnv(): Record<string, string | undefined> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

/** A proxy server, parsed once: where it is, how to reach it, and the header that logs in to it. */
export interface Proxy {
  host: string;
  port: number;
  /** Reached over TLS (an `https://` proxy URL). */
  secure: boolean;
  /** `Basic …` from the URL's user and password, or undefined when it has none. */
  authorization: string | undefined;
  /** The proxy as messages show it: scheme, host and port, never its credentials. */
  shown: string;
}

/** A proxy setting that cannot be used; its message shows the setting without any password. */
export class ProxySettingError extends Error {
  override name = 'ProxySettingError';
}

/**
 * Parses a proxy URL. A bare `host:port` means http, as every tool reads it; schemes other than
 * http and https (socks) are refused by name rather than sent as if they were HTTP proxies.
 */
export function parseProxy(value: string, variable: string): Proxy {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProxySettingError(`${variable} is not a proxy URL such as http://proxy.example:3128 (got ${JSON.stringify(withoutPassword(value))}).`);
  }
  const scheme = url.protocol.slice(0, -1);
  const shown = `${url.protocol}//${url.host}`;
  if (scheme !== 'http' && scheme !== 'https') {
    throw new ProxySettingError(`${variable} names a ${scheme} proxy (${shown}); only http:// and https:// proxies are supported.`);
  }
  const secure = scheme === 'https';
  const authorization = url.username || url.password ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : undefined;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : secure ? 443 : 80, secure, authorization, shown };
}

/** `user:secret@host` shown as `user:***@host`, for an error about a setting that did not parse. */
function withoutPassword(value: string): string {
  return value.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@').replace(/^([^/@:]*):[^/@]*@/, '$1:***@');
}

/** One `NO_PROXY` entry, parsed: what it matches and, when it names one, the only port it matches. */
type Exemption = { kind: 'all' } | { kind: 'domain'; name: string; subdomainsOnly: boolean; port: number | null } | { kind: 'ip'; ranges: BlockList; port: number | null };

/** The hosts a `NO_PROXY` value exempts, and loopback, which is never proxied. */
export class NoProxy {
  private readonly exemptions: Exemption[];

  constructor(list = '') {
    this.exemptions = list
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => entry !== '')
      .map(parseExemption);
  }

  /** Whether a request to `host` (a name or an IP, without brackets) on `port` goes directly. */
  exempts(host: string, port: number): boolean {
    const name = host.toLowerCase().replace(/\.$/, '');
    if (isLoopback(name)) return true;
    const family = isIP(name);
    return this.exemptions.some((e) => {
      if (e.kind === 'all') return true;
      if (e.port !== null && e.port !== port) return false;
      if (e.kind === 'ip') return family !== 0 && e.ranges.check(name, family === 6 ? 'ipv6' : 'ipv4');
      return name === e.name ? !e.subdomainsOnly : name.endsWith(`.${e.name}`);
    });
  }
}

function parseExemption(entry: string): Exemption {
  if (entry === '*') return { kind: 'all' };
  // `[::1]:8080`, `10.0.0.0/8`, `host:443`, `::1`: split a port off only where it cannot be part of an IPv6 address.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  const withPort = bracketed ? null : /^([^:]+):(\d+)$/.exec(entry);
  const host = bracketed?.[1] ?? withPort?.[1] ?? entry;
  const portText = bracketed?.[2] ?? withPort?.[2];
  const port = portText === undefined ? null : Number(portText);
  const [address, prefix] = host.split('/');
  const family = isIP(address ?? '');
  if (family !== 0) {
    const ranges = new BlockList();
    const type = family === 6 ? 'ipv6' : 'ipv4';
    const bits = prefix === undefined ? NaN : Number(prefix);
    if (Number.isInteger(bits) && bits >= 0 && bits <= (family === 6 ? 128 : 32)) ranges.addSubnet(address!, bits, type);
    else ranges.addAddress(address!, type);
    return { kind: 'ip', ranges, port };
  }
  // `*.corp.example` and `.corp.example` both mean the subdomains of corp.example (Go reads them so).
  const subdomainsOnly = host.startsWith('.') || host.startsWith('*.');
  return { kind: 'domain', name: host.replace(/^\*?\./, '').replace(/\.$/, ''), subdomainsOnly, port };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/**
 * How one request goes through a proxy: https through the tunnelling agent (to the URL's host), or
 * plain http sent whole to the proxy on the forwarding agent.
 */
export type ProxyRoute = { kind: 'tunnel'; proxy: Proxy; agent: TunnelAgent } | { kind: 'forward'; proxy: Proxy; agent: HttpAgent };

/** What the transport needs of the proxies: for each request, the way through one, or null to go directly. */
export class ProxyRoutes {
  private readonly https: Proxy | null;
  private readonly http: Proxy | null;
  private readonly noProxy: NoProxy;
  /** One tunnelling agent per transport: its sockets are tunnels to the providers, kept alive like direct ones. */
  private readonly tunnel: TunnelAgent | null;
  /** The agent that carries plain-http requests to the http proxy, kept alive like the transport's own. */
  private readonly forwarding: HttpAgent | null;

  /**
   * @param tls options for the TLS connections to the providers and to an https proxy (a `ca` for
   *   a proxy that inspects TLS with its own certificate); Node's defaults when absent.
   */
  constructor(settings: ProxySettings, tls: HttpsAgentOptions = {}) {
    this.https = settings.https ? parseProxy(settings.https, 'HTTPS_PROXY') : null;
    this.http = settings.http ? parseProxy(settings.http, 'HTTP_PROXY') : null;
    this.noProxy = new NoProxy(settings.noProxy);
    this.tunnel = this.https ? boundIdleSockets(new TunnelAgent(this.https, { keepAlive: true, ...tls })) : null;
    this.forwarding = this.http === null ? null : boundIdleSockets(this.http.secure ? new HttpsAgent({ keepAlive: true, ...tls }) : new HttpAgent({ keepAlive: true }));
  }

  /** The proxy for a request to `url`, or null when it goes directly. */
  proxyFor(url: URL): Proxy | null {
    return chooseProxy(url, this.https, this.http, this.noProxy);
  }

  /** The way a request to `url` goes through its proxy, with the agent for it; null when it goes directly. */
  routeFor(url: URL): ProxyRoute | null {
    const proxy = this.proxyFor(url);
    if (proxy === null) return null;
    // A proxy is chosen only for a scheme whose setting made its agent.
    if (url.protocol === 'https:') return this.tunnel && { kind: 'tunnel', proxy, agent: this.tunnel };
    return this.forwarding && { kind: 'forward', proxy, agent: this.forwarding };
  }
}

/**
 * The proxy `settings` send a request to `url` through, or null when it goes directly: for showing
 * it (a dry run), where `ProxyRoutes` is what sends. Throws `ProxySettingError` for a bad setting.
 */
export function proxyFor(settings: ProxySettings, url: URL): Proxy | null {
  const secure = url.protocol === 'https:';
  const chosen = secure ? settings.https : settings.http;
  if (chosen === undefined) return null;
  const proxy = parseProxy(chosen, secure ? 'HTTPS_PROXY' : 'HTTP_PROXY');
  return chooseProxy(url, secure ? proxy : null, secure ? null : proxy, new NoProxy(settings.noProxy));
}

function chooseProxy(url: URL, https: Proxy | null, http: Proxy | null, noProxy: NoProxy): Proxy | null {
  const secure = url.protocol === 'https:';
  const proxy = secure ? https : http;
  if (proxy === null) return null;
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  return noProxy.exempts(url.hostname.replace(/^\[|\]$/g, ''), port) ? null : proxy;
}

/** node:http's options for a plain-http request sent whole to an http proxy: to the proxy, for the provider's absolute URL. */
export function forwardedOptions(method: string, url: string, given: Record<string, string>, proxy: Proxy, agent: HttpAgent): HttpRequestOptions {
  const headers: Record<string, string> = { ...given, host: new URL(url).host };
  if (proxy.authorization !== undefined) headers['proxy-authorization'] = proxy.authorization;
  return { method, host: proxy.host, port: proxy.port, path: url, headers, agent };
}

/** The longest CONNECT answer head read before the proxy is taken to be broken. */
const MAX_TUNNEL_HEAD = 16 * 1024;

/**
 * How long a proxy may take to open a tunnel. The attempt's own deadline fails the call sooner, but
 * cannot reach this socket (the agent is not told); without a bound of its own, a proxy that never
 * answers would keep the socket, and the process, alive.
 */
const TUNNEL_SETUP_MS = 60_000;

/**
 * An https agent whose sockets are CONNECT tunnels through one proxy: TLS runs inside the tunnel,
 * end to end with the provider, so the proxy never sees the request. A tunnel the proxy refuses, or a
 * proxy that cannot be reached, fails before anything was sent to the provider; the error says so
 * in its code (`ECONNREFUSED` and the like, or `ERR_PROXY_TUNNEL`), which the retry rule reads.
 */
export class TunnelAgent extends HttpsAgent {
  /** @param setupMs how long the proxy may take to open a tunnel (tests shorten it) */
  constructor(
    private readonly proxy: Proxy,
    options: HttpsAgentOptions,
    private readonly setupMs = TUNNEL_SETUP_MS,
  ) {
    super(options);
  }

  override createConnection(options: HttpsRequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const done = callback ?? (() => {});
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const authority = `${isIP(host) === 6 ? `[${host}]` : host}:${options.port ?? 443}`;
    const proxy = this.proxy;
    const socket: Socket = proxy.secure ? tlsConnect({ ...this.options, host: proxy.host, port: proxy.port, servername: isIP(proxy.host) ? undefined : proxy.host }) : netConnect({ host: proxy.host, port: proxy.port });
    let head = Buffer.alloc(0);
    const fail = (error: Error): void => {
      socket.destroy();
      done(error, socket);
    };
    const onError = (error: NodeJS.ErrnoException): void =>
      fail(Object.assign(new Error(`the proxy ${proxy.shown} could not be reached`, { cause: error }), error.code ? { code: error.code } : {}));
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_TUNNEL_HEAD) fail(tunnelError(`the proxy ${proxy.shown} sent no complete answer to CONNECT ${authority}`));
        return;
      }
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.setTimeout(0);
      socket.removeListener('timeout', onTimeout);
      // The TLS socket takes the connection over and reports its errors; one left on this socket must not crash the process.
      socket.on('error', ignore);
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
      if (status === undefined || !status.startsWith('2')) {
        fail(tunnelError(`the proxy ${proxy.shown} refused a tunnel to ${authority} (${statusLine.replace(/^HTTP\/1\.[01] /, '') || 'no status line'})`));
        return;
      }
      // Anything after the head is already the provider's, though a TLS server speaks only after the client.
      const rest = head.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      // TLS to the provider inside the tunnel, with the agent's session cache and options.
      // (https.Agent's own createConnection passes its options to tls.connect, which takes the socket.)
      const tunnelled: HttpsRequestOptions & Pick<ConnectionOptions, 'socket'> = { ...options, socket };
      const secured = super.createConnection(tunnelled);
      if (secured) done(null, secured);
      else fail(tunnelError(`no TLS connection could be made through the tunnel to ${authority}`));
    };
    socket.on('error', onError);
    socket.on('data', onData);
    const onTimeout = (): void => fail(tunnelError(`the proxy ${proxy.shown} did not answer CONNECT ${authority} within ${this.setupMs} ms`));
    socket.setTimeout(this.setupMs);
    socket.on('timeout', onTimeout);
    const authorization = proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : '';
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${authorization}\r\n`);
    return undefined;
  }
}

const ignore = (): void => {};

/** A tunnel the proxy did not open: nothing reached the provider, so even a write may be tried again. */
function tunnelError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_PROXY_TUNNEL' });
}
