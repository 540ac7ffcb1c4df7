import { UsageError } from './io.js';
import { declaredType } from './json-types.js';

/** Flags every command reads itself; never turned into function parameters (a parameter of such a name goes in the JSON payload). */
const RESERVED = new Set(['json', 'debug', 'dry-run', 'force', 'account', 'sandbox', 'help', 'pretty', 'base-url', 'idempotency-key', 'all', 'output']);

/** A parameter's flag, `--page-size`, or null when a CLI option of that name takes it (it can only be a JSON payload key). */
export function parameterFlag(name: string): string | null {
  const flag = name.replace(/_/g, '-');
  return RESERVED.has(flag) || !PARAMETER_FLAG.test(flag) ? null : `--${flag}`;
}

/** What a parameter flag may be called: the kebab-case form of a snake_case parameter name. */
const PARAMETER_FLAG = /^[a-z0-9][a-z0-9_-]*$/i;

/** Guess a flag value's type when the schema says nothing (unknown parameters). */
function coerce(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  if (/^-?\d+\.\d+$/.test(raw)) return Number(raw);
  if (/^[[{]/.test(raw)) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

/** One parameter flag's text values, in the order given (`true` for a bare flag). */
export type FlagValues = ReadonlyArray<string | true>;

function coerceOne(raw: string | true, type: string | undefined): unknown {
  if (raw === true) return type === 'boolean' || type === undefined ? true : raw;
  if (type === 'string') return raw;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (type === 'array') {
    const text = raw.trim();
    // One object per flag (`--line-items '{"price":"p","quantity":2}'`, repeatable): its commas are JSON's, not a list's.
    if (text.startsWith('{')) return [coerce(text)];
    if (!text.startsWith('[')) return splitList(raw);
  }
  return coerce(raw);
}

/**
 * One flag's text as list items: split at commas, except inside double quotes, so an
 * address with a display name (`"Doe, John" <john@example.com>`) stays one item. The
 * quotes stay in the item: they are part of such a value. A backslash keeps the next
 * character inside quotes (`"a \" b"`).
 */
export function splitList(raw: string): string[] {
  const items: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (quoted && char === '\\') i++;
    else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      items.push(raw.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (quoted) return raw.split(',').map((item) => item.trim());
  items.push(raw.slice(start).trim());
  return items;
}

type PropertySchema = { type?: string | string[]; anyOf?: Array<{ type?: string }> };

/**
 * A union parameter ("one number or several", "a version number or a tag"): several flags
 * make the array member; one flag's text becomes the first scalar member it reads as,
 * trying numbers and booleans before a string, so `--version 3` is 3 and `--version beta` "beta".
 */
function coerceUnion(raws: FlagValues, types: string[]): unknown {
  if (types.includes('array') && (raws.length > 1 || (typeof raws[0] === 'string' && raws[0].trim().startsWith('[')))) {
    return raws.map((raw) => coerceOne(raw, 'array')).flat();
  }
  if (raws.length > 1) return undefined;
  const raw = raws[0]!;
  for (const type of ['integer', 'number', 'boolean', 'string', 'array', 'object']) {
    if (!types.includes(type)) continue;
    const value = coerceOne(raw, type);
    const fits =
      type === 'integer' ? Number.isInteger(value) : type === 'number' ? typeof value === 'number' : type === 'boolean' ? typeof value === 'boolean' : type === 'string' ? typeof value === 'string' : true;
    if (fits) return value;
  }
  return coerce(raw === true ? 'true' : raw);
}

/**
 * Flag values arrive as text; the parameter's declared type decides what they
 * become, so `--to 15551234567` stays a string and `--page-size 10` is a number.
 * An array parameter collects every occurrence (`--to a --to b,c` is `[a, b, c]`);
 * any other parameter given twice is a usage error, never "last one wins".
 */
export function coerceFlags(flags: ReadonlyMap<string, FlagValues>, inputSchema: Record<string, unknown>): Record<string, unknown> {
  const properties = (inputSchema.properties ?? {}) as Record<string, PropertySchema>;
  const entries: [string, unknown][] = [];
  for (const [name, raws] of flags) {
    const property = Object.hasOwn(properties, name) ? properties[name]! : undefined;
    const { type, nullable } = declaredType(property);
    const unionTypes = property?.anyOf?.map((member) => member.type).filter((t): t is string => typeof t === 'string' && t !== 'null');
    // `--icon null` clears a nullable parameter; for any other parameter null still means "not given".
    if ((nullable || property?.anyOf?.some((member) => member.type === 'null')) && raws.length === 1 && raws[0] === 'null') {
      entries.push([name, null]);
      continue;
    }
    if (unionTypes && unionTypes.length > 0) {
      const value = coerceUnion(raws, unionTypes);
      if (value === undefined) throw new UsageError(`--${name.replace(/_/g, '-')} was given ${raws.length} times; '${name}' takes one value.`);
      entries.push([name, value]);
      continue;
    }
    if (type === 'array') {
      const items = raws.map((raw) => coerceOne(raw, type));
      entries.push([name, items.every(Array.isArray) ? items.flat() : items.length === 1 ? items[0] : items]);
      continue;
    }
    if (raws.length > 1) throw new UsageError(`--${name.replace(/_/g, '-')} was given ${raws.length} times; '${name}' takes one value.`);
    entries.push([name, coerceOne(raws[0]!, type)]);
  }
  // fromEntries defines own properties, so a name like __proto__ stays a (rejected) parameter instead of changing the prototype.
  return Object.fromEntries(entries);
}

export interface ParsedCall {
  positionals: string[];
  /** The JSON payload (positional or piped). */
  payload: Record<string, unknown>;
  /** `--kebab-case value` flags as snake_case names with every raw text given (`true` for a bare flag). */
  flagParams: Map<string, FlagValues>;
  flags: { json: boolean; dryRun: boolean; force: boolean; sandbox: boolean; all: boolean; account: string; baseUrls: string[]; idempotencyKey?: string; output?: string };
}

/**
 * `call` arguments: a JSON payload (positional or piped), then `--kebab-case value`
 * flags that become snake_case parameters and override the payload.
 */
export function parseCallArgs(argv: string[], stdinPayload: string | null): ParsedCall {
  const positionals: string[] = [];
  const params = new Map<string, Array<string | true>>();
  const flags: ParsedCall['flags'] = { json: false, dryRun: false, force: false, sandbox: false, all: false, account: 'default', baseUrls: [] };
  let accountGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const next = argv[i + 1];
    const takesValue = eq < 0 && next !== undefined && !next.startsWith('--');
    const value = eq >= 0 ? arg.slice(eq + 1) : takesValue ? next! : null;
    if (takesValue) i++;
    if (RESERVED.has(name)) {
      if (name === 'account') {
        if (!value) throw new UsageError('--account needs a name.');
        if (accountGiven) throw new UsageError('--account was given twice; name one account.');
        accountGiven = true;
        flags.account = value;
      } else if (name === 'idempotency-key') {
        if (!value) throw new UsageError('--idempotency-key needs a key, e.g. --idempotency-key order-4711-charge (reuse it to repeat a write safely).');
        if (flags.idempotencyKey !== undefined) throw new UsageError('--idempotency-key was given twice; one call has one key.');
        flags.idempotencyKey = value;
        continue;
      } else if (name === 'output') {
        if (!value) throw new UsageError('--output needs a path, e.g. --output recording.mp3, a folder (downloads/), or - for stdout.');
        if (flags.output !== undefined) throw new UsageError('--output was given twice; one call saves one file.');
        flags.output = value;
        continue;
      } else if (name === 'base-url') {
        if (!value) throw new UsageError('--base-url needs a URL, e.g. --base-url http://127.0.0.1:8080 (or server=URL).');
        flags.baseUrls.push(value);
        continue;
      } else if (name === 'json') flags.json = true;
      else if (name === 'dry-run') flags.dryRun = true;
      else if (name === 'force') flags.force = true;
      else if (name === 'sandbox') flags.sandbox = true;
      else if (name === 'all') flags.all = true;
      if (name !== 'account' && takesValue) positionals.push(value!);
      continue;
    }
    if (!PARAMETER_FLAG.test(name)) throw new UsageError(`--${name} is not a parameter flag: parameters are written --kebab-case, e.g. --page-size 10.`);
    const param = name.replace(/-/g, '_');
    params.set(param, [...(params.get(param) ?? []), value === null ? true : value]);
  }
  const payloadText = positionals.length > 1 ? positionals[1]! : stdinPayload;
  let payload: Record<string, unknown> = {};
  if (payloadText !== null && payloadText.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payloadText);
    } catch (error) {
      throw new UsageError(`the JSON payload does not parse: ${(error as Error).message}.`, { code: 'invalid_payload' });
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError('JSON payload must decode to an object.', { code: 'invalid_payload' });
    payload = parsed as Record<string, unknown>;
  }
  return { positionals, payload, flagParams: params, flags };
}
