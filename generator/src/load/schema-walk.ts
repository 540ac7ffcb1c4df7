/** Walking a JSON Schema written in a spec (a response schema, a provider's named schemas) node by node. */

export type SchemaObject = Record<string, unknown>;
export const isSchemaObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose value maps names to subschemas (patternProperties' names are patterns too). */
export const NAMED_SUBSCHEMAS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];
/** Keywords whose value is a subschema or a list of them. */
export const SUBSCHEMAS = ['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'if', 'then', 'else', 'not', 'allOf', 'anyOf', 'oneOf'];

/**
 * Calls `visit` with every schema object in `schema` and its path from the spec's root. The path is
 * one array grown and shrunk as the walk goes: a visitor copies it to keep it. Data keywords (enum,
 * const, default, examples) are not walked: their contents are values.
 */
export function walkSchema(schema: unknown, path: Array<string | number>, visit: (node: SchemaObject, at: Array<string | number>) => void): void {
  const at = [...path];
  const walk = (node: unknown): void => {
    if (!isSchemaObject(node)) return;
    visit(node, at);
    for (const keyword of NAMED_SUBSCHEMAS) {
      const named = node[keyword];
      if (!isSchemaObject(named)) continue;
      for (const [name, sub] of Object.entries(named)) {
        at.push(keyword, name);
        walk(sub);
        at.length -= 2;
      }
    }
    for (const keyword of SUBSCHEMAS) {
      const sub = node[keyword];
      if (sub === undefined) continue;
      at.push(keyword);
      if (Array.isArray(sub)) {
        sub.forEach((item, i) => {
          at.push(i);
          walk(item);
          at.length -= 1;
        });
      } else walk(sub);
      at.length -= 1;
    }
  };
  walk(schema);
}
