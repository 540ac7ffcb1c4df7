import { isNode, type Node, type OpenApiDocument } from './openapi-document.js';
import { flatten, ownExample } from './schema-shape.js';

/**
 * A value made of the document's own examples: the schema's example, or, for an object, its
 * members' examples (every required member must have one). Undefined when the document does
 * not say enough; nothing is invented.
 */
export function exampleFromSchema(doc: OpenApiDocument, schema: unknown, file: string, depth = 0): { value: unknown } | undefined {
  if (depth > 8 || schema === undefined) return undefined;
  const resolved = doc.resolve(schema, file).node;
  const direct = ownExample(isNode(schema) ? { ...resolved, ...schema } : resolved) ?? ownExample(resolved);
  if (direct) return direct;
  const { schema: node, file: at } = flatten(doc, schema, file);
  const members = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
  if (members) {
    for (const member of members) {
      const found = exampleFromSchema(doc, member, at, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (isNode(node.properties)) {
    const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
    const value: Node = {};
    for (const [key, member] of Object.entries(node.properties)) {
      const found = exampleFromSchema(doc, member, at, depth + 1);
      if (found) value[key] = found.value;
      else if (required.has(key)) return undefined;
    }
    // An object none of whose members has an example says nothing: no `{}` is made up.
    return Object.keys(value).length > 0 ? { value } : undefined;
  }
  if (node.items !== undefined) {
    const item = exampleFromSchema(doc, node.items, at, depth + 1);
    return item ? { value: [item.value] } : undefined;
  }
  return undefined;
}

/** The first example a media type object gives, as a value. */
export function mediaExample(doc: OpenApiDocument, media: Node, file: string): { value: unknown; title?: string } | undefined {
  if (media.example !== undefined) return { value: media.example };
  if (isNode(media.examples)) {
    for (const raw of Object.values(media.examples)) {
      const example = doc.resolve(raw, file).node;
      if (example.value !== undefined) return { value: example.value, ...(typeof example.summary === 'string' ? { title: example.summary } : {}) };
    }
  }
  return undefined;
}
