import { isNode, type Node, type OpenApiDocument } from './openapi-document.js';
import { flatten, jsonTypes, knownFormat, portablePattern, unsafeInteger, valueType } from './schema-shape.js';

/** A parameter or nested property in the spec format's own keywords (`min_length`, `required: true`, …). */
export type SpecSchema = Record<string, unknown>;

/** Objects deeper than this become free-form maps: past it a script author reads the provider's docs anyway. */
const MAX_DEPTH = 4;
const NESTED_KEY = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface ParameterSchemaContext {
  doc: OpenApiDocument;
  /** Things a person should look at, said once each. */
  note: (message: string) => void;
  /** The value lands in a JSON body, where a nullable schema becomes `nullable: true` (elsewhere null cannot be sent). */
  nullsSent?: boolean;
}

/**
 * An OpenAPI schema as a spec-format value schema: type, enum, format, bounds and, for objects
 * and arrays, their members. Objects stay objects (flattening a body's `address` into
 * `address_city` would lose what belongs together); what the format cannot say is widened and noted.
 */
export function parameterSchema(ctx: ParameterSchemaContext, schema: unknown, file: string, where: string, depth = 0, seen: string[] = []): SpecSchema {
  const { schema: node, file: at, name } = flatten(ctx.doc, schema, file);
  if (name && seen.includes(name)) return { type: 'object', additional_properties: true };
  const inner = name ? [...seen, name] : seen;
  const union = unionMembers(node);
  if (union) return unionSchema(ctx, union, at, where, depth, inner, discriminatorOf(node));
  const { types, nullable } = jsonTypes(node);
  const type = types.length === 1 ? types[0]! : undefined;
  if (!type) {
    if (types.length > 1) return unionSchema(ctx, types.map((t) => ({ ...node, type: t })), at, where, depth, inner);
    ctx.note(`${where}: the document gives no type; taken as a free-form object.`);
    return { type: 'object', additional_properties: true };
  }
  const out: SpecSchema = { type };
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((v) => v !== null && valueType(v) === type || (type === 'number' && typeof v === 'number'));
    const safe = values.filter((v) => !unsafeInteger(v));
    if (safe.length < values.length) ctx.note(`${where}: enum values beyond ±2^53 (which a JavaScript number cannot hold exactly) were left out${safe.length > 0 ? '' : ', and with them the enum'}.`);
    if (safe.length > 0) out.enum = safe;
  }
  if (type === 'string') {
    const format = knownFormat(node.format);
    if (format) out.format = format;
    if (typeof node.minLength === 'number') out.min_length = node.minLength;
    if (typeof node.maxLength === 'number') out.max_length = node.maxLength;
    const pattern = portablePattern(node.pattern);
    if (pattern) out.pattern = pattern;
    else if (node.pattern !== undefined) ctx.note(`${where}: pattern ${JSON.stringify(node.pattern)} cannot run in linear time (RE2), so it was left out.`);
  }
  if (type === 'integer' || type === 'number') {
    // A bound past ±2^53 (int64's limits, as Discord's and DigitalOcean's documents give them) says nothing a JavaScript number can reach.
    if (typeof node.minimum === 'number' && !unsafeInteger(node.minimum)) out.minimum = node.minimum;
    if (typeof node.maximum === 'number' && !unsafeInteger(node.maximum)) out.maximum = node.maximum;
  }
  if (type === 'array') {
    if (node.items !== undefined) out.items = stripDescription(parameterSchema(ctx, node.items, at, `${where}[]`, depth + 1, inner));
    else out.items = { type: 'string' };
    if (typeof node.minItems === 'number') out.min_items = node.minItems;
    if (typeof node.maxItems === 'number') out.max_items = node.maxItems;
  }
  if (type === 'object') Object.assign(out, objectMembers(ctx, node, at, where, depth, inner));
  if (node.default !== undefined && fits(node.default, out) && !unsafeInteger(node.default)) out.default = node.default;
  else if (unsafeInteger(node.default)) ctx.note(`${where}: its default ${String(node.default)} is beyond ±2^53, which a JavaScript number cannot hold exactly; left out.`);
  if (nullable && ctx.nullsSent === true) out.nullable = true;
  return out;
}

function objectMembers(ctx: ParameterSchemaContext, node: Node, file: string, where: string, depth: number, seen: string[]): SpecSchema {
  const properties = isNode(node.properties) ? Object.entries(node.properties) : [];
  if (properties.length === 0 || depth >= MAX_DEPTH) {
    if (properties.length > 0) ctx.note(`${where}: nested deeper than ${MAX_DEPTH} levels; its members are taken as a free-form object.`);
    const extra = node.additionalProperties;
    if (isNode(extra) && saysAType(ctx, extra, file) && depth < MAX_DEPTH) return { additional_properties: stripDescription(parameterSchema(ctx, extra, file, `${where}.*`, depth + 1, seen)) };
    return { additional_properties: true };
  }
  const unnamable = properties.map(([key]) => key).filter((key) => !NESTED_KEY.test(key));
  if (unnamable.length > 0) {
    ctx.note(`${where}: member names ${unnamable.join(', ')} are not identifiers the format can nest; the object is taken as free-form.`);
    return { additional_properties: true };
  }
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  const members: Record<string, SpecSchema> = {};
  for (const [key, value] of properties) {
    const member = parameterSchema(ctx, value, file, `${where}.${key}`, depth + 1, seen);
    const described = describedAs(ctx.doc, value, file);
    const ordered: SpecSchema = { ...member };
    if (described) ordered.description = described;
    if (required.has(key)) ordered.required = true;
    members[key] = ordered;
  }
  const out: SpecSchema = { properties: members };
  const extra = node.additionalProperties;
  if (extra === true || (isNode(extra) && !saysAType(ctx, extra, file))) out.additional_properties = true;
  else if (isNode(extra)) out.additional_properties = stripDescription(parameterSchema(ctx, extra, file, `${where}.*`, depth + 1, seen));
  return out;
}

/**
 * Whether a schema says anything about the type of its values. One that does not (`{}`, or an
 * allOf of descriptions and examples, as Box's map values are) allows any value: as the values
 * of a map that is `additional_properties: true`, not an object.
 */
function saysAType(ctx: ParameterSchemaContext, schema: Node, file: string): boolean {
  const node = flatten(ctx.doc, schema, file).schema;
  return unionMembers(node) !== undefined || jsonTypes(node).types.length > 0;
}

/** A `oneOf`/`anyOf` (or a 3.1 type list) as the format's `one_of`, when its members are of distinct JSON types. */
function unionSchema(ctx: ParameterSchemaContext, members: unknown[], file: string, where: string, depth: number, seen: string[], declaredTag?: string): SpecSchema {
  // `oneOf: [X, {type: 'null'}]` is X made nullable: null is a value of the union, not a shape of its own.
  const isNull = (m: unknown) => {
    const { types, nullable } = jsonTypes(flatten(ctx.doc, m, file).schema);
    return types.length === 0 && nullable;
  };
  const shapes = members.filter((m) => !isNull(m));
  const converted = shapes.map((m) => stripDescription(parameterSchema(ctx, m, file, where, depth, seen)));
  const nullable = ctx.nullsSent === true && (shapes.length < members.length || converted.some((m) => m.nullable === true));
  const flat = converted.flatMap((m) => (Array.isArray(m.one_of) ? (m.one_of as SpecSchema[]) : [m])).map(({ nullable: _nullable, ...m }) => m);
  const kinds = flat.map((m) => (m.type === 'number' ? 'integer' : String(m.type)));
  const withNull = (schema: SpecSchema): SpecSchema => (nullable ? { ...schema, nullable: true } : schema);
  if (flat.length >= 2 && new Set(kinds).size === flat.length && flat.every((m) => typeof m.type === 'string')) return withNull({ one_of: flat });
  if (flat.length === 1) return withNull(flat[0]!);
  // Several objects told apart by a tag property (OpenAPI's discriminator, or a one-value enum every one of them has).
  const tagged = taggedUnion(flat, declaredTag);
  if (tagged) return withNull(tagged);
  if (flat.every((m) => m.type === 'object')) {
    ctx.note(`${where}: one of several object shapes; taken as a free-form object.`);
    return { type: 'object', additional_properties: true };
  }
  if (!flat.every((m) => typeof m.type === 'string')) {
    ctx.note(`${where}: one of several shapes of the same type; the first is used.`);
    return flat[0]!;
  }
  // Shapes of one type (Box's 'none' or a count of days, both strings) become one shape that takes
  // the values of each: taking the first would refuse the others.
  ctx.note(`${where}: one of several shapes of the same type; they are taken as one, with only the constraints they share.`);
  const merged = [...new Set(kinds)].map((kind) => mergeShapes(flat.filter((m, i) => kinds[i] === kind)));
  return withNull(merged.length === 1 ? merged[0]! : { one_of: merged });
}

/** The property OpenAPI's `discriminator` names, if any. */
function discriminatorOf(node: Node): string | undefined {
  const declared = isNode(node.discriminator) ? node.discriminator.propertyName : undefined;
  return typeof declared === 'string' && declared !== '' ? declared : undefined;
}

/**
 * Members whose objects each carry one value of a tag property (`type: number` / `type: range`)
 * as a discriminated union: the tag `declared` by the document, else the one property every object
 * member has as a one-value string enum. Null when the objects cannot be told apart so, or when
 * other members share a JSON type.
 */
function taggedUnion(members: SpecSchema[], declared: string | undefined): SpecSchema | null {
  const objects = members.filter((m) => m.type === 'object');
  const others = members.filter((m) => m.type !== 'object').map((m) => (m.type === 'number' ? 'integer' : String(m.type)));
  if (objects.length < 2 || new Set(others).size !== others.length || !members.every((m) => typeof m.type === 'string')) return null;
  const tagValue = (m: SpecSchema, key: string): string | undefined => {
    const property = (m.properties as Record<string, SpecSchema> | undefined)?.[key];
    return property?.type === 'string' && Array.isArray(property.enum) && property.enum.length === 1 && typeof property.enum[0] === 'string' ? property.enum[0] : undefined;
  };
  const candidates = declared !== undefined ? [declared] : Object.keys((objects[0]!.properties as Record<string, SpecSchema> | undefined) ?? {});
  const key = candidates.find((k) => {
    const tags = objects.map((m) => tagValue(m, k));
    return tags.every((t) => t !== undefined) && new Set(tags).size === tags.length;
  });
  if (key === undefined) return null;
  // The tag says which member an object is, so every member needs it.
  const one_of = members.map((m) => (m.type !== 'object' ? m : { ...m, properties: { ...(m.properties as Record<string, SpecSchema>), [key]: { ...(m.properties as Record<string, SpecSchema>)[key]!, required: true } } }));
  return { discriminator: key, one_of };
}

/** Shapes of one JSON type as one: enums joined when each has one, other keywords kept where all agree. */
function mergeShapes(shapes: SpecSchema[]): SpecSchema {
  if (shapes.length === 1) return shapes[0]!;
  if (shapes[0]!.type === 'object') return { type: 'object', additional_properties: true };
  const type = shapes.some((m) => m.type === 'number') ? 'number' : shapes[0]!.type;
  const out: SpecSchema = { type };
  if (shapes.every((m) => Array.isArray(m.enum))) out.enum = [...new Set(shapes.flatMap((m) => m.enum as unknown[]))];
  for (const [key, value] of Object.entries(shapes[0]!)) {
    if (key === 'type' || key === 'enum' || key in out) continue;
    if (shapes.every((m) => JSON.stringify(m[key]) === JSON.stringify(value))) out[key] = value;
  }
  return out;
}

function unionMembers(node: Node): unknown[] | undefined {
  const members = Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : undefined;
  return members && members.length > 0 ? members : undefined;
}

/** The description of a (possibly referenced) schema: the one beside the `$ref` wins, as in 3.1. */
export function describedAs(doc: OpenApiDocument, schema: unknown, file: string): string | undefined {
  const own = isNode(schema) && typeof schema.description === 'string' ? schema.description : undefined;
  const target = own ?? doc.resolve(schema, file).node.description;
  return typeof target === 'string' && target.trim() ? oneParagraph(target) : undefined;
}

/** Descriptions as one tidy paragraph: documents wrap and indent them as they please. */
export function oneParagraph(text: string): string {
  return text.trim().replace(/\s*\n\s*\n\s*/g, '\n\n').replace(/[ \t]*\n(?!\n)[ \t]*/g, ' ').replace(/[ \t]+/g, ' ');
}

function stripDescription(schema: SpecSchema): SpecSchema {
  const { description: _description, required: _required, ...rest } = schema;
  return rest;
}

function fits(value: unknown, schema: SpecSchema): boolean {
  const type = valueType(value);
  if (type !== schema.type && !(schema.type === 'number' && type === 'integer')) return false;
  return !Array.isArray(schema.enum) || schema.enum.includes(value);
}
