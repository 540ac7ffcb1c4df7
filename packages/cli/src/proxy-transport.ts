/**
 * The transport of the CLI's live calls, and the fetch of its upstream MCP servers: through the
 * HTTP proxies the environment names (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, as curl, gh and
 * the Stripe CLI read them), else the runtime's own. The sandbox never uses them: its answers come
 * from inside this process.
 */

import type { Transport } from '@switchboard/runtime';
import { nodeTransport, proxiedFetch, proxyFor, proxyFromEnv, ProxySettingError } from '@switchboard/runtime/node';
import { UsageError } from './io.js';

/** A proxy variable that cannot be used; its message never shows the proxy's password. */
export class ProxyEnvError extends UsageError {
  constructor(message: string) {
    super(message, { code: 'invalid_proxy', hint: 'Fix the variable, or unset it to connect directly.' });
  }
}

/** One transport per proxy setting, so the calls of one process (a Lua script, an MCP session) share kept-alive tunnels. */
const transports = new Map<string, Transport>();

/** The transport for live calls under `env`, or undefined to leave the runtime's default (no proxy named). */
export function liveTransport(env: NodeJS.ProcessEnv): Transport | undefined {
  const settings = proxyFromEnv(env);
  if (settings === undefined) return undefined;
  const key = JSON.stringify(settings);
  let transport = transports.get(key);
  if (transport === undefined) {
    transport = usable(() => nodeTransport({ proxy: settings }));
    transports.set(key, transport);
  }
  return transport;
}

/** The proxy a live request to `url` goes through, as a dry run and the call's meta show it (no password), with the variable that named it; null for none. */
export function proxyShownFor(env: NodeJS.ProcessEnv, url: string): { url: string; source: string } | null {
  const settings = proxyFromEnv(env);
  if (settings === undefined) return null;
  const proxy = usable(() => proxyFor(settings, new URL(url)));
  if (proxy === null) return null;
  const name = url.startsWith('https:') ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  // The one proxyFromEnv read: the upper-case name unless it is unset or empty.
  return { url: proxy.shown, source: env[name] ? name : name.toLowerCase() };
}

/** What reaches upstream MCP servers by URL under `env`: fetch through the proxy the environment names, or undefined (the platform's fetch). */
export function upstreamFetch(env: NodeJS.ProcessEnv): typeof fetch | undefined {
  const settings = proxyFromEnv(env);
  if (settings === undefined) return undefined;
  return usable(() => proxiedFetch(settings));
}

/** What `make` returns; a proxy setting it cannot use becomes the CLI's usage error. */
function usable<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ProxySettingError) throw new ProxyEnvError(error.message);
    throw error;
  }
}
