import { formatPattern } from '@switchboard/runtime';
import type { JsonSchema, Parameter, SingleValueSchema, ValueSchema } from '../model.js';
import type { RawValueSchema } from './spec-types.js';

/** E.164: a plus, a non-zero digit, up to 15 digits in all; the same pattern the runtime checks arguments with. */
export const E164_PATTERN = formatPattern('e164');

export function toValueSchema(raw: RawValueSchema): ValueSchema {
  if (raw.one_of) {
    return { kind: 'union', nullable: raw.nullable === true, description: raw.description ?? null, default: raw.default, members: unionMembers(raw.one_of), discriminator: raw.discriminator ?? null };
  }
  return toSingleSchema(raw);
}

/** A member written as a union itself is refused by the loader; flattening keeps the model total meanwhile. */
function unionMembers(members: RawValueSchema[]): SingleValueSchema[] {
  return members.flatMap((member) => (member.one_of ? unionMembers(member.one_of) : [toSingleSchema(member)]));
}

function toSingleSchema(raw: RawValueSchema): SingleValueSchema {
  return {
    kind: 'single',
    type: raw.type,
    nullable: raw.nullable === true,
    description: raw.description ?? null,
    enum: raw.enum ?? null,
    default: raw.default,
    minimum: raw.minimum ?? null,
    maximum: raw.maximum ?? null,
    minLength: raw.min_length ?? null,
    maxLength: raw.max_length ?? null,
    pattern: raw.pattern ?? null,
    format: raw.format ?? null,
    minItems: raw.min_items ?? null,
    maxItems: raw.max_items ?? null,
    items: raw.items ? toValueSchema(raw.items) : null,
    properties: raw.properties
      ? Object.entries(raw.properties).map(([name, property]) => ({
          name,
          required: property.required === true,
          schema: toValueSchema(property),
        }))
      : null,
    additionalProperties:
      raw.additional_properties === undefined
        ? raw.type === 'object' && !raw.properties
        : typeof raw.additional_properties === 'boolean'
          ? raw.additional_properties
          : toValueSchema(raw.additional_properties),
  };
}

/**
 * Standard JSON Schema for a value: what validators, MCP and editors consume. A union is
 * `anyOf`, not `oneOf`: its members never overlap (the loader insists on one JSON type per
 * member), so both accept the same values, and `anyOf` is the combinator more tool-calling
 * hosts accept inside a property (some refuse `oneOf`).
 */
export function toJsonSchema(schema: ValueSchema): JsonSchema {
  if (schema.kind === 'union') {
    const out: JsonSchema = {};
    if (schema.description) out.description = schema.description;
    if (schema.default !== undefined) out.default = schema.default;
    const members = schema.members.map(toJsonSchema);
    out.anyOf = schema.nullable ? [...members, { type: 'null' }] : members;
    return out;
  }
  if (schema.type === 'file') return fileJsonSchema(schema.description);
  // A nullable value's type is the pair (JSON Schema's draft-07 way); its enum lists null too, or null would fail it.
  const out: JsonSchema = { type: schema.nullable ? [schema.type, 'null'] : schema.type };
  if (schema.description) out.description = schema.description;
  if (schema.enum) out.enum = schema.nullable ? [...schema.enum, null] : schema.enum;
  if (schema.default !== undefined) out.default = schema.default;
  if (schema.minimum !== null) out.minimum = schema.minimum;
  if (schema.maximum !== null) out.maximum = schema.maximum;
  if (schema.minLength !== null) out.minLength = schema.minLength;
  if (schema.maxLength !== null) out.maxLength = schema.maxLength;
  if (schema.format === 'e164') out.pattern = E164_PATTERN;
  else if (schema.pattern !== null) out.pattern = schema.pattern;
  if (schema.format !== null && schema.format !== 'e164') out.format = schema.format;
  if (schema.minItems !== null) out.minItems = schema.minItems;
  if (schema.maxItems !== null) out.maxItems = schema.maxItems;
  if (schema.items) out.items = toJsonSchema(schema.items);
  if (schema.type === 'object') {
    if (schema.properties) {
      out.properties = Object.fromEntries(schema.properties.map((p) => [p.name, toJsonSchema(p.schema)]));
      const required = schema.properties.filter((p) => p.required).map((p) => p.name);
      if (required.length > 0) out.required = required;
    }
    out.additionalProperties =
      typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : toJsonSchema(schema.additionalProperties);
  }
  return out;
}

/**
 * A file as JSON callers give one (MCP hosts, the CLI's `--json`, Lua): its bytes as text or as
 * base64, with a name and a media type. The runtime also takes raw bytes from TypeScript callers,
 * and its check says which of `content` and `content_base64` a file lacks or has twice.
 */
function fileJsonSchema(description: string | null): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties: {
      content: { type: 'string', description: 'The file\'s text, sent as UTF-8. Give this or content_base64.' },
      content_base64: { type: 'string', contentEncoding: 'base64', description: 'The file\'s bytes, base64-encoded. Give this or content.' },
      filename: { type: 'string', minLength: 1, description: 'The name the provider is told, such as report.pdf.' },
      content_type: { type: 'string', description: 'The media type, such as application/pdf.' },
    },
    additionalProperties: false,
  };
}

/** The arguments object a caller passes: closed, so unknown keys are rejected. */
export function inputSchemaOf(parameters: Parameter[]): JsonSchema {
  const required = parameters.filter((p) => p.required).map((p) => p.name);
  const schema: JsonSchema = {
    type: 'object',
    // What an omitted parameter is sent as is its default in JSON Schema's sense (MCP hosts and editors show it).
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.sentWhenOmitted ? { ...toJsonSchema(p.schema), default: p.sentWhenOmitted.value } : toJsonSchema(p.schema)])),
    additionalProperties: false,
  };
  if (required.length > 0) schema.required = required;
  return schema;
}
