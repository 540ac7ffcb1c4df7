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
import { SwitchboardError, type ValidationIssue } from './errors.js';
import type { FormatRule } from './formats.js';

export type StringFormat = 'e164' | 'date-time' | 'date' | 'uri' | 'email' | 'uuid';

/**
 * A value that may be sent as JSON `null` (to clear a field, as PATCH APIs do). Without it, null
 * is "not given", as `undefined` is; the loader allows it only where JSON carries it (a JSON body).
 */
interface MayBeNull {
  nullable?: true;
}

export interface StringRule extends MayBeNull {
  type: 'string';
  enum?: readonly string[];
  minLength?: number;
  maxLength?: number;
  /** JavaScript `u`-flag syntax; the loader accepts only patterns RE2 compiles too. */
  pattern?: string;
  format?: StringFormat;
}

export interface NumberRule extends MayBeNull {
  type: 'integer' | 'number';
  enum?: readonly number[];
  minimum?: number;
  maximum?: number;
}

export interface BooleanRule extends MayBeNull {
  type: 'boolean';
}

export interface ArrayRule extends MayBeNull {
  type: 'array';
  /** Absent: items of any kind. */
  items?: ValueRule;
  minItems?: number;
  maxItems?: number;
}

export interface ObjectRule extends MayBeNull {
  type: 'object';
  properties?: Readonly<Record<string, ValueRule>>;
  required?: readonly string[];
  /** Keys not in `properties`: refused (`false`), checked by a rule, or, when absent, allowed. */
  additionalProperties?: false | ValueRule;
}

/** A file to upload (`file-value.ts`); only a body parameter of a multipart operation, or its list's items, has one. */
export interface FileRule extends MayBeNull {
  type: 'file';
}

/** A value that may take one of several shapes ("a number or a list of two numbers"). */
export interface UnionRule extends MayBeNull {
  anyOf: readonly ValueRule[];
  /**
   * With several object members: the property whose value names the member an object is (each
   * object member has it as a required one-value enum), so an object is checked against that
   * member alone and its problems are that member's. Absent: members differ by JSON type.
   */
  discriminator?: string;
}

export type ValueRule = StringRule | NumberRule | BooleanRule | ArrayRule | ObjectRule | FileRule | UnionRule;

/** The arguments object of a function: closed, so a misspelt parameter is refused. */
export interface ArgsRule {
  properties: Readonly<Record<string, ValueRule>>;
  required?: readonly string[];
}

/** Shows a value in a message; the caller redacts and shortens. */
export type ShowValue = (value: unknown) => string;

/** The named formats a function's rules use (`OperationSpec.parts.formats`). */
export type Formats = Partial<Record<StringFormat, FormatRule>>;

/**
 * The checks of keywords most rules do not use (numbers, objects, unions, enums, patterns), by
 * keyword (`OperationSpec.parts.checks`, from `rule-checks.ts`): a generated operation carries those
 * its rules use, so a program bundles no others.
 */
export interface RuleChecks {
  number?: (rule: NumberRule, value: number, path: string[], look: Look, issues: ValidationIssue[]) => void;
  object?: (rule: ObjectRule, value: Record<string, unknown>, path: string[], look: Look, issues: ValidationIssue[]) => void;
  anyOf?: (rule: UnionRule, value: unknown, path: string[], look: Look, issues: ValidationIssue[]) => void;
  /** True when the value is not one of `allowed` (and the issue was recorded). */
  enum?: (allowed: readonly (string | number)[], value: string | number, path: string[], look: Look, issues: ValidationIssue[]) => boolean;
  pattern?: (pattern: string, value: string, path: string[], look: Look, issues: ValidationIssue[]) => void;
  file?: (rule: FileRule, value: unknown, path: string[], look: Look, issues: ValidationIssue[]) => void;
}

/** The formats and keyword checks a function's rules use: its operation's parts. */
export interface RuleParts {
  formats?: Formats;
  checks?: RuleChecks;
}

/** What every check reads besides the rule and the value. */
export interface Look {
  show: ShowValue;
  formats: Formats;
  checks: RuleChecks;
  /** Checks a nested value (an item, a property, a union's member). */
  check: (rule: ValueRule, value: unknown, path: string[], issues: ValidationIssue[]) => void;
}

/** The piece `table` holds under `key`; rules that need one the operation does not carry are refused, never half-checked. */
function carried<T extends object, K extends keyof T & string>(table: T, key: K, what: string): NonNullable<T[K]> {
  const piece = table[key];
  if (piece === undefined) throw new SwitchboardError(`The argument rules use ${what} '${key}', which the operation's parts do not carry (regenerate its client).`);
  return piece as NonNullable<T[K]>;
}

const checkOf = <K extends keyof RuleChecks>(checks: RuleChecks, keyword: K) => carried(checks, keyword, 'the check');
const formatOf = (formats: Formats, name: StringFormat): FormatRule => carried(formats, name, 'the format');

const NONE = {};

/**
 * Every problem with `args`, in the order a person would fix them: missing,
 * unknown, then each parameter. A parameter given as `null` counts as not
 * given, as `undefined` does: JSON callers (MCP hosts, `--json` input) write
 * null for "no value". Only a `nullable` parameter takes null as its value.
 */
export function checkArgs(rule: ArgsRule, args: Record<string, unknown>, show: ShowValue, parts: RuleParts): ValidationIssue[] {
  const look: Look = new Looking(show, parts.formats ?? NONE, parts.checks ?? NONE);
  const issues: ValidationIssue[] = [];
  if (rule.required) for (const name of rule.required) if (args[name] === undefined || (args[name] === null && rule.properties[name]?.nullable !== true)) issues.push({ path: formatPath([name]), problem: 'missing' });
  const names = Object.keys(args);
  for (const name of names) {
    if (rule.properties[name] === undefined && args[name] !== undefined) issues.push({ path: formatPath([name]), problem: 'unknown' });
  }
  for (const name of names) {
    const property = rule.properties[name];
    const value = args[name];
    if (property !== undefined && value !== undefined && value !== null) checkValue(property, value, [name], look, issues);
  }
  return issues;
}

/** A class, so a check costs one object and no closure per call. */
class Looking implements Look {
  constructor(
    readonly show: ShowValue,
    readonly formats: Formats,
    readonly checks: RuleChecks,
  ) {}

  check(rule: ValueRule, value: unknown, path: string[], issues: ValidationIssue[]): void {
    checkValue(rule, value, path, this, issues);
  }
}

function checkValue(rule: ValueRule, value: unknown, path: string[], look: Look, issues: ValidationIssue[]): void {
  if (value === null && rule.nullable === true) return;
  if ('anyOf' in rule) return checkOf(look.checks, 'anyOf')(rule, value, path, look, issues);
  // A file's several shapes are its check's to tell apart (`file-value.ts`).
  if (rule.type === 'file') return checkOf(look.checks, 'file')(rule, value, path, look, issues);
  if (!kindMatches(rule, value)) {
    issues.push(typeIssue(describeRule(rule, look.formats), value, path, look));
    return;
  }
  switch (rule.type) {
    case 'string':
      return checkString(rule, value as string, path, look, issues);
    case 'integer':
    case 'number':
      return checkOf(look.checks, 'number')(rule, value as number, path, look, issues);
    case 'boolean':
      return;
    case 'array':
      return checkArray(rule, value as unknown[], path, look, issues);
    case 'object':
      return checkOf(look.checks, 'object')(rule, value as Record<string, unknown>, path, look, issues);
  }
}

export function kindMatches(rule: ValueRule, value: unknown): boolean {
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
    // Never a union's member (the loader refuses it), so this coarse answer decides nothing.
    case 'file':
      return value !== null && typeof value === 'object';
  }
}

function checkString(rule: StringRule, value: string, path: string[], look: Look, issues: ValidationIssue[]): void {
  if (rule.enum && checkOf(look.checks, 'enum')(rule.enum, value, path, look, issues)) return;
  // A string has between half its UTF-16 length and that length in code points: most are clearly
  // within the bounds without counting them.
  if ((rule.minLength !== undefined && value.length < 2 * rule.minLength) || (rule.maxLength !== undefined && value.length > rule.maxLength)) {
    const length = codePoints(value);
    if (rule.minLength !== undefined && length < rule.minLength) issues.push({ path: formatPath(path), problem: `must be at least ${plural(rule.minLength, 'character')} long`, received: look.show(value) });
    if (rule.maxLength !== undefined && length > rule.maxLength) issues.push({ path: formatPath(path), problem: `must be at most ${plural(rule.maxLength, 'character')} long`, received: `${plural(length, 'character')}` });
  }
  const format = rule.format === undefined ? undefined : formatOf(look.formats, rule.format);
  if (format !== undefined && !format.pattern.test(value)) {
    issues.push({ path: formatPath(path), problem: `must be ${format.words}`, expected: rule.format, received: look.show(value) });
  }
  if (rule.pattern !== undefined) checkOf(look.checks, 'pattern')(rule.pattern, value, path, look, issues);
}

function checkArray(rule: ArrayRule, value: unknown[], path: string[], look: Look, issues: ValidationIssue[]): void {
  if (rule.minItems !== undefined && value.length < rule.minItems) issues.push({ path: formatPath(path), problem: `must have at least ${plural(rule.minItems, 'item')}`, received: plural(value.length, 'item') });
  if (rule.maxItems !== undefined && value.length > rule.maxItems) issues.push({ path: formatPath(path), problem: `must have at most ${plural(rule.maxItems, 'item')}`, received: plural(value.length, 'item') });
  if (rule.items === undefined) return;
  for (let i = 0; i < value.length; i++) checkValue(rule.items, value[i], [...path, String(i)], look, issues);
}

export function typeIssue(expected: string, value: unknown, path: string[], look: Look): ValidationIssue {
  // null, undefined, NaN and Infinity say what they are by name (JSON would print NaN as null).
  const named = value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value));
  const received = named ? String(value) : `${kindOf(value)} ${look.show(value)}`;
  return { path: formatPath(path), problem: `must be ${expected}`, expected, received };
}

/** "a string", "an integer", "a list of strings", "an object or null", in the caller's words. */
export function describeRule(rule: ValueRule, formats: Formats): string {
  const shape = describeShape(rule, formats);
  return rule.nullable === true ? `${shape} or null` : shape;
}

function describeShape(rule: ValueRule, formats: Formats): string {
  if ('anyOf' in rule) return rule.anyOf.map((member) => describeRule(member, formats)).join(' or ');
  switch (rule.type) {
    case 'string':
      return rule.format ? formatOf(formats, rule.format).words : 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return rule.items ? `a list of ${pluralKind(rule.items, formats)}` : 'a list';
    case 'object':
      return 'an object';
    case 'file':
      return 'a file';
  }
}

function pluralKind(rule: ValueRule, formats: Formats): string {
  if ('anyOf' in rule) return 'values';
  switch (rule.type) {
    case 'string':
      return (rule.format && formatOf(formats, rule.format).plural) || 'strings';
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
    case 'file':
      return 'files';
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Length as JSON Schema counts it: code points, so an emoji is one character. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

