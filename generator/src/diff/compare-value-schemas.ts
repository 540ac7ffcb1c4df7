import type { SingleValueSchema, ValueSchema } from '../model.js';
import type { Bump } from './types.js';
import { tagOf } from '../shared/value-types.js';

/** A difference between two value schemas at one place, `items.status` or `` for the top. */
export interface SchemaChange {
  level: Bump;
  at: string;
  what: string;
}

const join = (at: string, key: string) => (at ? `${at}.${key}` : key);
const show = (v: unknown) => JSON.stringify(v);

/**
 * How an input value's accepted set changed. Accepting less (a narrower type, a removed enum
 * value, a tighter bound, a newly required property) breaks callers: major. Accepting more is
 * minor, and a changed description patch.
 */
export function compareInputSchemas(before: ValueSchema, after: ValueSchema, at = ''): SchemaChange[] {
  const changes: SchemaChange[] = [];
  if ((before.description ?? '') !== (after.description ?? '')) changes.push({ level: 'patch', at, what: 'description changed' });
  if (show(before.default) !== show(after.default)) changes.push({ level: 'major', at, what: `default changed from ${show(before.default) ?? 'none'} to ${show(after.default) ?? 'none'}` });
  // The same call changes what reaches the provider either way: a null that was left out is now sent (clearing a field), or the reverse.
  if (before.nullable !== after.nullable) changes.push({ level: 'major', at, what: after.nullable ? 'now sends null as a value (it was left out)' : 'no longer sends null (it is left out)' });
  const was = membersByKey(before);
  const is = membersByKey(after);
  for (const [key, old] of was) {
    const now = is.get(key);
    if (!now) changes.push({ level: 'major', at, what: `no longer accepts ${old.label}` });
    else changes.push(...compareSingle(old.schema, now.schema, at));
  }
  for (const [key, now] of is) if (!was.has(key)) changes.push({ level: 'minor', at, what: `now also accepts ${now.label}` });
  return changes;
}

/** A value's shapes by JSON type, and a discriminated union's objects by their tag as well (`object:range`). */
function membersByKey(schema: ValueSchema): Map<string, { schema: SingleValueSchema; label: string }> {
  const members = schema.kind === 'union' ? schema.members : [schema];
  const discriminator = schema.kind === 'union' ? schema.discriminator : null;
  return new Map(
    members.map((m) => {
      const value = discriminator === null ? undefined : tagOf(m, discriminator);
      return value === undefined ? [typeKey(m.type), { schema: m, label: m.type }] : [`object:${String(value)}`, { schema: m, label: `an object with ${discriminator} ${show(value)}` }];
    }),
  );
}

// integer and number are one JSON type for a value; which of them is checked below.
const typeKey = (type: string) => (type === 'integer' ? 'number' : type);

function compareSingle(before: SingleValueSchema, after: SingleValueSchema, at: string): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const push = (level: Bump, what: string) => changes.push({ level, at, what });
  if (before.type !== after.type) push(before.type === 'integer' ? 'minor' : 'major', `type changed from ${before.type} to ${after.type}`);

  if (before.enum || after.enum) {
    const was = (before.enum ?? []).map(show);
    const is = (after.enum ?? []).map(show);
    if (!before.enum) push('major', `now limited to ${is.join(', ')}`);
    else if (!after.enum) push('minor', 'no longer limited to a list of values');
    else {
      for (const value of was.filter((v) => !is.includes(v))) push('major', `value ${value} removed`);
      for (const value of is.filter((v) => !was.includes(v))) push('minor', `value ${value} added`);
    }
  }
  bound(push, 'minimum', before.minimum, after.minimum, 'lower');
  bound(push, 'maximum', before.maximum, after.maximum, 'upper');
  bound(push, 'minimum length', before.minLength, after.minLength, 'lower');
  bound(push, 'maximum length', before.maxLength, after.maxLength, 'upper');
  bound(push, 'minimum items', before.minItems, after.minItems, 'lower');
  bound(push, 'maximum items', before.maxItems, after.maxItems, 'upper');
  if (before.pattern !== after.pattern) push(after.pattern === null ? 'minor' : 'major', after.pattern === null ? 'pattern removed' : `pattern is now ${after.pattern}`);
  if (before.format !== after.format) push(after.format === null ? 'minor' : 'major', after.format === null ? `format ${before.format} removed` : `format is now ${after.format}`);

  if (before.items && after.items) changes.push(...compareInputSchemas(before.items, after.items, join(at, '[]')));
  changes.push(...compareProperties(before, after, at));
  if (before.additionalProperties !== after.additionalProperties && typeof before.additionalProperties === 'boolean' && typeof after.additionalProperties === 'boolean') {
    push(after.additionalProperties ? 'minor' : 'major', after.additionalProperties ? 'now accepts other keys' : 'no longer accepts other keys');
  }
  return changes;
}

function compareProperties(before: SingleValueSchema, after: SingleValueSchema, at: string): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const was = new Map((before.properties ?? []).map((p) => [p.name, p]));
  const is = new Map((after.properties ?? []).map((p) => [p.name, p]));
  for (const [name, old] of was) {
    const now = is.get(name);
    const where = join(at, name);
    if (!now) changes.push({ level: after.additionalProperties === false ? 'major' : 'minor', at: where, what: 'property removed' });
    else {
      if (!old.required && now.required) changes.push({ level: 'major', at: where, what: 'now required' });
      if (old.required && !now.required) changes.push({ level: 'minor', at: where, what: 'now optional' });
      changes.push(...compareInputSchemas(old.schema, now.schema, where));
    }
  }
  for (const [name, now] of is) if (!was.has(name)) changes.push({ level: now.required ? 'major' : 'minor', at: join(at, name), what: now.required ? 'required property added' : 'property added' });
  return changes;
}

/** A lower bound that rises or an upper bound that falls refuses values it took: major. */
function bound(push: (level: Bump, what: string) => void, name: string, before: number | null, after: number | null, side: 'lower' | 'upper'): void {
  if (before === after) return;
  const tighter = after !== null && (before === null || (side === 'lower' ? after > before : after < before));
  push(tighter ? 'major' : 'minor', `${name} ${before ?? 'none'} → ${after ?? 'none'}`);
}
