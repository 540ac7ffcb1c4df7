/**
 * What a host value (an integration's response, a docs page) becomes before it goes to Lua:
 * JSON-shaped data, by the converter's policy (see convert.ts): `toJSON` is honoured; functions,
 * symbols and undefined are dropped (in arrays they become holes, as null does); class instances
 * give their own enumerable fields; bigint stays bigint; nesting is capped at MAX_DEPTH levels and
 * a value that contains itself is refused.
 *
 * The pool applies it on the main thread before posting a reply, so what it posts can always be
 * structured-cloned: a 4,500-level response overflowed the clone's stack, and a function next to a
 * BigInt defeated both the clone and the JSON fallback, each killing the host with an uncaught error.
 */
import { MAX_DEPTH } from './convert.js';

export type PlainData = null | boolean | number | bigint | string | PlainData[] | { [key: string]: PlainData };

/** Why a host value is not data; the message reads after "the response", e.g. "is nested deeper than 200 levels". */
export class HostValueError extends Error {}

export function toPlainData(value: unknown): PlainData {
  return plain(value, 0, new Set());
}

/** The Lua error text for a host value that is not data, e.g. "app.integrations.x.f: the response is nested deeper than 200 levels". */
export function responseError(label: string, err: HostValueError): string {
  return `${label}: the response ${err.message}`;
}

function plain(v: unknown, depth: number, ancestors: Set<object>): PlainData {
  switch (typeof v) {
    case 'boolean':
    case 'number':
    case 'bigint':
    case 'string':
      return v;
    case 'object':
      return v === null ? null : object(v, depth + 1, ancestors);
    default: // undefined, functions, symbols: not data
      return null;
  }
}

function object(v: object, depth: number, ancestors: Set<object>): PlainData {
  if (depth > MAX_DEPTH) throw new HostValueError(`is nested deeper than ${MAX_DEPTH} levels`);
  const json = read(() => (v as { toJSON?: unknown }).toJSON);
  if (typeof json === 'function') return plain(read(() => json.call(v) as unknown), depth - 1, ancestors);
  if (ancestors.has(v)) throw new HostValueError('contains itself');
  ancestors.add(v);
  let out: PlainData;
  if (Array.isArray(v)) {
    out = Array.from(v as unknown[], (item) => plain(item, depth, ancestors));
  } else {
    const fields: Record<string, PlainData> = {};
    for (const key of Object.keys(v)) {
      const item = read(() => (v as Record<string, unknown>)[key]);
      if (item === null || item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      fields[key] = plain(item, depth, ancestors);
    }
    out = fields;
  }
  ancestors.delete(v);
  return out;
}

/** A getter or toJSON that throws makes the value unreadable, not the host crash. */
function read<T>(get: () => T): T {
  try {
    return get();
  } catch (err) {
    if (err instanceof HostValueError) throw err;
    throw new HostValueError(`cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}
