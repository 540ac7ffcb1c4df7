import type { ProviderBinding } from '@switchboard/bindings';
import type { Permission, Settings } from './settings-file.js';

export type { Permission, Settings } from './settings-file.js';

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
