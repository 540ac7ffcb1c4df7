/**
 * Field values (credentials and account variables such as `region`): the client
 * option wins, then the environment variable of the chosen account, then the
 * field's default. Values are looked up once per client; which of them an
 * operation actually needs is decided per call, so a client configured only for
 * Sinch SMS can still run SMS calls without the Numbers API credentials.
 */

import { credentialFields, credentialValue } from './auth.js';
import { MissingCredentialsError, SwitchboardError, type MissingField } from './errors.js';
import { Redactor } from './redact.js';
import type { AuthSpec, FieldSpec, ProviderSpec } from './spec.js';

export interface FieldSource {
  options: Record<string, unknown>;
  env: Record<string, string | undefined>;
  account: string | undefined;
}

export interface ResolvedField {
  spec: FieldSpec;
  /** Undefined when no option, environment variable or default supplies it. */
  value: string | undefined;
  /** The environment variable consulted, for messages. */
  envName: string;
}

export type ResolvedFields = Map<string, ResolvedField>;

/** `TELNYX_{ACCOUNT}_API_KEY` with account `eu-sales` → `TELNYX_EU_SALES_API_KEY`. */
export function envNameFor(field: FieldSpec, account: string | undefined): string {
  if (account === undefined) return field.env;
  if (!/^[A-Za-z0-9_-]+$/.test(account)) {
    throw new SwitchboardError(`Account name ${JSON.stringify(account)} may contain only letters, digits, '-' and '_'.`);
  }
  return field.accountEnvTemplate.replace('{ACCOUNT}', account.toUpperCase().replace(/-/g, '_'));
}

export function resolveFields(provider: ProviderSpec, source: FieldSource): ResolvedFields {
  const resolved: ResolvedFields = new Map();
  for (const spec of provider.fields) {
    const envName = envNameFor(spec, source.account);
    const value = nonEmpty(source.options[spec.option]) ?? nonEmpty(source.env[envName]) ?? nonEmpty(spec.default);
    resolved.set(spec.key, { spec, value, envName });
  }
  return resolved;
}

/** `{field}` placeholders of a URL or header template, in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string);
}

/** Field keys a request to this server needs: URL placeholders, then auth. */
export function neededFieldKeys(serverUrl: string, auth: AuthSpec): string[] {
  const keys = placeholdersOf(serverUrl);
  keys.push(...credentialFields(auth));
  return [...new Set(keys)];
}

/** The values of `keys`, or MissingCredentialsError listing every missing one at once. */
export function requireFields(provider: ProviderSpec, operation: string, fields: ResolvedFields, keys: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const missing: MissingField[] = [];
  for (const key of keys) {
    const field = fields.get(key);
    if (field?.value !== undefined) values[key] = field.value;
    else missing.push({ key, env: field?.envName ?? key, option: field?.spec.option ?? key });
  }
  if (missing.length > 0) throw new MissingCredentialsError(provider.name, operation, missing);
  return values;
}

/** A redactor for every secret this client knows, including Basic-auth tokens built from them. */
export function redactorFor(provider: ProviderSpec, fields: ResolvedFields): Redactor {
  const secrets: string[] = [];
  for (const field of fields.values()) if (field.spec.secret && field.value) secrets.push(field.value);
  const values = Object.fromEntries([...fields].map(([key, field]) => [key, field.value]));
  for (const { auth } of Object.values(provider.servers)) {
    if (auth.kind === 'basic') {
      const { username, password } = auth;
      const known = [username, password].every((c) => 'literal' in c || values[c.field] !== undefined);
      if (known) secrets.push(Redactor.basicToken(credentialValue(username, values), credentialValue(password, values)));
    }
    if (auth.kind === 'oauth2_client_credentials' && auth.clientAuth === 'basic') {
      // The token request's Basic credentials are form-encoded first (RFC 6749 §2.3.1).
      const id = values[auth.clientIdField];
      const secret = values[auth.clientSecretField];
      if (id !== undefined && secret !== undefined) secrets.push(Redactor.basicToken(encodeURIComponent(id), encodeURIComponent(secret)));
    }
  }
  return new Redactor(secrets);
}

function nonEmpty(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}
