import type { ProviderBinding } from '@switchboard/bindings';
import { baseUrlEnvName } from '@switchboard/cli/dist/base-url.js';
import type { LocalProviderServer } from './local-server.js';

/** Helpers for calling a provider through the built CLI (call, Lua, MCP) in child processes. */

/** `work` over `items` with at most `limit` running at once, results in input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Field values the examples were written with, by client option name (what a TS client takes). */
export function exampleOptions(provider: ProviderBinding): Record<string, string> {
  return Object.fromEntries(provider.fields.map((f) => [f.option, f.example]));
}

/**
 * Environment for one account of the CLI, Lua host or MCP gateway: every field set to its example
 * value and every server sent to the local server under `tag`.
 */
export function accountEnv(provider: ProviderBinding, account: string, local: LocalProviderServer, tag: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const field of provider.fields) {
    const name = account === 'default' ? field.env : field.accountEnvTemplate.replace('{ACCOUNT}', account.toUpperCase().replace(/-/g, '_'));
    env[name] = field.example;
  }
  for (const [server, url] of Object.entries(local.baseUrls(tag))) env[baseUrlEnvName(provider, account, server)] = url;
  return env;
}

/** A Lua long-bracket string that cannot be closed by its content. */
export function luaLongString(text: string): string {
  // Level 1 at least: a text ending in `]` would close a level-0 bracket one character early.
  let level = 1;
  while (text.includes(`]${'='.repeat(level)}]`)) level++;
  const eq = '='.repeat(level);
  return `[${eq}[${text}]${eq}]`;
}
