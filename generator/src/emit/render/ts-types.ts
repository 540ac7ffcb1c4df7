import type { JsonSchema, ValueSchema } from '../../model.js';
import { docLine as doc } from '../escape/jsdoc.js';
import { tsTypeKey as key } from '../escape/ts.js';

/** A literal type of an enum or const value: JSON is valid TypeScript for strings, numbers, booleans and null. */
const literal = (value: unknown) => JSON.stringify(value);

/** TypeScript type of a parameter value, from the model's value schema. */
export function valueType(schema: ValueSchema, indent = ''): string {
  const shape = shapeType(schema, indent);
  return schema.nullable ? `${shape} | null` : shape;
}

function shapeType(schema: ValueSchema, indent: string): string {
  // Members never share a JSON type, so the union of their types says exactly what the value may be.
  if (schema.kind === 'union') return schema.members.map((member) => valueType(member, indent)).join(' | ');
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    // The runtime's type; a module that prints it imports it (`typesFile`).
    case 'file':
      return 'FileInput';
    case 'array': {
      const item = schema.items ? valueType(schema.items, indent) : 'unknown';
      // A fixed short length is a pair or a triple (`[lower, upper]`): say so in the type.
      if (schema.minItems !== null && schema.minItems === schema.maxItems && schema.minItems >= 1 && schema.minItems <= 4) {
        return `[${Array.from({ length: schema.minItems }, () => item).join(', ')}]`;
      }
      return `Array<${item}>`;
    }
    case 'object': {
      const extra =
        schema.additionalProperties === true
          ? 'unknown'
          : schema.additionalProperties === false
            ? null
            : valueType(schema.additionalProperties, indent);
      if (!schema.properties || schema.properties.length === 0) return extra ? `Record<string, ${extra}>` : 'Record<string, never>';
      const inner = `${indent}  `;
      const members = schema.properties.map(
        (p) => `${inner}${doc(p.schema.description).replace(/\n$/, `\n${inner}`)}${key(p.name)}${p.required ? '' : '?'}: ${valueType(p.schema, inner)};`,
      );
      if (extra) members.push(`${inner}[key: string]: ${extra === 'unknown' ? 'unknown' : `${extra} | undefined`};`);
      return `{\n${members.join('\n')}\n${indent}}`;
    }
  }
}

/** Schemas (by identity) that have a declared type of their own, printed as that type's name. */
export type NamedSchemas = ReadonlyMap<object, string>;
const NONE: NamedSchemas = new Map();

/**
 * TypeScript type of a JSON Schema (response bodies): the subset our specs use. A sub-schema in
 * `named` prints as its name, so a page's item type is declared once and the page refers to it.
 */
export function jsonSchemaType(schema: JsonSchema | undefined, indent = '', named: NamedSchemas = NONE): string {
  if (!schema || typeof schema !== 'object') return 'unknown';
  const name = named.get(schema);
  if (name !== undefined) return name;
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(' | ');
  if ('const' in schema) return literal(schema.const);
  const union = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) {
    const base = { ...schema };
    delete base.oneOf;
    delete base.anyOf;
    const hasBase = Object.keys(base).some((k) => k === 'type' || k === 'properties');
    const branches = union.map((branch) => jsonSchemaType(hasBase ? mergeObject(base, branch) : branch, indent, named));
    return branches.map((b) => (branches.length > 1 && b.includes('|') ? `(${b})` : b)).join(' | ');
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length === 0) return schema.properties ? objectType(schema, indent, named) : 'unknown';
  return types.map((t) => single(t, schema, indent, named)).join(' | ');
}

function mergeObject(base: JsonSchema, branch: JsonSchema): JsonSchema {
  return {
    ...base,
    ...branch,
    properties: { ...((base.properties as object) ?? {}), ...((branch.properties as object) ?? {}) },
    required: [...((base.required as string[]) ?? []), ...((branch.required as string[]) ?? [])],
  };
}

function single(type: string, schema: JsonSchema, indent: string, named: NamedSchemas): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = jsonSchemaType(schema.items as JsonSchema | undefined, indent, named);
      return `Array<${item}>`;
    }
    case 'object':
      return objectType(schema, indent, named);
    default:
      return 'unknown';
  }
}

function objectType(schema: JsonSchema, indent: string, named: NamedSchemas): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[]) ?? []);
  const names = Object.keys(properties);
  const additional = schema.additionalProperties;
  if (names.length === 0) {
    return additional && typeof additional === 'object' ? `Record<string, ${jsonSchemaType(additional as JsonSchema, indent, named)}>` : 'Record<string, unknown>';
  }
  const inner = `${indent}  `;
  const members = names.map((name) => {
    const property = properties[name]!;
    const description = typeof property.description === 'string' ? property.description : null;
    return `${inner}${doc(description).replace(/\n$/, `\n${inner}`)}${key(name)}${required.has(name) ? '' : '?'}: ${jsonSchemaType(property, inner, named)};`;
  });
  // Providers add response fields over time; unknown ones stay reachable rather than being typed away,
  // unless the schema says there are none (`additionalProperties: false`): then a misspelt name fails to compile.
  if (additional !== false) members.push(`${inner}[key: string]: unknown;`);
  return `{\n${members.join('\n')}\n${indent}}`;
}
