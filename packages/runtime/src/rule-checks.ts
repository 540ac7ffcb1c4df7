/**
 * The checks of argument-rule keywords that most functions' rules do not use, one constant each,
 * so a generated operation carries (`OperationSpec.parts.checks`) only the keywords its rules use:
 * numbers (range), objects (required and unknown keys, nested properties), unions, enums and
 * patterns. Strings, lists and booleans are checked by `arg-rules.ts` itself.
 */

import { describeRule, kindMatches, tagOf, typeIssue, type Look, type RuleChecks, type UnionRule, type ValueRule } from './arg-rules.js';
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
  issues.push(typeIssue(describeRule(rule, look.formats), value, path, look));
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
