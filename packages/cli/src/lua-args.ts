/**
 * A Lua table's arguments as the host passes them on. Two things differ from a JSON object:
 * - Lua has one table type, so an empty `{}` reaches the host as an empty object. Where the
 *   function's input schema says a value is a list (and cannot be an object), an empty table is an
 *   empty list: `list_customers({ expand = {} })` means no expansions, not an invalid object.
 * - A table has no key order: it is hash order, which changes from run to run (Lua seeds its
 *   string hashes). Keys are put in the schema's declared order, then the rest sorted, so the same
 *   script sends the same query and body every time.
 */

import { declaredType } from './json-types.js';

interface Schema {
  type?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}

const isEmptyTable = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

export function luaArguments(value: unknown, schema: Schema | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { type } = declaredType(schema);
  if (type === 'array' && isEmptyTable(value)) return [];
  if (Array.isArray(value)) return value.map((item) => luaArguments(item, type === 'array' ? schema?.items : undefined));
  const properties = type === 'object' ? schema?.properties : undefined;
  const declared = properties ? Object.keys(properties) : [];
  const rank = (key: string) => {
    const at = declared.indexOf(key);
    return at < 0 ? declared.length : at;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  // fromEntries defines own properties: a `__proto__` argument stays a (refused) argument.
  return Object.fromEntries(keys.map((key) => {
    const item = (value as Record<string, unknown>)[key];
    return [key, luaArguments(item, properties && Object.hasOwn(properties, key) ? properties[key] : undefined)];
  }));
}
