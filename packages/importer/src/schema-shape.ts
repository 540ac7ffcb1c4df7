import { isNode, type Node, type OpenApiDocument } from './openapi-document.js';

/** The JSON types a schema allows, from `type` (3.1 lists, 3.0 `nullable`) or, without one, from its keywords. */
export function jsonTypes(schema: Node): { types: string[]; nullable: boolean } {
  const raw = Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === 'string' ? [schema.type] : [];
  const nullable = raw.includes('null') || schema.nullable === true || (Array.isArray(schema.enum) && schema.enum.includes(null));
  let types = raw.filter((t) => t !== 'null');
  if (types.length === 0) {
    if (isNode(schema.properties) || schema.additionalProperties !== undefined) types = ['object'];
    else if (schema.items !== undefined) types = ['array'];
    else if (Array.isArray(schema.enum) && schema.enum.length > 0) types = [...new Set(schema.enum.filter((v) => v !== null).map(valueType))];
  }
  return { types, nullable };
}

/**
 * Whether a number is an integer a JavaScript number does not hold exactly (beyond ±(2^53 − 1)):
 * the parse has already rounded it, and the spec format refuses it where it is written.
 */
export function unsafeInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/** Dotted paths (`config.flush_ms`, `items.0.id`) of the unsafe integers in a value, at most `limit`. */
export function unsafeIntegerPaths(value: unknown, limit = 3, prefix = ''): string[] {
  if (unsafeInteger(value)) return [prefix || '(the value)'];
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (found.length >= limit) break;
    found.push(...unsafeIntegerPaths(member, limit - found.length, prefix ? `${prefix}.${key}` : key));
  }
  return found;
}

export function valueType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * One schema with its `$ref` followed and its `allOf` members merged into it
 * (properties and required lists joined), the shape most documents mean by allOf.
 */
export function flatten(doc: OpenApiDocument, schema: unknown, file: string): { schema: Node; file: string; name?: string } {
  const resolved = doc.resolve(schema, file);
  const node = withConstantsAsEnum(doc, withPropertiesResolved(doc, resolved.node, resolved.file), resolved.file);
  if (!Array.isArray(node.allOf)) return { schema: node, file: resolved.file, ...(resolved.componentName ? { name: resolved.componentName } : {}) };
  const merged: Node = { ...node };
  delete merged.allOf;
  const properties: Node = {};
  const required = new Set<string>(Array.isArray(node.required) ? node.required.map(String) : []);
  for (const member of node.allOf) {
    const flat = flatten(doc, member, resolved.file);
    // A member from another file brings refs written for that file: rebase them before they join this node.
    const part = flat.file === resolved.file ? flat.schema : (doc.rebased(flat.schema, flat.file) as Node);
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' && isNode(value)) Object.assign(properties, value);
      else if (key === 'required' && Array.isArray(value)) value.forEach((r) => required.add(String(r)));
      else if (!(key in merged)) merged[key] = value;
    }
  }
  if (isNode(node.properties)) Object.assign(properties, node.properties);
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  if (merged.type === undefined && Object.keys(properties).length > 0) merged.type = 'object';
  return { schema: merged, file: resolved.file, ...(resolved.componentName ? { name: resolved.componentName } : {}) };
}

/**
 * `const` as the one-value enum it is, and a `oneOf`/`anyOf` whose every member is a constant
 * (Discord's way to give each value a title) as the enum of those values; else the schema as it is.
 */
function withConstantsAsEnum(doc: OpenApiDocument, node: Node, file: string): Node {
  const members = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
  if (members && members.length > 0) {
    const values: unknown[] = [];
    for (const member of members) {
      const m = doc.resolve(member, file).node;
      if (m.const !== undefined) values.push(m.const);
      else if (Array.isArray(m.enum) && m.enum.length === 1) values.push(m.enum[0]);
      else return node;
      if (isNode(m.properties) || m.items !== undefined) return node;
    }
    const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = node;
    return { ...rest, enum: values };
  }
  if (node.const !== undefined && node.enum === undefined) {
    const { const: value, ...rest } = node;
    return { ...rest, enum: [value] };
  }
  return node;
}

/**
 * A schema whose `properties` is itself a `$ref` (DigitalOcean's documents share property maps
 * that way) with the map it names in place, its refs rebased to this file; else the schema as it is.
 * JSON Schema would read it as one property called `$ref`, which no API means.
 */
function withPropertiesResolved(doc: OpenApiDocument, node: Node, file: string): Node {
  const properties = node.properties;
  if (!isNode(properties) || typeof properties.$ref !== 'string') return node;
  const { $ref: _ref, ...beside } = properties;
  const target = doc.resolve(properties, file);
  const named = target.file === file ? target.node : (doc.rebased(target.node, target.file) as Node);
  return { ...node, properties: { ...named, ...beside } };
}

/** The first example a schema or parameter gives: `example`, then `examples` (3.1 list or 3.0 map of `value`s). */
export function ownExample(node: Node): { value: unknown } | undefined {
  if (node.example !== undefined) return { value: node.example };
  if (Array.isArray(node.examples) && node.examples.length > 0) return { value: node.examples[0] };
  if (isNode(node.examples)) {
    const first = Object.values(node.examples).find((e) => isNode(e) && e.value !== undefined) as Node | undefined;
    if (first) return { value: first.value };
  }
  return undefined;
}

/** Formats the spec format knows, from OpenAPI's names for them. */
export function knownFormat(format: unknown): string | undefined {
  switch (format) {
    case 'email':
    case 'uuid':
    case 'date':
    case 'date-time':
    case 'uri':
      return format;
    case 'url':
      return 'uri';
    case 'e164':
      return 'e164';
    default:
      return undefined;
  }
}

/**
 * A pattern the spec format accepts: a JavaScript `u` expression without the constructs RE2
 * cannot run (lookaround, backreferences), which the loader would refuse.
 */
export function portablePattern(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return undefined;
  if (/\(\?[=!<]|\\[1-9]|\\k</.test(pattern)) return undefined;
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return undefined;
  }
}
