import { describe, expect, it } from 'vitest';
import { validatorFor } from '../src/load/example-validators.js';

describe('example validators', () => {
  // uniqueItems is outside the interpreter, so these schemas are compiled by ajv.
  it('one compiled validator serves every schema with the same JSON text', () => {
    const schema = () => ({ type: 'object', properties: { to: { type: 'string', pattern: '^\\+[1-9][0-9]{1,14}$' }, tags: { type: 'array', uniqueItems: true } }, required: ['to'] });
    const first = validatorFor(schema());
    expect(validatorFor(schema())).toBe(first);
    expect(first({ to: '+15555550100' })).toBe(true);
    expect(first({ to: 'nope' })).toBe(false);
  });

  it('schemas that differ, even only in key order, get their own validators', () => {
    const unique = { type: 'array', uniqueItems: true };
    const a = validatorFor({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' }, c: unique } });
    const reordered = validatorFor({ type: 'object', properties: { b: { type: 'integer' }, a: { type: 'string' }, c: unique } });
    const other = validatorFor({ type: 'object', properties: { a: { type: 'integer' }, c: unique } });
    expect(reordered).not.toBe(a);
    expect(other).not.toBe(a);
    expect(other({ a: 'x' })).toBe(false);
    expect(a({ a: 'x' })).toBe(true);
  });

  it('a schema within the interpreter is checked without compiling, with the same findings', () => {
    const schema = { type: 'object', properties: { to: { type: 'string', pattern: '^\\+[1-9][0-9]{1,14}$' } }, required: ['to'] };
    const validate = validatorFor(schema);
    // Interpreted validators are not cached: walking the schema again costs less than keying it.
    expect(validatorFor(schema)).not.toBe(validate);
    expect(validate({ to: 'nope' })).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual(['/to must match pattern "^\\+[1-9][0-9]{1,14}$"']);
  });
});
