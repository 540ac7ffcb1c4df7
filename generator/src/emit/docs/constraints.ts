/** A value schema's rules in words, as HTML, for the docs' parameter rows. */

import type { SingleValueSchema, ValueSchema } from '../../model.js';
import { memberLabel, typeLabel } from '../../shared/value-types.js';
import { htmlCode } from '../escape/html.js';

const FORMAT_WORDS: Record<NonNullable<SingleValueSchema['format']>, string> = {
  e164: 'E.164 phone number, such as <code>+15555550100</code>',
  'date-time': 'date and time (ISO 8601), such as <code>2026-01-31T09:30:00Z</code>',
  date: 'date, such as <code>2026-01-31</code>',
  uri: 'absolute URL',
  email: 'email address',
  uuid: 'UUID',
};

const json = (value: unknown): string => htmlCode(JSON.stringify(value));

function range(min: number | null, max: number | null, unit: (n: number) => string): string | null {
  if (min !== null && max !== null) return min === max ? `exactly ${unit(min)}` : `from ${unit(min)} to ${unit(max)}`;
  if (min !== null) return `at least ${unit(min)}`;
  if (max !== null) return `at most ${unit(max)}`;
  return null;
}

const plural = (word: string) => (n: number) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The rules of one shape: `E.164 phone number`, `at most 10 items`, `allowed values: a, b`. */
export function shapeRules(s: SingleValueSchema): string[] {
  const rules: string[] = [];
  if (s.enum) rules.push(`allowed values: ${s.enum.map((v) => (typeof v === 'string' ? htmlCode(v) : json(v))).join(', ')}`);
  if (s.format) rules.push(FORMAT_WORDS[s.format]);
  const numbers = range(s.minimum, s.maximum, String);
  if (numbers) rules.push(numbers);
  const length = range(s.minLength, s.maxLength, plural('character'));
  if (length) rules.push(length);
  const items = range(s.minItems, s.maxItems, plural('item'));
  if (items) rules.push(items);
  if (s.pattern) rules.push(`matches the pattern ${htmlCode(s.pattern)}`);
  // An array's item rules belong to the array's row: its items have no row of their own unless they are objects.
  if (s.type === 'array' && s.items) {
    const own = valueRules(s.items);
    if (own.length) rules.push(`each item: ${own.join(', ')}`);
  }
  if (s.type === 'object' && typeof s.additionalProperties === 'object') {
    const own = valueRules(s.additionalProperties);
    rules.push(`any keys; each value ${typeLabel(s.additionalProperties)}${own.length ? ` (${own.join(', ')})` : ''}`);
  }
  return rules;
}

/** A value's rules: a union's are each member's, named by the member they belong to. */
export function valueRules(schema: ValueSchema): string[] {
  const rules =
    schema.kind === 'single'
      ? shapeRules(schema)
      : schema.members.flatMap((member) => {
          const own = shapeRules(member);
          return own.length > 0 ? [`as ${memberLabel(schema, member)}: ${own.join(', ')}`] : [];
        });
  if (schema.nullable) rules.push(`${htmlCode('null')} is sent as JSON null; leaving it out sends nothing`);
  if (schema.default !== undefined) rules.push(`default ${json(schema.default)}`);
  return rules;
}
