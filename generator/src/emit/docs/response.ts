/** A function's response: the success body's schema as docs rows, read from its JSON Schema. */

import type { JsonSchema } from '../../model.js';
import { htmlCode, htmlEscape } from '../escape/html.js';
import { renderRows, type FieldGroup, type FieldRow } from './field-rows.js';

const asSchema = (value: unknown): JsonSchema | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : null);

function members(schema: JsonSchema): JsonSchema[] {
  const union = schema.oneOf ?? schema.anyOf;
  return Array.isArray(union) ? union.map(asSchema).filter((s): s is JsonSchema => s !== null) : [];
}

/** `string`, `string or null`, `array of object`. */
export function schemaTypeLabel(schema: JsonSchema): string {
  const union = members(schema);
  if (union.length) return [...new Set(union.map(schemaTypeLabel))].join(' or ');
  if ('const' in schema) return typeof schema.const === 'string' ? 'string' : schema.const === null ? 'null' : typeof schema.const;
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : schema.properties ? ['object'] : [];
  if (types.length === 0) return 'any';
  return types.map((t) => (t === 'array' && asSchema(schema.items) ? `array of ${schemaTypeLabel(asSchema(schema.items)!)}` : t)).join(' or ');
}

function rules(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (Array.isArray(schema.enum)) out.push(`one of ${schema.enum.map((v) => htmlCode(typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`);
  if ('const' in schema) out.push(`always ${htmlCode(JSON.stringify(schema.const))}`);
  if (typeof schema.format === 'string') out.push(`format ${htmlCode(schema.format)}`);
  const items = asSchema(schema.items);
  if (items && Array.isArray(items.enum)) out.push(`each item one of ${items.enum.map((v) => htmlCode(String(v))).join(', ')}`);
  return out;
}

/** The objects whose properties become nested rows: the schema itself, its items, or each union member's. */
function groups(schema: JsonSchema): FieldGroup[] {
  const union = members(schema);
  if (union.length) {
    const withFields = union.filter((m) => groups(m).length > 0);
    return withFields.flatMap((m) => groups(m).map((g) => ({ label: withFields.length > 1 ? `As ${schemaTypeLabel(m)}:` : g.label, rows: g.rows })));
  }
  const properties = asSchema(schema.properties);
  if (properties && Object.keys(properties).length) {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    return [{ label: null, rows: Object.entries(properties).map(([name, value]) => fieldRow(name, asSchema(value) ?? {}, required.has(name))) }];
  }
  const items = asSchema(schema.items);
  return items ? groups(items) : [];
}

function fieldRow(name: string, schema: JsonSchema, required: boolean): FieldRow {
  return {
    name,
    type: schemaTypeLabel(schema),
    presence: required ? 'always' : 'not always',
    wire: null,
    description: typeof schema.description === 'string' ? schema.description : null,
    constraints: rules(schema),
    deprecated: null,
    groups: groups(schema),
  };
}

/** The response body's fields as rows, or null when the body has no named fields (a bare value or list of values). */
export function responseFields(schema: JsonSchema): string | null {
  // A body that is a list (GitHub's) says so, or its items' fields would read as the body's own.
  const list = schemaTypeLabel(schema).startsWith('array of');
  const top = groups(schema).map((g) => (list && g.label === null ? { ...g, label: 'A list; each item:' } : g));
  if (top.length === 0) return null;
  return top.map((g) => `${g.label ? `<p class="sb-variant">${htmlEscape(g.label)}</p>\n` : ''}${renderRows(g.rows)}`).join('\n');
}
