import type { ProviderBinding } from '@switchboard/bindings';
import { readSettings, writeSettings, type Permission } from '../settings-file.js';
import { UsageError, type CliIo } from '../io.js';
import type { CommandHandler } from '../cli/reply.js';
import { requireProvider } from '../registry.js';
import { askHidden, linesOf } from '../secret-input.js';
import { readStdinIfPiped } from '../stdin.js';
import { checkBaseUrl, checkServer, defaultServer, serversOf, BaseUrlError } from '../base-url.js';
import { envNameFor } from '../accounts.js';

const permission = (value: unknown): Permission | undefined => (value === 'allow' || value === 'deny' ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** `--set key=value` pairs, checked against the provider's fields; no message may show a value, nor a key that could be one mistyped. */
function fieldsFromFlags(provider: ProviderBinding, pairs: string[], io: CliIo): Map<string, string> {
  const keys = provider.fields.map((f) => f.key);
  const values = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--set takes key=value with a field of ${provider.id} before the '=' (${keys.join(', ')}); the value given is not shown.`, { code: 'invalid_option_value' });
    const key = pair.slice(0, eq);
    if (!keys.includes(key)) {
      const named = /^[a-z][a-z0-9_]{0,31}$/.test(key) ? `'${key}' is not a field of ${provider.id}` : `the key before '=' is not a field of ${provider.id}`;
      throw new UsageError(`${named}: ${keys.join(', ')}.`, { code: 'unknown_field' });
    }
    if (provider.fields.find((f) => f.key === key)!.secret) {
      io.stderr.write(`warning: --set ${key}=… puts a secret in your shell history and the process list; leave --set out to type it hidden, or pipe it on standard input.\n`);
    }
    values.set(key, pair.slice(eq + 1));
  }
  return values;
}

/**
 * The secret fields, asked for: hidden on a terminal (Enter alone keeps what is stored), or one
 * line per secret field, in the order `switchboard fields` lists them, from piped standard input.
 */
async function askSecrets(provider: ProviderBinding, io: CliIo): Promise<Map<string, string>> {
  const secrets = provider.fields.filter((f) => f.secret);
  const values = new Map<string, string>();
  if (secrets.length === 0) return values;
  if (process.stdin.isTTY) {
    for (const field of secrets) {
      const value = await askHidden(`${field.label} (${field.key}, hidden; Enter keeps the stored value): `, io);
      if (value !== '') values.set(field.key, value);
    }
    return values;
  }
  const piped = await readStdinIfPiped();
  if (piped === null) {
    throw new UsageError(`nothing to configure for ${provider.id}.`, {
      code: 'missing_argument',
      hint: `Pipe ${secrets.map((f) => f.key).join(', ')} on standard input, one per line, run it on a terminal to be asked, or use --set key=value.`,
    });
  }
  const lines = linesOf(piped);
  if (lines.length > secrets.length) throw new UsageError(`standard input has ${lines.length} lines; ${provider.id} has ${secrets.length} secret field(s) (${secrets.map((f) => f.key).join(', ')}), one per line.`, { code: 'invalid_input' });
  secrets.forEach((field, i) => {
    if (lines[i]) values.set(field.key, lines[i]!);
  });
  return values;
}

/** `switchboard configure <provider>`; `--base-url server=` removes that server's override. */
export const configureCommand: CommandHandler = async ({ args, options, io }) => {
  const provider = requireProvider(args[0]);
  const account = typeof options.account === 'string' ? options.account : 'default';
  if (!/^[a-z][a-z0-9_-]*$/.test(account)) throw new UsageError(`account names are lower case letters, digits, '-' and '_'; '${account}' is not.`, { code: 'invalid_option_value' });
  const keys = provider.fields.map((f) => f.key);
  const unset = strings(options.unset);
  for (const key of unset) if (!keys.includes(key)) throw new UsageError(`--unset takes a field of ${provider.id} (${keys.join(', ')}); the argument given is not shown.`, { code: 'unknown_field' });
  const baseUrlFlags = strings(options.baseUrl);
  const read = permission(options.read);
  const write = permission(options.write);
  const nothingElse = strings(options.set).length === 0 && unset.length === 0 && baseUrlFlags.length === 0 && !read && !write;
  const fields = nothingElse ? await askSecrets(provider, io) : fieldsFromFlags(provider, strings(options.set), io);

  const settings = readSettings();
  const entry = (settings.providers[provider.id] ??= {});
  const stored = ((entry.accounts ??= {})[account] ??= {});
  for (const [key, value] of fields) stored[key] = value;
  for (const key of unset) delete stored[key];
  const baseUrlsSet: string[] = [];
  const baseUrlsUnset: string[] = [];
  for (const value of baseUrlFlags) {
    const eq = value.indexOf('=');
    const scheme = value.search(/:\/\//);
    const named = eq > 0 && (scheme < 0 || eq < scheme);
    const server = named ? value.slice(0, eq) : defaultServer(provider);
    if (server === undefined) throw new BaseUrlError(`--base-url: ${provider.id} has several servers (${serversOf(provider).join(', ')}); name one, e.g. --base-url ${serversOf(provider)[0]}=URL.`);
    checkServer(provider, server, '--base-url');
    const raw = named ? value.slice(eq + 1) : value;
    const servers = ((entry.base_urls ??= {})[account] ??= {});
    if (raw === '') {
      delete servers[server];
      baseUrlsUnset.push(server);
    } else {
      servers[server] = checkBaseUrl(raw, '--base-url');
      baseUrlsSet.push(server);
    }
  }
  if (read || write) entry.policy = { ...entry.policy, ...(read ? { read } : {}), ...(write ? { write } : {}) };
  const path = writeSettings(settings);
  const set = [...fields.keys()];
  const missing = unsetFields(provider, account, stored);
  const data = { provider: provider.id, account, credentials_set: set, credentials_unset: unset, missing_fields: missing, permissions: entry.policy ?? {}, base_urls: entry.base_urls?.[account] ?? {}, base_urls_unset: baseUrlsUnset, file: path };
  const still = missing.length ? ` Still unset: ${missing.join(', ')} (no default); calls that need them fail until they are set, e.g. --set ${missing[0]}=….` : '';
  const text = `saved ${provider.id} account '${account}' to ${path} (mode 0600)${set.length ? `: set ${set.join(', ')}` : ''}${baseUrlsSet.length ? `; base URL of ${baseUrlsSet.join(', ')}` : ''}.${still}`;
  return { data, text };
};

/**
 * The fields the account still lacks: no stored value, no environment variable and no default.
 * Saying so here, not at the first call: asked only for secrets, a person would otherwise leave
 * with an account that cannot call anything (Zendesk's subdomain).
 */
function unsetFields(provider: ProviderBinding, account: string, stored: Record<string, string>): string[] {
  const optional = new Set(provider.provider.fields.filter((f) => f.optional).map((f) => f.key));
  return provider.fields.filter((f) => f.default === null && !optional.has(f.key) && stored[f.key] === undefined && !process.env[envNameFor(f, account)]).map((f) => f.key);
}
