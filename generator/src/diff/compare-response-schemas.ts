import type { JsonSchema } from '../model.js';
import type { SchemaChange } from './compare-value-schemas.js';

const join = (at: string, key: string) => (at ? `${at}.${key}` : key);
const typesOf = (schema: JsonSchema): string[] => {
  const t = schema['type'];
  return (Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : []).sort();
};
const propertiesOf = (schema: JsonSchema): Record<string, JsonSchema> => {
  const p = schema['properties'];
  return p && typeof p === 'object' ? (p as Record<string, JsonSchema>) : {};
};
const itemsOf = (schema: JsonSchema): JsonSchema | null => {
  const items = schema['items'];
  return items && typeof items === 'object' && !Array.isArray(items) ? (items as JsonSchema) : null;
};

/**
 * How a response body's schema changed, from the reader's side: a field that disappears or
 * changes type breaks code that reads it (major); a new field or value is minor; text is patch.
 */
export function compareResponseSchemas(before: JsonSchema, after: JsonSchema, at = ''): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const was = typesOf(before);
  const is = typesOf(after);
  if (was.join() !== is.join()) {
    // Only dropping null (the field is now always there) keeps every reader working.
    const widened = was.every((t) => is.includes(t));
    const onlyNullDropped = was.filter((t) => t !== 'null').join() === is.join();
    changes.push({ level: onlyNullDropped ? 'minor' : widened && !was.length ? 'minor' : 'major', at, what: `retyped from ${was.join(' | ') || 'any'} to ${is.join(' | ') || 'any'}` });
  }
  if (String(before['description'] ?? '') !== String(after['description'] ?? '')) changes.push({ level: 'patch', at, what: 'description changed' });
  const enumBefore = Array.isArray(before['enum']) ? before['enum'].map((v) => JSON.stringify(v)) : null;
  const enumAfter = Array.isArray(after['enum']) ? after['enum'].map((v) => JSON.stringify(v)) : null;
  if (enumBefore && enumAfter) {
    for (const v of enumBefore.filter((x) => !enumAfter.includes(x))) changes.push({ level: 'major', at, what: `value ${v} removed` });
    for (const v of enumAfter.filter((x) => !enumBefore.includes(x))) changes.push({ level: 'minor', at, what: `value ${v} added` });
  }
  const pb = propertiesOf(before);
  const pa = propertiesOf(after);
  for (const [name, old] of Object.entries(pb)) {
    const now = pa[name];
    if (!now) changes.push({ level: 'major', at: join(at, name), what: 'response field removed' });
    else changes.push(...compareResponseSchemas(old, now, join(at, name)));
  }
  for (const name of Object.keys(pa)) if (!(name in pb)) changes.push({ level: 'minor', at: join(at, name), what: 'response field added' });
  const ib = itemsOf(before);
  const ia = itemsOf(after);
  if (ib && ia) changes.push(...compareResponseSchemas(ib, ia, join(at, '[]')));
  return changes;
}
