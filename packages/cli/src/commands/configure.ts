import { parseArgs } from 'node:util';
import { readSettings, writeSettings, type Permission } from '../settings-file.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { bindings, findProvider } from '../registry.js';
import { checkBaseUrl, checkServer, defaultServer, serversOf, BaseUrlError } from '../base-url.js';

const permission = (value: string | undefined, flag: string): Permission | undefined => {
  if (value === undefined) return undefined;
  if (value !== 'allow' && value !== 'deny') throw new UsageError(`${flag} takes allow or deny, not '${value}'.`);
  return value;
};

/** `switchboard configure <provider> [--account name] [--set key=value ...] [--unset key ...] [--read allow|deny] [--write allow|deny] [--base-url [server=]URL ...] [--json]`; `--base-url server=` removes that server's override. */
export async function configureCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      account: { type: 'string' },
      set: { type: 'string', multiple: true },
      unset: { type: 'string', multiple: true },
      read: { type: 'string' },
      write: { type: 'string' },
      'base-url': { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
  });
  const provider = positionals[0] ? findProvider(positionals[0]) : undefined;
  if (!provider) throw new UsageError(`name a provider: ${bindings.map((p) => p.id).join(', ')}.`);
  const account = values.account ?? 'default';
  if (!/^[a-z][a-z0-9_-]*$/.test(account)) throw new UsageError(`account names are lower case letters, digits, '-' and '_'; '${account}' is not.`);
  const keys = provider.fields.map((f) => f.key);
  const settings = readSettings();
  const entry = (settings.providers[provider.id] ??= {});
  const stored = ((entry.accounts ??= {})[account] ??= {});
  const set: string[] = [];
  for (const pair of values.set ?? []) {
    // The value is a credential: no message here may show it, nor a key that could be one mistyped.
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--set takes key=value with a field of ${provider.id} before the '=' (${keys.join(', ')}); the value given is not shown.`);
    const key = pair.slice(0, eq);
    if (!keys.includes(key)) {
      const named = /^[a-z][a-z0-9_]{0,31}$/.test(key) ? `'${key}' is not a field of ${provider.id}` : `the key before '=' is not a field of ${provider.id}`;
      throw new UsageError(`${named}: ${keys.join(', ')}.`);
    }
    stored[key] = pair.slice(eq + 1);
    set.push(key);
  }
  for (const key of values.unset ?? []) {
    if (!keys.includes(key)) throw new UsageError(`--unset takes a field of ${provider.id} (${keys.join(', ')}); the argument given is not shown.`);
    delete stored[key];
  }
  const baseUrlsSet: string[] = [];
  const baseUrlsUnset: string[] = [];
  for (const value of values['base-url'] ?? []) {
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
  const read = permission(values.read, '--read');
  const write = permission(values.write, '--write');
  if (read || write) entry.policy = { ...entry.policy, ...(read ? { read } : {}), ...(write ? { write } : {}) };
  const path = writeSettings(settings);
  const summary = { success: true, provider: provider.id, account, credentials_set: set, credentials_unset: values.unset ?? [], permissions: entry.policy ?? {}, base_urls: entry.base_urls?.[account] ?? {}, base_urls_unset: baseUrlsUnset, file: path };
  if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout.write(`saved ${provider.id} account '${account}' to ${path} (mode 0600)${set.length ? `: set ${set.join(', ')}` : ''}${baseUrlsSet.length ? `; base URL of ${baseUrlsSet.join(', ')}` : ''}.\n`);
  return EXIT.ok;
}
