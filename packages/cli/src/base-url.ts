import type { ProviderBinding } from '@switchboard/bindings';
import { baseUrlEnvName as runtimeBaseUrlEnvName } from '@switchboard/runtime';
import { UsageError } from './io.js';
import type { Settings } from './settings-file.js';

/**
 * Base-URL overrides: where a provider's server is reached instead of the URL in its spec
 * (a proxy, a regional or staging host, a local test server). Three sources, the first that
 * names a server wins: a `--base-url` flag, an environment variable, the settings file.
 */

/** Where an override came from, as messages and `--dry-run` name it. */
export interface BaseUrlOverride {
  url: string;
  source: string;
}

/** Overrides by server name; servers not named keep the spec's URL. */
export type BaseUrls = Record<string, BaseUrlOverride>;

/** `--base-url` values by provider id, then server name (already validated). */
export type BaseUrlFlags = Map<string, Record<string, string>>;

/** A refused override; the message names its source and never shows a credential that was in it. */
export class BaseUrlError extends UsageError {}

/**
 * Checks one override: an absolute http(s) URL without user name, password, query or fragment.
 * The URL is quoted only when it carries no credentials.
 */
export function checkBaseUrl(raw: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new BaseUrlError(`${source}: '${raw.includes('@') ? '<not shown>' : raw}' is not an absolute URL; give one such as https://api.example.com/v2.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new BaseUrlError(`${source}: a base URL must not carry credentials (user:password@host); the URL is not shown. Set credentials as account fields with \`switchboard configure\`.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new BaseUrlError(`${source}: '${raw}' is not an http or https URL.`);
  if (parsed.search !== '' || parsed.hash !== '') throw new BaseUrlError(`${source}: '${raw}' has a query or fragment; a base URL is a scheme, host and optional path only.`);
  // The runtime joins paths onto the server URL, so a trailing slash would double.
  return raw.replace(/\/+$/, '');
}

/** The variable overriding one server for one account, as the runtime reads it too (`TELNYX_BASE_URL`, `SINCH_WORK_BASE_URL_NUMBERS`). */
export function baseUrlEnvName(provider: ProviderBinding, account: string, server: string): string {
  return runtimeBaseUrlEnvName(provider.provider, account, server);
}

export function serversOf(provider: ProviderBinding): string[] {
  return Object.keys(provider.provider.servers);
}

/** The server a bare URL (no `server=`) overrides: `default`, or the only server. */
export function defaultServer(provider: ProviderBinding): string | undefined {
  const servers = serversOf(provider);
  return servers.includes('default') ? 'default' : servers.length === 1 ? servers[0] : undefined;
}

export function checkServer(provider: ProviderBinding, server: string, source: string): void {
  const servers = serversOf(provider);
  if (!servers.includes(server)) throw new BaseUrlError(`${source}: ${provider.id} has no server '${server}'; its servers are ${servers.join(', ')}.`);
}

/** Overrides for one provider account, by server name. */
export function baseUrlsFor(provider: ProviderBinding, account: string, settings: Settings, env: NodeJS.ProcessEnv, flags: BaseUrlFlags): BaseUrls {
  const stored = settings.providers[provider.id]?.base_urls?.[account] ?? {};
  const given = flags.get(provider.id) ?? {};
  const overrides: BaseUrls = {};
  for (const server of serversOf(provider)) {
    const envName = baseUrlEnvName(provider, account, server);
    const fromFlag = given[server];
    const fromEnv = env[envName];
    const fromFile = stored[server];
    if (fromFlag !== undefined) overrides[server] = { url: fromFlag, source: '--base-url' };
    else if (fromEnv !== undefined && fromEnv !== '') overrides[server] = { url: checkBaseUrl(fromEnv, envName), source: envName };
    else if (fromFile !== undefined) overrides[server] = { url: checkBaseUrl(fromFile, `settings providers.${provider.id}.base_urls.${account}.${server}`), source: 'settings file' };
  }
  return overrides;
}

/**
 * Parses `--base-url` values: `URL` (the only provider's default server), `provider=URL`,
 * `server=URL` (the only provider) or `provider.server=URL`. `scope` is the providers the
 * command may call; a bare URL needs exactly one.
 */
export function parseBaseUrlFlags(values: readonly string[], scope: readonly ProviderBinding[]): BaseUrlFlags {
  const flags: BaseUrlFlags = new Map();
  for (const value of values) {
    const eq = value.indexOf('=');
    const scheme = value.search(/:\/\//);
    const named = eq > 0 && (scheme < 0 || eq < scheme);
    const target = named ? value.slice(0, eq) : '';
    const url = checkBaseUrl(named ? value.slice(eq + 1) : value, '--base-url');
    const only = scope.length === 1 ? scope[0] : undefined;
    let provider: ProviderBinding | undefined;
    let server: string | undefined;
    if (!named) {
      if (!only) throw new BaseUrlError(`--base-url: name the provider, e.g. --base-url ${scope[0]?.id ?? 'telnyx'}=${url}, since this command can call ${scope.length} providers.`);
      provider = only;
    } else {
      const [first, second] = target.split('.', 2) as [string, string | undefined];
      provider = scope.find((p) => p.id === first || p.namespace === first);
      if (provider) server = second;
      else if (only && second === undefined) [provider, server] = [only, first];
      else throw new BaseUrlError(`--base-url: '${target}' names no provider this command can call (${scope.map((p) => p.id).join(', ')})${only ? ` nor a server of ${only.id}` : ''}.`);
    }
    server ??= defaultServer(provider);
    if (server === undefined) throw new BaseUrlError(`--base-url: ${provider.id} has several servers (${serversOf(provider).join(', ')}); name one, e.g. --base-url ${provider.id}.${serversOf(provider)[0]}=${url}.`);
    checkServer(provider, server, '--base-url');
    const entry = flags.get(provider.id) ?? {};
    if (entry[server] !== undefined) throw new BaseUrlError(`--base-url was given twice for ${provider.id} server '${server}'; give one.`);
    flags.set(provider.id, { ...entry, [server]: url });
  }
  return flags;
}
