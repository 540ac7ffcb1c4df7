/**
 * The checks of argument-rule keywords that most functions' rules do not use, one constant each,
 * so a generated operation carries (`OperationSpec.parts.checks`) only the keywords its rules use:
 * numbers (range), objects (required and unknown keys, nested properties), unions, enums and
 * patterns. Strings, lists and booleans are checked by `arg-rules.ts` itself.
 */

import { describeRule, kindMatches, typeIssue, type Formats, type Look, type RuleChecks, type UnionRule, type ValueRule } from './arg-rules.js';
import { formatPath } from './arguments.js';
import type { ValidationIssue } from './errors.js';
import { fileCheck } from './file-value.js';
import { compiledPattern } from './pattern-engine.js';

export const numberCheck: NonNullable<RuleChecks['number']> = (rule, value, path, look, issues) => {
  if (rule.enum && enumCheck(rule.enum, value, path, look, issues)) return;
  const { minimum, maximum } = rule;
  const outside = (minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum);
  if (!outside) return;
  const range =
    minimum !== undefined && maximum !== undefined ? `from ${minimum} to ${maximum}` : minimum !== undefined ? `at least ${minimum}` : `at most ${maximum}`;
  issues.push({ path: formatPath(path), problem: `must be ${range}`, expected: range, received: look.show(value) });
};

export const objectCheck: NonNullable<RuleChecks['object']> = (rule, value, path, look, issues) => {
  for (const name of rule.required ?? []) if (value[name] === undefined) issues.push({ path: formatPath([...path, name]), problem: 'missing' });
  if (rule.additionalProperties === false) {
    for (const name of Object.keys(value)) {
      if (rule.properties?.[name] === undefined && value[name] !== undefined) issues.push({ path: formatPath([...path, name]), problem: 'unknown' });
    }
  }
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const property = rule.properties?.[name] ?? (rule.additionalProperties === false ? undefined : rule.additionalProperties);
    if (property !== undefined) look.check(property, item, [...path, name], issues);
  }
};

export const unionCheck: NonNullable<RuleChecks['anyOf']> = (rule, value, path, look, issues) => {
  // An object of a discriminated union is its tag's member: checked against that one alone.
  if (rule.discriminator !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) return taggedCheck(rule, rule.discriminator, value as Record<string, unknown>, path, look, issues);
  if (rule.anyOf.some((member) => problemsOf(member, value, path, look).length === 0)) return;
  // One shape matched by type: its own problems say more than "must be a or b".
  const sameKind = rule.anyOf.filter((member) => kindMatches(member, value));
  if (sameKind.length === 1 && sameKind[0] !== undefined) return look.check(sameKind[0], value, path, issues);
  // A discriminated union's object members by their tags: "an object or an object" says nothing.
  const words = rule.discriminator === undefined ? describeRule(rule, look.formats) : rule.anyOf.map((member) => describeMember(member, rule.discriminator!, look.formats)).join(' or ');
  issues.push(typeIssue(words, value, path, look));
};

export const enumCheck: NonNullable<RuleChecks['enum']> = (allowed, value, path, look, issues) => {
  if (allowed.includes(value)) return false;
  const words = allowed.join(', ');
  issues.push({ path: formatPath(path), problem: `must be one of ${words}`, expected: words, received: look.show(value) });
  return true;
};

export const patternCheck: NonNullable<RuleChecks['pattern']> = (pattern, value, path, look, issues) => {
  if (!compiledPattern(pattern).test(value)) issues.push({ path: formatPath(path), problem: `must match the pattern ${pattern}`, expected: pattern, received: look.show(value) });
};

/** A member of a discriminated union: an object member by its tag (`an object with type "range"`). */
function describeMember(member: ValueRule, discriminator: string, formats: Formats): string {
  const tag = tagOf(member, discriminator);
  return tag === undefined ? describeRule(member, formats) : `an object with ${discriminator} ${JSON.stringify(tag)}`;
}

/** The one value an object member's discriminator property takes, or undefined for any other member. */
function tagOf(member: ValueRule, discriminator: string): string | number | undefined {
  if ('anyOf' in member || member.type !== 'object') return undefined;
  const property = member.properties?.[discriminator];
  return property !== undefined && !('anyOf' in property) && (property.type === 'string' || property.type === 'integer' || property.type === 'number') ? property.enum?.[0] : undefined;
}

function taggedCheck(rule: UnionRule, discriminator: string, value: Record<string, unknown>, path: string[], look: Look, issues: ValidationIssue[]): void {
  const tagged = rule.anyOf.flatMap((member) => {
    const tag = tagOf(member, discriminator);
    return tag === undefined ? [] : [{ member, tag }];
  });
  const given = value[discriminator];
  const match = tagged.find(({ tag }) => tag === given);
  if (match) return look.check(match.member, value, path, issues);
  const words = tagged.map(({ tag }) => JSON.stringify(tag)).join(', ');
  if (given === undefined) issues.push({ path: formatPath([...path, discriminator]), problem: `missing: it says which kind of object this is, one of ${words}`, expected: words });
  else issues.push({ path: formatPath([...path, discriminator]), problem: `must be one of ${words}`, expected: words, received: look.show(given) });
}

/** Every keyword's check, for hand-written operations (`allParts`). */
export const allChecks: Required<RuleChecks> = { number: numberCheck, object: objectCheck, anyOf: unionCheck, enum: enumCheck, pattern: patternCheck, file: fileCheck };

function problemsOf(rule: ValueRule, value: unknown, path: string[], look: Look): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  look.check(rule, value, path, issues);
  return issues;
}
