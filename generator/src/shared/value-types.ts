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
    .map((s) => memberLabel(schema, s))
    .join(' or ');
  return schema.nullable ? `${shapes} or null` : shapes;
}

/** One shape of `schema` in words: a discriminated union's object member by its tag, `object (type: range)`. */
export function memberLabel(schema: ValueSchema, shape: SingleValueSchema): string {
  if (shape.type === 'array' && shape.items) return `array of ${shape.items.kind === 'union' || shape.items.nullable ? `(${typeLabel(shape.items)})` : typeLabel(shape.items)}`;
  const tag = schema.kind === 'union' && schema.discriminator !== null ? tagOf(shape, schema.discriminator) : undefined;
  return tag === undefined ? shape.type : `${shape.type} (${schema.kind === 'union' ? schema.discriminator : ''}: ${String(tag)})`;
}

/** The one value an object member's discriminator property takes (its one-value enum), or undefined. */
export function tagOf(shape: SingleValueSchema, discriminator: string): unknown {
  if (shape.type !== 'object') return undefined;
  const property = shape.properties?.find((p) => p.name === discriminator)?.schema;
  return property?.kind === 'single' ? property.enum?.[0] : undefined;
}

/** Whether a value is a file, or a list of files: what a multipart body sends as file parts. */
export function takesFile(schema: ValueSchema): boolean {
  return schema.kind === 'single' && (schema.type === 'file' || (schema.type === 'array' && schema.items?.kind === 'single' && schema.items.type === 'file'));
}

/** The body keys a function sends files under: its file parameters' wire names (a file takes no body path). */
export function fileKeysOf(func: Func): ReadonlySet<string> {
  return new Set(func.parameters.filter((p) => takesFile(p.schema)).map((p) => p.wireName));
}
