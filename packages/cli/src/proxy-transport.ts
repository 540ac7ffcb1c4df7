/**
 * The transport of the CLI's live calls: through the HTTP proxies the environment names
 * (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, as curl, gh and the Stripe CLI read them), else the
 * runtime's own. The sandbox never uses it: its answers come from inside this process.
 */

import type { Transport } from '@switchboard/runtime';
import { NoProxy, nodeTransport, parseProxy, proxyFromEnv, ProxySettingError } from '@switchboard/runtime/node';
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
    try {
      transport = nodeTransport({ proxy: settings });
    } catch (error) {
      if (error instanceof ProxySettingError) throw new ProxyEnvError(error.message);
      throw error;
    }
    transports.set(key, transport);
  }
  return transport;
}

/** The proxy a live request to `url` goes through, as a dry run and the call's meta show it (no password), with the variable that named it; null for none. */
export function proxyShownFor(env: NodeJS.ProcessEnv, url: string): { url: string; source: string } | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  const name = target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  // The same order proxyFromEnv reads them in: the upper-case name first, an empty value unset.
  const source = [name, name.toLowerCase()].find((variable) => env[variable]);
  if (source === undefined) return null;
  const noProxy = env.NO_PROXY || env.no_proxy || '';
  const port = target.port ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
  if (new NoProxy(noProxy).exempts(target.hostname.replace(/^\[|\]$/g, ''), port)) return null;
  try {
    return { url: parseProxy(env[source]!, name).shown, source };
  } catch (error) {
    if (error instanceof ProxySettingError) throw new ProxyEnvError(error.message);
    throw error;
  }
}
