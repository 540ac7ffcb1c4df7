/**
 * A parameter's transforms, applied in the order the spec lists them, on the
 * way from the caller's value to the wire value. Scalar transforms apply to
 * each element of an array, so `strip_plus` works on a list of numbers too.
 */

import { ArgumentValueError } from './errors.js';
import type { Transform } from './spec.js';

/** Thrown for a value a transform cannot convert; the caller names the parameter. */
export class TransformError extends ArgumentValueError {}

export function applyTransforms(value: unknown, transforms: Transform[]): unknown {
  return transforms.length === 0 ? value : transforms.reduce(applyOne, value);
}

function applyOne(value: unknown, transform: Transform): unknown {
  switch (transform.kind) {
    case 'wrap_in_array':
      return Array.isArray(value) ? value : [value];
    case 'join':
      return Array.isArray(value) ? value.map(String).join(transform.separator) : value;
    case 'seconds_to_milliseconds':
      // Rounded: 1.1 * 1000 is 1100.0000000000002 in floating point.
      return eachScalar(value, (v) => (typeof v === 'number' ? Math.round(v * 1000) : v));
    case 'strip_plus':
      return eachScalar(value, (v) => (typeof v === 'string' && v.startsWith('+') ? v.slice(1) : v));
    case 'map':
      return eachScalar(value, (v) => (Object.hasOwn(transform.values, String(v)) ? transform.values[String(v)] : v));
    case 'datetime_format':
      return eachScalar(value, (v) => (typeof v === 'string' ? formatDatetime(v, transform.format) : v));
  }
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
