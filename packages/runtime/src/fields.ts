/**
 * Field values (credentials and account variables such as `region`): the client
 * option wins, then the environment variable of the chosen account, then the
 * field's default. Values are looked up once per client; which of them an
 * operation actually needs is decided per call, so a client configured only for
 * Sinch SMS can still run SMS calls without the Numbers API credentials.
 */

import { MissingCredentialsError, SwitchboardError, type MissingField } from './errors.js';
import { Redactor } from './redact.js';
import type { AuthCode } from './auth.js';
import type { FieldSpec, ProviderSpec } from './spec.js';

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

/** A name as environment variables spell it: `eu-sales` → `EU_SALES`. */
export const envWord = (name: string): string => name.toUpperCase().replace(/-/g, '_');

/** `TELNYX_{ACCOUNT}_API_KEY` with account `eu-sales` → `TELNYX_EU_SALES_API_KEY`. */
export function envNameFor(field: FieldSpec, account: string | undefined): string {
  if (account === undefined) return field.env;
  if (!/^[A-Za-z0-9_-]+$/.test(account)) {
    throw new SwitchboardError(`Account name ${JSON.stringify(account)} may contain only letters, digits, '-' and '_'.`);
  }
  return field.accountEnvTemplate.replace('{ACCOUNT}', envWord(account));
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

/** Field keys a request to this server needs: URL placeholders, then auth (`AuthCode.fields`). */
export function neededFieldKeys(serverUrl: string, authFields: string[]): string[] {
  return [...new Set([...placeholdersOf(serverUrl), ...authFields])];
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

/**
 * A redactor for every secret this client knows, including those its auth kinds derive (Basic
 * tokens). A kind whose code the provider lacks derives none: no request with it is ever built.
 */
export function redactorFor(provider: ProviderSpec, fields: ResolvedFields): Redactor {
  const secrets: string[] = [];
  for (const field of fields.values()) if (field.spec.secret && field.value) secrets.push(field.value);
  const values = Object.fromEntries([...fields].map(([key, field]) => [key, field.value]));
  const kinds: Record<string, AuthCode | undefined> = provider.parts?.auth ?? {};
  for (const { auth } of Object.values(provider.servers)) {
    const derive = kinds[auth.kind]?.secrets;
    if (derive) secrets.push(...derive(auth, values));
  }
  return new Redactor(secrets);
}

function nonEmpty(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}
