/**
 * Base-URL overrides from the environment, the same variables the CLI reads: `TELNYX_BASE_URL`,
 * `TELNYX_WORK_BASE_URL` for the account `work`; a server other than `default` adds its name at
 * the end (`SINCH_BASE_URL_NUMBERS`), so server and account names can never be confused.
 */

import { envWord } from './fields.js';
import type { ProviderSpec } from './spec.js';

/** What names a provider's variables: its id and its fields' spelling (a ProviderSpec, or the generator's model). */
export interface EnvNamedProvider {
  id: string;
  fields: ReadonlyArray<{ accountEnvTemplate: string }>;
}

/** The prefix of the provider's variables (`SINCH_`), as its fields spell it. */
function envPrefix(provider: EnvNamedProvider): string {
  const template = provider.fields[0]?.accountEnvTemplate;
  return template ? template.slice(0, template.indexOf('{ACCOUNT}')) : `${envWord(provider.id)}_`;
}

/** The variable overriding one server for one account. */
export function baseUrlEnvName(provider: EnvNamedProvider, account: string, server: string): string {
  const accountPart = account === 'default' ? '' : `${envWord(account)}_`;
  const serverPart = server === 'default' ? '' : `_${envWord(server)}`;
  return `${envPrefix(provider)}${accountPart}BASE_URL${serverPart}`;
}

/** The servers the environment overrides for this account, with the variable each came from. */
export function baseUrlsFromEnv(provider: ProviderSpec, account: string, env: Record<string, string | undefined>): Array<{ server: string; variable: string; url: string }> {
  const found: Array<{ server: string; variable: string; url: string }> = [];
  for (const server of Object.keys(provider.servers)) {
    const variable = baseUrlEnvName(provider, account, server);
    const url = env[variable];
    if (url !== undefined && url !== '') found.push({ server, variable, url });
  }
  return found;
}
