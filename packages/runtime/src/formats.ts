/**
 * The named string formats of argument rules, one constant each, so a generated operation imports
 * only the formats its rules use (`OperationSpec.parts.formats`). Each says in the caller's terms
 * what it wants: a bad phone number is "must be an E.164 phone number such as +15555550100", not a
 * regular expression.
 *
 * Fixed, linear-time patterns (no nested quantifiers). `date-time` is RFC 3339's profile of
 * ISO 8601, seconds optional as providers accept.
 */

import type { StringFormat } from './arg-rules.js';

export interface FormatRule {
  pattern: RegExp;
  /** "an E.164 phone number such as +15555550100": completes "must be …". */
  words: string;
  /** "E.164 phone numbers": completes "a list of …"; absent, "strings". */
  plural?: string;
}

export const e164Format: FormatRule = { pattern: /^\+[1-9][0-9]{1,14}$/, words: 'an E.164 phone number such as +15555550100', plural: 'E.164 phone numbers' };
export const dateTimeFormat: FormatRule = {
  pattern: /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/,
  words: 'a date-time such as 2026-01-31T09:30:00Z',
};
export const dateFormat: FormatRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, words: 'a date such as 2026-01-31' };
export const uriFormat: FormatRule = { pattern: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/, words: 'an absolute URL such as https://example.com/path' };
export const emailFormat: FormatRule = { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, words: 'an email address such as ada@example.com' };
export const uuidFormat: FormatRule = {
  pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  words: 'a UUID such as 123e4567-e89b-42d3-a456-426614174000',
};

/** Every format by its name in the rules; the generator names the constant of each from this table. */
export const allFormats: Record<StringFormat, FormatRule> = {
  e164: e164Format,
  'date-time': dateTimeFormat,
  date: dateFormat,
  uri: uriFormat,
  email: emailFormat,
  uuid: uuidFormat,
};

/** A named format's pattern as source text, for JSON Schemas that must carry it as a `pattern` (MCP tools, editors). */
export function formatPattern(format: StringFormat): string {
  return allFormats[format].pattern.source;
}
