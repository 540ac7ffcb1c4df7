import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProviderBinding } from '@switchboard/bindings';

export type Permission = 'allow' | 'deny';

/** The local settings file: credentials per provider and account, and read/write policy per provider. */
export interface Settings {
  providers: Record<string, { accounts?: Record<string, Record<string, string>>; policy?: { read?: Permission; write?: Permission } }>;
}

/** `$SWITCHBOARD_HOME/accounts.json`, by default `~/.switchboard/accounts.json`. */
export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.SWITCHBOARD_HOME ?? join(homedir(), '.switchboard'), 'accounts.json');
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const path = settingsPath(env);
  if (!existsSync(path)) return { providers: {} };
  return JSON.parse(readFileSync(path, 'utf8')) as Settings;
}

/** Written with mode 0600 (it holds secrets), replacing the old file atomically. */
export function writeSettings(settings: Settings, env: NodeJS.ProcessEnv = process.env): string {
  const path = settingsPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  return path;
}

export function envNameFor(field: ProviderBinding['fields'][number], account: string): string {
  return account === 'default' ? field.env : field.accountEnvTemplate.replace('{ACCOUNT}', account.toUpperCase().replace(/-/g, '_'));
}

/**
 * Field values for one account, by client option name: the environment first
 * (TELNYX_API_KEY, TELNYX_WORK_API_KEY), then the settings file.
 */
export function credentialsFor(provider: ProviderBinding, account: string, settings: Settings, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const stored = settings.providers[provider.id]?.accounts?.[account] ?? {};
  const values: Record<string, string> = {};
  for (const field of provider.fields) {
    const value = env[envNameFor(field, account)] ?? stored[field.key];
    if (value !== undefined && value !== '') values[field.option] = value;
  }
  return values;
}

export function policyFor(provider: ProviderBinding, settings: Settings): { read: Permission | null; write: Permission | null } {
  const policy = settings.providers[provider.id]?.policy ?? {};
  return { read: policy.read ?? null, write: policy.write ?? null };
}

export function accountsOf(provider: ProviderBinding, settings: Settings): string[] {
  return Object.keys(settings.providers[provider.id]?.accounts ?? {}).sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}
