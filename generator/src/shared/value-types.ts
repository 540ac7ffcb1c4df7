/** What kinds of value a value schema accepts, in words and as JSON types: shared by the loader and the emitters. */

import type { SingleValueSchema, ValueSchema, ValueType } from '../model.js';

/** The schemas a value may have: the members of a union, or the schema itself. */
export function shapesOf(schema: ValueSchema): SingleValueSchema[] {
  return schema.kind === 'union' ? schema.members : [schema];
}

/** The JSON types a value may have, in the order written. */
export function valueTypesOf(schema: ValueSchema): ValueType[] {
  return shapesOf(schema).map((s) => s.type);
}

/** `string`, `array of string`, `number or array of number`, `object or null`: the type column of docs tables. */
export function typeLabel(schema: ValueSchema): string {
  const shapes = shapesOf(schema)
    .map((s) => (s.type === 'array' && s.items ? `array of ${s.items.kind === 'union' || s.items.nullable ? `(${typeLabel(s.items)})` : typeLabel(s.items)}` : s.type))
    .join(' or ');
  return schema.nullable ? `${shapes} or null` : shapes;
}
