/** What kinds of value a value schema accepts, in words and as JSON types: shared by the loader and the emitters. */

import type { Func, SingleValueSchema, ValueSchema, ValueType } from '../model.js';

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

/** Whether a value is a file, or a list of files: what a multipart body sends as file parts. */
export function takesFile(schema: ValueSchema): boolean {
  return schema.kind === 'single' && (schema.type === 'file' || (schema.type === 'array' && schema.items?.kind === 'single' && schema.items.type === 'file'));
}

/** The body keys a function sends files under: its file parameters' wire names (a file takes no body path). */
export function fileKeysOf(func: Func): ReadonlySet<string> {
  return new Set(func.parameters.filter((p) => takesFile(p.schema)).map((p) => p.wireName));
}
