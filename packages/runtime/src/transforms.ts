/**
 * A parameter's transforms, applied in the order the spec lists them, on the
 * way from the caller's value to the wire value. Scalar transforms apply to
 * each element of an array, so `strip_plus` works on a list of numbers too.
 */

import { ArgumentValueError, SwitchboardError } from './errors.js';
import type { Transform } from './spec.js';

/** Thrown for a value a transform cannot convert; the caller names the parameter. */
export class TransformError extends ArgumentValueError {}

/** One transform kind's code: the value in, the wire value out. */
export type TransformFn<K extends Transform['kind'] = Transform['kind']> = (value: unknown, transform: Extract<Transform, { kind: K }>) => unknown;

/** The code of the transform kinds an operation uses (`OperationSpec.parts.transforms`), by kind. */
export type Transforms = { [K in Transform['kind']]?: TransformFn<K> };

/** Each kind on its own, so a generated operation imports only the kinds its parameters use. */
export const wrapInArrayTransform: TransformFn<'wrap_in_array'> = (value) => (Array.isArray(value) ? value : [value]);
export const joinTransform: TransformFn<'join'> = (value, t) => (Array.isArray(value) ? value.map(String).join(t.separator) : value);
// Rounded: 1.1 * 1000 is 1100.0000000000002 in floating point.
export const secondsToMillisecondsTransform: TransformFn<'seconds_to_milliseconds'> = (value) => eachScalar(value, (v) => (typeof v === 'number' ? Math.round(v * 1000) : v));
export const stripPlusTransform: TransformFn<'strip_plus'> = (value) => eachScalar(value, (v) => (typeof v === 'string' && v.startsWith('+') ? v.slice(1) : v));
export const mapTransform: TransformFn<'map'> = (value, t) => eachScalar(value, (v) => (Object.hasOwn(t.values, String(v)) ? t.values[String(v)] : v));
export const datetimeFormatTransform: TransformFn<'datetime_format'> = (value, t) => eachScalar(value, (v) => (typeof v === 'string' ? formatDatetime(v, t.format) : v));
function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON.stringify's replacer for sorted keys (integer-like keys still come first, as JavaScript enumerates them). */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}
/** Each UTF-16 code unit past ASCII (so a character beyond the BMP becomes its surrogate pair, as JSON writes it). */
const NOT_ASCII = /[\u007f-\uffff]/g;
/**
 * The whole value as JSON text, object keys in code-unit order at every depth: a Lua table has no
 * key order, so the same call from Lua, TypeScript, the CLI or MCP sends the same text. A string
 * (the other member of a union: JSON text already written) is sent as it is, once it parses: text
 * that is not JSON fails before sending, naming the parameter, instead of at the provider.
 */
export const jsonEncodeTransform: TransformFn<'json_encode'> = (value, t) => {
  if (typeof value === 'string') {
    if (!isJsonText(value)) throw new TransformError(`must be JSON text when given as a string (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)})`);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const text = JSON.stringify(value, sortedKeys);
  return t.asciiOnly ? text.replace(NOT_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
};

/** Every kind, for hand-written operations (`allParts`); the generator names each kind's constant from this table. */
export const allTransforms: Required<Transforms> = {
  wrap_in_array: wrapInArrayTransform,
  join: joinTransform,
  seconds_to_milliseconds: secondsToMillisecondsTransform,
  strip_plus: stripPlusTransform,
  map: mapTransform,
  datetime_format: datetimeFormatTransform,
  json_encode: jsonEncodeTransform,
};

/** `value` through each of `transforms` in order, with the code `kinds` carries for each kind. */
export function applyTransforms(value: unknown, transforms: Transform[], kinds: Transforms): unknown {
  let out = value;
  for (const transform of transforms) {
    const fn = kinds[transform.kind] as TransformFn | undefined;
    if (fn === undefined) throw new SwitchboardError(`The transform '${transform.kind}' has no code in the operation's parts (regenerate its client).`);
    out = fn(out, transform);
  }
  return out;
}

function eachScalar(value: unknown, fn: (v: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(fn) : fn(value);
}

const TOKENS = /YYYY|MM|DD|HH|mm|ss|SSS/g;

/** `2026-11-01T02:00:00+02:00` with `YYYY-MM-DD HH:mm:ss` → `2026-11-01 00:00:00` (UTC). */
export function formatDatetime(iso: string, format: string): string {
  // Date.parse alone also accepts non-ISO strings like "Nov 1"; insist on the ISO shape.
  const match = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(iso);
  // A date-time without an offset would be read as local time; the contract says UTC.
  const utc = match && iso.length > 10 && match[1] === undefined ? `${iso.replace(' ', 'T')}Z` : iso.replace(' ', 'T');
  const time = match ? Date.parse(utc) : NaN;
  if (Number.isNaN(time)) throw new TransformError(`must be an ISO-8601 date-time such as 2026-11-20T14:03:11Z (got ${JSON.stringify(iso)})`);
  const d = new Date(time);
  const parts: Record<string, string> = {
    YYYY: String(d.getUTCFullYear()).padStart(4, '0'),
    MM: pad(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate()),
    HH: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
    SSS: String(d.getUTCMilliseconds()).padStart(3, '0'),
  };
  return format.replace(TOKENS, (token) => parts[token] as string);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
