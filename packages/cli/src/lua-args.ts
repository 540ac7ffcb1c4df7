/**
 * Lua has one table type, so an empty `{}` reaches the host as an empty object. Where the function's
 * input schema says a value is a list (and cannot be an object), an empty table is an empty list:
 * `list_customers({ expand = {} })` means no expansions, not an invalid object.
 */

interface Schema {
  type?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}

const isEmptyTable = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;

export function emptyTablesAsLists(value: unknown, schema: Schema | undefined): unknown {
  if (!schema || value === null || typeof value !== 'object') return value;
  if (schema.type === 'array') {
    if (isEmptyTable(value)) return [];
    return Array.isArray(value) ? value.map((item) => emptyTablesAsLists(item, schema.items)) : value;
  }
  if (schema.type === 'object' && schema.properties && !Array.isArray(value)) {
    const properties = schema.properties;
    // fromEntries defines own properties: a `__proto__` argument stays a (refused) argument.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, Object.hasOwn(properties, key) ? emptyTablesAsLists(item, properties[key]) : item]));
  }
  return value;
}
