import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { bindings } from '@switchboard/bindings';
import { jsonErrorPosition } from './json-error-position.js';
import { errorCode, replaceFile } from './replace-file.js';
import { SettingsFileError } from './settings-error.js';

export type Permission = 'allow' | 'deny';

/** The local settings file: credentials per provider and account, and read/write policy per provider. */
export interface Settings {
  providers: Record<
    string,
    {
      accounts?: Record<string, Record<string, string>>;
      policy?: { read?: Permission; write?: Permission };
      /** Base-URL overrides by account, then server name (`switchboard configure --base-url`). */
      base_urls?: Record<string, Record<string, string>>;
    }
  >;
}

export { SettingsFileError };

/** `$SWITCHBOARD_HOME/accounts.json`, by default `~/.switchboard/accounts.json`. */
export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.SWITCHBOARD_HOME ?? join(homedir(), '.switchboard'), 'accounts.json');
}

const HOW_TO_FIX = 'Fix it by hand, or remove it and run `switchboard configure` again (--sandbox runs do not need it).';

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Names that may appear in a message: provider ids and field keys from the catalog, and account-like names. */
const KNOWN_NAMES = new Set(bindings.flatMap((p) => [p.id, ...p.fields.map((f) => f.key)]));

/**
 * A key of the file as a message may show it. Keys are the user's text too, and a badly mangled
 * file can turn a secret into a key, so only catalog names and short account-like names are shown.
 */
function shown(key: string): string {
  return KNOWN_NAMES.has(key) || /^[a-z][a-z0-9_-]{0,23}$/.test(key) ? key : '<name not shown>';
}

/** The first place where parsed JSON is not the settings shape, as a property path; null when it is. */
function shapeProblem(parsed: unknown): string | null {
  if (!isRecord(parsed)) return 'the top level must be an object';
  if (parsed.providers === undefined) return null;
  if (!isRecord(parsed.providers)) return "'providers' must be an object";
  for (const [id, entry] of Object.entries(parsed.providers)) {
    const at = `providers.${shown(id)}`;
    if (!isRecord(entry)) return `'${at}' must be an object`;
    if (entry.accounts !== undefined) {
      if (!isRecord(entry.accounts)) return `'${at}.accounts' must be an object`;
      for (const [account, fields] of Object.entries(entry.accounts)) {
        if (!isRecord(fields)) return `'${at}.accounts.${shown(account)}' must be an object`;
        for (const [key, value] of Object.entries(fields)) {
          if (typeof value !== 'string') return `'${at}.accounts.${shown(account)}.${shown(key)}' must be a string`;
        }
      }
    }
    if (entry.base_urls !== undefined) {
      if (!isRecord(entry.base_urls)) return `'${at}.base_urls' must be an object`;
      for (const [account, servers] of Object.entries(entry.base_urls)) {
        if (!isRecord(servers)) return `'${at}.base_urls.${shown(account)}' must be an object`;
        for (const [server, value] of Object.entries(servers)) {
          if (typeof value !== 'string') return `'${at}.base_urls.${shown(account)}.${shown(server)}' must be a string`;
        }
      }
    }
    if (entry.policy !== undefined) {
      if (!isRecord(entry.policy)) return `'${at}.policy' must be an object`;
      for (const kind of ['read', 'write'] as const) {
        const value = entry.policy[kind];
        if (value !== undefined && value !== 'allow' && value !== 'deny') return `'${at}.policy.${kind}' must be "allow" or "deny"`;
      }
    }
  }
  return null;
}

/** Parse and check the file's text; every failure is a `SettingsFileError` that quotes none of it. */
export function parseSettings(text: string, path: string): Settings {
  // An editor may save a byte order mark; JSON.parse refuses it.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new SettingsFileError(`${path} is empty. ${HOW_TO_FIX}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // The SyntaxError's message can quote the text around the fault: never pass it on.
    const at = jsonErrorPosition(body);
    const where = at ? `:${at.line}:${at.column}` : '';
    throw new SettingsFileError(`${path}${where}: not valid JSON${at ? `: ${at.problem}` : ''}. ${HOW_TO_FIX}`);
  }
  const problem = shapeProblem(parsed);
  if (problem) throw new SettingsFileError(`${path}: not a switchboard settings file: ${problem}. ${HOW_TO_FIX}`);
  const settings = parsed as { providers?: Settings['providers'] };
  return { providers: settings.providers ?? {} };
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const path = settingsPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Nothing there: no file, or a file where one of its folders would be (then writing it says so).
    if (code === 'ENOENT' || code === 'ENOTDIR') return { providers: {} };
    throw new SettingsFileError(`${path} cannot be read (${code ?? 'unknown error'}); check that it is a file you can read.`);
  }
  return parseSettings(text, path);
}

/**
 * The settings a run uses. A sandbox run needs no credentials, so a broken file does not stop it:
 * it runs without the file's policies and says so on `warn`.
 */
export function readSettingsFor(sandbox: boolean, warn: (message: string) => void, env: NodeJS.ProcessEnv = process.env): Settings {
  try {
    return readSettings(env);
  } catch (error) {
    if (!sandbox || !(error instanceof SettingsFileError)) throw error;
    warn(`warning: ignoring the settings file in this sandbox run: ${error.message}\n`);
    return { providers: {} };
  }
}

/**
 * Written with mode 0600 (it holds secrets), replacing the old file atomically. A folder that cannot
 * be made or written (a read-only home, a service account's) is a settings-file error naming it and
 * the way round it, not an unexpected one; the old file is left as it was.
 */
export function writeSettings(settings: Settings, env: NodeJS.ProcessEnv = process.env): string {
  const path = settingsPath(env);
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    replaceFile(path, `${JSON.stringify(settings, null, 2)}\n`, 0o600);
  } catch (error) {
    throw new SettingsFileError(`${path} cannot be written (${errorCode(error)}); make ${dirname(path)} a folder you can write, or set SWITCHBOARD_HOME to one.`);
  }
  return path;
}
