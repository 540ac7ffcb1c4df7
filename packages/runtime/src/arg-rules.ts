/**
 * Checking arguments against the rules a generated client carries as data.
 * The rules are the closed subset of JSON Schema the spec format can express
 * (same keyword names, so they read as JSON Schema), plus formats the runtime
 * names in the caller's terms: a bad phone number is reported as "must be an
 * E.164 phone number such as +15555550100", not as a regular expression.
 *
 * One interpreter instead of generated validator code: the rules of a
 * function are a few hundred bytes, every problem is reported at once, and
 * the messages are the same in TypeScript, the CLI, Lua and MCP.
 */

import { formatPath } from './arguments.js';
import type { ValidationIssue } from './errors.js';

export type StringFormat = 'e164' | 'date-time' | 'date' | 'uri' | 'email' | 'uuid';

export interface StringRule {
  type: 'string';
  enum?: readonly string[];
  minLength?: number;
  maxLength?: number;
  /** JavaScript `u`-flag syntax; the loader accepts only patterns RE2 compiles too. */
  pattern?: string;
  format?: StringFormat;
}

export interface NumberRule {
  type: 'integer' | 'number';
  enum?: readonly number[];
  minimum?: number;
  maximum?: number;
}

export interface BooleanRule {
  type: 'boolean';
}

export interface ArrayRule {
  type: 'array';
  /** Absent: items of any kind. */
  items?: ValueRule;
  minItems?: number;
  maxItems?: number;
}

export interface ObjectRule {
  type: 'object';
  properties?: Readonly<Record<string, ValueRule>>;
  required?: readonly string[];
  /** Keys not in `properties`: refused (`false`), checked by a rule, or, when absent, allowed. */
  additionalProperties?: false | ValueRule;
}

/** A value that may take one of several shapes ("a number or a list of two numbers"). */
export interface UnionRule {
  anyOf: readonly ValueRule[];
}

export type ValueRule = StringRule | NumberRule | BooleanRule | ArrayRule | ObjectRule | UnionRule;

/** The arguments object of a function: closed, so a misspelt parameter is refused. */
export interface ArgsRule {
  properties: Readonly<Record<string, ValueRule>>;
  required?: readonly string[];
}

/** Shows a value in a message; the caller redacts and shortens. */
export type ShowValue = (value: unknown) => string;

/**
 * Every problem with `args`, in the order a person would fix them: missing,
 * unknown, then each parameter. A parameter given as `null` counts as not
 * given, as `undefined` does: JSON callers (MCP hosts, `--json` input) write
 * null for "no value", and the format has no null values to send.
 */
export function checkArgs(rule: ArgsRule, args: Record<string, unknown>, show: ShowValue): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (rule.required) for (const name of rule.required) if (args[name] === undefined || args[name] === null) issues.push({ path: formatPath([name]), problem: 'missing' });
  const names = Object.keys(args);
  for (const name of names) {
    if (rule.properties[name] === undefined && args[name] !== undefined) issues.push({ path: formatPath([name]), problem: 'unknown' });
  }
  for (const name of names) {
    const property = rule.properties[name];
    const value = args[name];
    if (property !== undefined && value !== undefined && value !== null) checkValue(property, value, [name], show, issues);
  }
  return issues;
}

function checkObjectKeys(
  properties: Readonly<Record<string, ValueRule>> | undefined,
  required: readonly string[] | undefined,
  additional: false | ValueRule | undefined,
  value: Record<string, unknown>,
  path: string[],
  issues: ValidationIssue[],
): void {
  for (const name of required ?? []) if (value[name] === undefined) issues.push({ path: formatPath([...path, name]), problem: 'missing' });
  if (additional !== false) return;
  for (const name of Object.keys(value)) {
    if (properties?.[name] === undefined && value[name] !== undefined) issues.push({ path: formatPath([...path, name]), problem: 'unknown' });
  }
}

function checkValue(rule: ValueRule, value: unknown, path: string[], show: ShowValue, issues: ValidationIssue[]): void {
  if ('anyOf' in rule) {
    if (rule.anyOf.some((member) => problemsOf(member, value, path, show).length === 0)) return;
    // One shape matched by type: its own problems say more than "must be a or b".
    const sameKind = rule.anyOf.filter((member) => kindMatches(member, value));
    if (sameKind.length === 1 && sameKind[0] !== undefined) return checkValue(sameKind[0], value, path, show, issues);
    issues.push(typeIssue(rule.anyOf.map(describeRule).join(' or '), value, path, show));
    return;
  }
  if (!kindMatches(rule, value)) {
    issues.push(typeIssue(describeRule(rule), value, path, show));
    return;
  }
  switch (rule.type) {
    case 'string':
      return checkString(rule, value as string, path, show, issues);
    case 'integer':
    case 'number':
      return checkNumber(rule, value as number, path, show, issues);
    case 'boolean':
      return;
    case 'array':
      return checkArray(rule, value as unknown[], path, show, issues);
    case 'object':
      return checkObject(rule, value as Record<string, unknown>, path, show, issues);
  }
}

function problemsOf(rule: ValueRule, value: unknown, path: string[], show: ShowValue): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkValue(rule, value, path, show, issues);
  return issues;
}

function kindMatches(rule: ValueRule, value: unknown): boolean {
  if ('anyOf' in rule) return rule.anyOf.some((member) => kindMatches(member, value));
  switch (rule.type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

function checkString(rule: StringRule, value: string, path: string[], show: ShowValue, issues: ValidationIssue[]): void {
  if (rule.enum && !rule.enum.includes(value)) {
    const allowed = rule.enum.join(', ');
    issues.push({ path: formatPath(path), problem: `must be one of ${allowed}`, expected: allowed, received: show(value) });
    return;
  }
  if (rule.minLength !== undefined || rule.maxLength !== undefined) {
    const length = codePoints(value);
    if (rule.minLength !== undefined && length < rule.minLength) issues.push({ path: formatPath(path), problem: `must be at least ${plural(rule.minLength, 'character')} long`, received: show(value) });
    if (rule.maxLength !== undefined && length > rule.maxLength) issues.push({ path: formatPath(path), problem: `must be at most ${plural(rule.maxLength, 'character')} long`, received: `${plural(length, 'character')}` });
  }
  if (rule.format !== undefined && !FORMATS[rule.format].test(value)) {
    issues.push({ path: formatPath(path), problem: `must be ${FORMAT_WORDS[rule.format]}`, expected: rule.format, received: show(value) });
  }
  if (rule.pattern !== undefined && !compiled(rule.pattern).test(value)) {
    issues.push({ path: formatPath(path), problem: `must match the pattern ${rule.pattern}`, expected: rule.pattern, received: show(value) });
  }
}

function checkNumber(rule: NumberRule, value: number, path: string[], show: ShowValue, issues: ValidationIssue[]): void {
  if (rule.enum && !rule.enum.includes(value)) {
    const allowed = rule.enum.join(', ');
    issues.push({ path: formatPath(path), problem: `must be one of ${allowed}`, expected: allowed, received: show(value) });
    return;
  }
  const { minimum, maximum } = rule;
  const outside = (minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum);
  if (!outside) return;
  const range =
    minimum !== undefined && maximum !== undefined ? `from ${minimum} to ${maximum}` : minimum !== undefined ? `at least ${minimum}` : `at most ${maximum}`;
  issues.push({ path: formatPath(path), problem: `must be ${range}`, expected: range, received: show(value) });
}

function checkArray(rule: ArrayRule, value: unknown[], path: string[], show: ShowValue, issues: ValidationIssue[]): void {
  if (rule.minItems !== undefined && value.length < rule.minItems) issues.push({ path: formatPath(path), problem: `must have at least ${plural(rule.minItems, 'item')}`, received: plural(value.length, 'item') });
  if (rule.maxItems !== undefined && value.length > rule.maxItems) issues.push({ path: formatPath(path), problem: `must have at most ${plural(rule.maxItems, 'item')}`, received: plural(value.length, 'item') });
  if (rule.items === undefined) return;
  for (let i = 0; i < value.length; i++) checkValue(rule.items, value[i], [...path, String(i)], show, issues);
}

function checkObject(rule: ObjectRule, value: Record<string, unknown>, path: string[], show: ShowValue, issues: ValidationIssue[]): void {
  checkObjectKeys(rule.properties, rule.required, rule.additionalProperties, value, path, issues);
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const property = rule.properties?.[name] ?? (rule.additionalProperties === false ? undefined : rule.additionalProperties);
    if (property !== undefined) checkValue(property, item, [...path, name], show, issues);
  }
}

function typeIssue(expected: string, value: unknown, path: string[], show: ShowValue): ValidationIssue {
  // null, undefined, NaN and Infinity say what they are by name (JSON would print NaN as null).
  const named = value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value));
  const received = named ? String(value) : `${kindOf(value)} ${show(value)}`;
  return { path: formatPath(path), problem: `must be ${expected}`, expected, received };
}

/** "a string", "an integer", "a list of strings", in the caller's words. */
export function describeRule(rule: ValueRule): string {
  if ('anyOf' in rule) return rule.anyOf.map(describeRule).join(' or ');
  switch (rule.type) {
    case 'string':
      return rule.format ? FORMAT_WORDS[rule.format] : 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return rule.items ? `a list of ${pluralKind(rule.items)}` : 'a list';
    case 'object':
      return 'an object';
  }
}

function pluralKind(rule: ValueRule): string {
  if ('anyOf' in rule) return 'values';
  switch (rule.type) {
    case 'string':
      return rule.format === 'e164' ? 'E.164 phone numbers' : 'strings';
    case 'integer':
      return 'integers';
    case 'number':
      return 'numbers';
    case 'boolean':
      return 'booleans';
    case 'array':
      return 'lists';
    case 'object':
      return 'objects';
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Length as JSON Schema counts it: code points, so an emoji is one character. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Fixed, linear-time patterns for the named formats (no nested quantifiers).
 * `date-time` is RFC 3339's profile of ISO 8601, seconds optional as providers accept.
 */
const FORMATS: Record<StringFormat, RegExp> = {
  e164: /^\+[1-9][0-9]{1,14}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
};

/** A named format's pattern as source text, for JSON Schemas that must carry it as a `pattern` (MCP tools, editors). */
export function formatPattern(format: StringFormat): string {
  return FORMATS[format].source;
}

const FORMAT_WORDS: Record<StringFormat, string> = {
  e164: 'an E.164 phone number such as +15555550100',
  'date-time': 'a date-time such as 2026-01-31T09:30:00Z',
  date: 'a date such as 2026-01-31',
  uri: 'an absolute URL such as https://example.com/path',
  email: 'an email address such as ada@example.com',
  uuid: 'a UUID such as 123e4567-e89b-42d3-a456-426614174000',
};

const patterns = new Map<string, RegExp>();

/** Spec patterns compiled once per process, on first use. */
function compiled(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(pattern, 'u');
    patterns.set(pattern, regex);
  }
  return regex;
}
