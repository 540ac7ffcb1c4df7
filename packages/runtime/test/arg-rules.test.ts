/**
 * The argument-rule interpreter, as a table of rules, arguments and the exact
 * issues a caller sees.
 */

import { describe, expect, it } from 'vitest';
import { checkArgs, describeRule, type ArgsRule, type ValueRule } from '../src/arg-rules.js';
import { allParts } from '../src/all-parts.js';
import { allFormats } from '../src/formats.js';
import type { ValidationIssue } from '../src/errors.js';

const show = (value: unknown) => JSON.stringify(value);

function issuesFor(rule: ValueRule, value: unknown, required = false): ValidationIssue[] {
  const args: ArgsRule = { properties: { x: rule }, ...(required ? { required: ['x'] } : {}) };
  return checkArgs(args, { x: value }, show, allParts);
}

/** Retell's numeric filter: a number filter or a range filter, told apart by `type`. */
const FILTER: ValueRule = {
  discriminator: 'type',
  anyOf: [
    { type: 'string' },
    { type: 'object', properties: { type: { type: 'string', enum: ['number'] }, op: { type: 'string', enum: ['eq', 'gt'] }, value: { type: 'number' } }, required: ['type', 'op', 'value'], additionalProperties: false },
    { type: 'object', properties: { type: { type: 'string', enum: ['range'] }, op: { type: 'string', enum: ['bt'] }, value: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 } }, required: ['type', 'op', 'value'], additionalProperties: false },
  ],
};

const problems = (rule: ValueRule, value: unknown) => issuesFor(rule, value).map((i) => `${i.path} ${i.problem}${i.received ? ` (got ${i.received})` : ''}`);

describe('value rules: valid values pass', () => {
  it.each<[string, ValueRule, unknown]>([
    ['a string', { type: 'string' }, 'hi'],
    ['an integer', { type: 'integer', minimum: 1, maximum: 250 }, 250],
    ['a number', { type: 'number' }, 1.5],
    ['a boolean', { type: 'boolean' }, false],
    ['an E.164 number', { type: 'string', format: 'e164' }, '+15555550100'],
    ['a date-time', { type: 'string', format: 'date-time' }, '2026-01-31T09:30:00Z'],
    ['a date', { type: 'string', format: 'date' }, '2026-01-31'],
    ['a URL', { type: 'string', format: 'uri' }, 'https://example.com/a'],
    ['an email', { type: 'string', format: 'email' }, 'ada@example.com'],
    ['a UUID', { type: 'string', format: 'uuid' }, '123e4567-e89b-42d3-a456-426614174000'],
    ['an emoji is one character', { type: 'string', maxLength: 1 }, '😀'],
    ['two emoji are two characters, though four UTF-16 units', { type: 'string', minLength: 2, maxLength: 2 }, '😀😀'],
    ['an enum member', { type: 'string', enum: ['a', 'b'] }, 'b'],
    ['a list of strings', { type: 'array', items: { type: 'string' }, maxItems: 2 }, ['a', 'b']],
    ['a free-form object', { type: 'object' }, { anything: [1, { deep: true }] }],
    ['a closed object', { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false }, { a: 'x' }],
    ['a typed map', { type: 'object', additionalProperties: { type: 'integer' } }, { a: 1, b: 2 }],
    ['a union: the string', { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, 'one'],
    ['a union: the array', { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, ['one', 'two']],
    ['a pattern', { type: 'string', pattern: '^ab+$' }, 'abbb'],
    ['a discriminated union: one object member', FILTER, { type: 'number', op: 'gt', value: 5 }],
    ['a discriminated union: the other', FILTER, { type: 'range', op: 'bt', value: [1, 2] }],
    ['a discriminated union: its member of another JSON type', FILTER, 'any'],
  ])('%s', (_, rule, value) => {
    expect(issuesFor(rule, value)).toEqual([]);
  });
});

describe('value rules: what a caller is told', () => {
  it.each<[string, ValueRule, unknown, string[]]>([
    ['wrong type', { type: 'integer' }, '10', ['x must be an integer (got string "10")']],
    ['a fraction for an integer', { type: 'integer' }, 1.5, ['x must be an integer (got number 1.5)']],
    ['NaN is not a number', { type: 'number' }, Number.NaN, ['x must be a number (got NaN)']],
    ['E.164 in words', { type: 'string', format: 'e164' }, '5555550100', ['x must be an E.164 phone number such as +15555550100 (got "5555550100")']],
    ['date-time in words', { type: 'string', format: 'date-time' }, 'yesterday', ['x must be a date-time such as 2026-01-31T09:30:00Z (got "yesterday")']],
    ['a range', { type: 'integer', minimum: 1, maximum: 250 }, 251, ['x must be from 1 to 250 (got 251)']],
    ['a lower bound', { type: 'number', minimum: 0 }, -1, ['x must be at least 0 (got -1)']],
    ['an upper bound', { type: 'number', maximum: 5 }, 6, ['x must be at most 5 (got 6)']],
    ['too short', { type: 'string', minLength: 1 }, '', ['x must be at least 1 character long (got "")']],
    ['an emoji is one character, too short for two', { type: 'string', minLength: 2 }, '😀', ['x must be at least 2 characters long (got "😀")']],
    ['too long says how long, not the text', { type: 'string', maxLength: 3 }, 'abcd', ['x must be at most 3 characters long (got 4 characters)']],
    ['enum', { type: 'string', enum: ['active', 'deleted'] }, 'actve', ['x must be one of active, deleted (got "actve")']],
    ['too many items', { type: 'array', maxItems: 1 }, [1, 2], ['x must have at most 1 item (got 2 items)']],
    ['each bad item by index', { type: 'array', items: { type: 'string' } }, ['a', 3, true], ['x[1] must be a string (got number 3)', 'x[2] must be a string (got boolean true)']],
    ['a list of E.164 numbers', { type: 'array', items: { type: 'string', format: 'e164' } }, 'x', ['x must be a list of E.164 phone numbers (got string "x")']],
    [
      'nested: missing, unknown and wrong, all at once',
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'], additionalProperties: false },
      { b: 'two', c: 1 },
      ['x.a missing', 'x.c unknown', 'x.b must be an integer (got string "two")'],
    ],
    ['a typed map entry', { type: 'object', additionalProperties: { type: 'integer' } }, { ok: 1, bad: 'no' }, ['x.bad must be an integer (got string "no")']],
    ['null inside a list is a value of the wrong type', { type: 'array', items: { type: 'string' } }, [null], ['x[0] must be a string (got null)']],
    ['a union of kinds', { anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }] }, 'ten', ['x must be a number or a list of numbers (got string "ten")']],
    [
      'a union member of the same kind explains itself',
      { anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }] },
      [1, 2, 3],
      ['x must have at most 2 items (got 3 items)'],
    ],
    ['a pattern', { type: 'string', pattern: '^ab+$' }, 'ac', ['x must match the pattern ^ab+$ (got "ac")']],
    // Checked against the member its tag names, so the problems are that member's, not "must be a or b".
    ['a tagged object is its member', FILTER, { type: 'range', op: 'gt', value: 5 }, ['x.op must be one of bt (got "gt")', 'x.value must be a list of numbers (got number 5)']],
    ['an unknown tag names the tags', FILTER, { type: 'date', op: 'eq', value: 1 }, ['x.type must be one of "number", "range" (got "date")']],
    ['a missing tag says what it is for', FILTER, { op: 'eq', value: 1 }, ['x.type missing: it says which kind of object this is, one of "number", "range"']],
    ['not an object: every member named', FILTER, 5, ['x must be a string or an object with type "number" or an object with type "range" (got number 5)']],
  ])('%s', (_, rule, value, expected) => {
    expect(problems(rule, value)).toEqual(expected);
  });
});

describe('the arguments object', () => {
  const rule: ArgsRule = { properties: { to: { type: 'string', format: 'e164' }, text: { type: 'string', minLength: 1 }, from: { type: 'string' } }, required: ['to', 'text'] };

  it('reports missing, then unknown, then each bad parameter', () => {
    expect(checkArgs(rule, { colour: 'red', from: 5 }, show, allParts)).toEqual([
      { path: 'to', problem: 'missing' },
      { path: 'text', problem: 'missing' },
      { path: 'colour', problem: 'unknown' },
      { path: 'from', problem: 'must be a string', expected: 'a string', received: 'number 5' },
    ]);
  });

  it('null is "not given": fine for an optional parameter, missing for a required one', () => {
    expect(checkArgs(rule, { to: '+15555550100', text: 'hi', from: null }, show, allParts)).toEqual([]);
    expect(checkArgs(rule, { to: null, text: 'hi' }, show, allParts)).toEqual([{ path: 'to', problem: 'missing' }]);
  });

  it('undefined values are not given, even under unknown names', () => {
    expect(checkArgs(rule, { to: '+15555550100', text: 'hi', from: undefined, other: undefined }, show, allParts)).toEqual([]);
  });

  it('quotes values only through the caller-supplied show (which redacts)', () => {
    const issues = checkArgs(rule, { to: 'sk_live_secret', text: 'hi' }, () => '[REDACTED]', allParts);
    expect(issues[0]?.received).toBe('[REDACTED]');
  });
});

describe('describing rules', () => {
  it.each<[ValueRule, string]>([
    [{ type: 'string' }, 'a string'],
    [{ type: 'boolean' }, 'true or false'],
    [{ type: 'array', items: { type: 'integer' } }, 'a list of integers'],
    [{ anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, 'a string or a list of strings'],
  ])('%j → %s', (rule, words) => {
    expect(describeRule(rule, allFormats)).toBe(words);
  });
});
