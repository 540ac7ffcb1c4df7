import { isNode, type Node, type OpenApiDocument } from './openapi-document.js';
import { flatten, jsonTypes, unsafeInteger } from './schema-shape.js';

/** Levels of inline nesting kept in one schema; deeper values are left unconstrained (`{}`). */
const MAX_DEPTH = 6;

/**
 * Response schemas in draft-07 JSON Schema, with the document's named component schemas
 * kept as the provider's `schemas:` (`$ref: '#/schemas/Name'`). The format forbids cycles
 * among named schemas, so a ref back into a schema still being converted becomes `{}`.
 */
export class ResponseSchemas {
  /** Named schemas in the order they were first reached, which is the document's order of use. */
  readonly named = new Map<string, Node>();
  private readonly inProgress = new Set<string>();
  private readonly namesByKey = new Map<string, string>();
  private readonly takenNames = new Set<string>();

  constructor(private readonly doc: OpenApiDocument) {}

  convert(schema: unknown, file: string, depth = 0): Node {
    const ref = isNode(schema) && typeof schema.$ref === 'string' ? schema.$ref : undefined;
    if (ref) {
      const resolved = this.doc.resolve(schema, file);
      if (resolved.componentName) return this.namedRef(resolved.componentName, resolved.node, resolved.file, ref);
    }
    if (depth > MAX_DEPTH) return {};
    const { schema: node, file: at } = flatten(this.doc, schema, file);
    const members = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
    if (members && members.length > 0) {
      const anyOf = members.map((m) => this.convert(m, at, depth + 1));
      return anyOf.some((m) => Object.keys(m).length === 0) ? {} : { anyOf };
    }
    const { types, nullable } = jsonTypes(node);
    const out: Node = {};
    if (types.length > 0) out.type = types.length === 1 && !nullable ? types[0] : nullable ? [...types, 'null'] : types;
    // Integers past ±2^53 cannot be written in a spec; an enum without them would refuse the values they were.
    if (Array.isArray(node.enum) && node.enum.length > 0 && !node.enum.some(unsafeInteger)) out.enum = nullable && !node.enum.includes(null) ? [...node.enum, null] : node.enum;
    if (types.includes('object') && isNode(node.properties)) {
      const required = Array.isArray(node.required) ? node.required.map(String).filter((r) => r in (node.properties as Node)) : [];
      if (required.length > 0) out.required = required;
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([key, value]) => [key, this.convert(value, at, depth + 1)]));
      if (node.additionalProperties === true) out.additionalProperties = true;
    } else if (types.includes('object')) {
      const extra = node.additionalProperties;
      if (isNode(extra) && Object.keys(extra).length > 0) out.additionalProperties = this.convert(extra, at, depth + 1);
    }
    if (types.includes('array') && node.items !== undefined) out.items = this.convert(node.items, at, depth + 1);
    return out;
  }

  private namedRef(component: string, node: Node, file: string, ref: string): Node {
    const key = `${file}#${ref.slice(ref.indexOf('#'))}`;
    let name = this.namesByKey.get(key);
    if (name === undefined) {
      name = uniqueSchemaName(component, this.takenNames);
      this.namesByKey.set(key, name);
    }
    if (this.inProgress.has(name)) return {};
    if (!this.named.has(name)) {
      this.inProgress.add(name);
      // Reserve the slot first so the order follows first use, not completion.
      this.named.set(name, {});
      this.named.set(name, this.convert(withoutRef(node), file, 0));
      this.inProgress.delete(name);
    }
    return { $ref: `#/schemas/${name}` };
  }
}

function uniqueSchemaName(component: string, taken: Set<string>): string {
  const base = component.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^[^A-Za-z]+/, '') || 'Schema';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

function withoutRef(node: Node): Node {
  const { $ref: _ref, ...rest } = node;
  return rest;
}
