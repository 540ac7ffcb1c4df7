import { UsageError } from './io.js';

/** Flags every command reads itself; never turned into function parameters. */
const RESERVED = new Set(['json', 'dry-run', 'force', 'account', 'sandbox', 'help', 'pretty']);

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

/**
 * Flag values arrive as text; the parameter's declared type decides what they
 * become, so `--to 15551234567` stays a string and `--page-size 10` is a number.
 */
export function coerceFlags(flags: Record<string, string | true>, inputSchema: Record<string, unknown>): Record<string, unknown> {
  const properties = (inputSchema.properties ?? {}) as Record<string, { type?: string }>;
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(flags)) {
    const type = properties[name]?.type;
    if (raw === true) out[name] = type === 'boolean' || type === undefined ? true : raw;
    else if (type === 'string') out[name] = raw;
    else if (type === 'integer' || type === 'number') out[name] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    else if (type === 'boolean') out[name] = raw === 'true' ? true : raw === 'false' ? false : raw;
    else if (type === 'array' && !raw.trim().startsWith('[')) out[name] = raw.split(',').map((v) => v.trim());
    else out[name] = coerce(raw);
  }
  return out;
}

export interface ParsedCall {
  positionals: string[];
  /** The JSON payload (positional or piped). */
  payload: Record<string, unknown>;
  /** `--kebab-case value` flags as snake_case names with their raw text (`true` for a bare flag). */
  flagParams: Record<string, string | true>;
  flags: { json: boolean; dryRun: boolean; force: boolean; sandbox: boolean; account: string };
}

/**
 * `call` arguments: a JSON payload (positional or piped), then `--kebab-case value`
 * flags that become snake_case parameters and override the payload.
 */
export function parseCallArgs(argv: string[], stdinPayload: string | null): ParsedCall {
  const positionals: string[] = [];
  const params: Record<string, string | true> = {};
  const flags = { json: false, dryRun: false, force: false, sandbox: false, account: 'default' };
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
        flags.account = value;
      } else if (name === 'json') flags.json = true;
      else if (name === 'dry-run') flags.dryRun = true;
      else if (name === 'force') flags.force = true;
      else if (name === 'sandbox') flags.sandbox = true;
      if (name !== 'account' && takesValue) positionals.push(value!);
      continue;
    }
    params[name.replace(/-/g, '_')] = value === null ? true : value;
  }
  const payloadText = positionals.length > 1 ? positionals[1]! : stdinPayload;
  let payload: Record<string, unknown> = {};
  if (payloadText !== null && payloadText.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payloadText);
    } catch (error) {
      throw new UsageError(`the JSON payload does not parse: ${(error as Error).message}.`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError('JSON payload must decode to an object.');
    payload = parsed as Record<string, unknown>;
  }
  return { positionals, payload, flagParams: params, flags };
}
