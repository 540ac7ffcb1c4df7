/**
 * Flattening a parameter value into `key=value` pairs, for query strings and
 * form bodies alike. Wire names are used verbatim (`page[size]`,
 * `message_time__gte`, `filter.status`); the serializer percent-encodes them.
 */

import { ArgumentValueError } from './errors.js';
import { inParameterOrder, type QueryEntry } from './param-plan.js';
import type { OperationSpec, ParamSpec } from './spec.js';

export type Pairs = Array<[string, string]>;

/** A value the query cannot carry; the caller names the parameter. */
export class QueryValueError extends ArgumentValueError {}

export function toPairs(key: string, value: unknown, arrayFormat: NonNullable<ParamSpec['arrayFormat']>): Pairs {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    const present = value.filter((v) => v !== undefined && v !== null);
    // Indexed is the one style that can carry objects in a list (Stripe `items[0][price]=p`), so it recurses.
    if (arrayFormat === 'indexed') return present.flatMap((v, i) => toPairs(`${key}[${i}]`, v, arrayFormat));
    const items = present.map((v) => scalar(v, key));
    if (items.length === 0) return [];
    if (arrayFormat === 'comma') return [[key, items.join(',')]];
    if (arrayFormat === 'brackets') return items.map((v) => [`${key}[]`, v]);
    return items.map((v) => [key, v]);
  }
  if (typeof value === 'object') {
    // Deep-object style: {status: 'active'} under `filter` → filter[status]=active. A key with a bracket
    // would change the structure the provider reads (`a][b` makes `k[a][b]`), so it is refused.
    return Object.entries(value).flatMap(([sub, v]) => {
      if (sub.includes('[') || sub.includes(']')) throw new QueryValueError(`cannot be sent in ${key}: the key ${JSON.stringify(sub)} has a bracket, which would nest it as another key`);
      return toPairs(`${key}[${sub}]`, v, arrayFormat);
    });
  }
  return [[key, scalar(value, key)]];
}

/**
 * The query's pairs from its parameters' entries, in the caller's order but for a key several
 * parameters send (in parameter order): the part of operations with query parameters
 * (`OperationParts.query`), so that a program calling none bundles no ordering.
 */
export function queryPairs(op: OperationSpec, entries: QueryEntry[]): Pairs {
  return inParameterOrder(op, entries).flatMap((entry) => entry.pairs);
}

function scalar(value: unknown, key: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new QueryValueError(`cannot be sent in ${key}: only strings, numbers, booleans, arrays of them and objects of them can (got ${JSON.stringify(value) ?? typeof value})`);
}

/** `a=1&page%5Bsize%5D=10`: form encoding, as the providers' own examples show (`+` for space). */
export function serializePairs(pairs: Pairs): string {
  // Most requests have no query at all: no URLSearchParams for them.
  return pairs.length === 0 ? '' : new URLSearchParams(pairs).toString();
}
