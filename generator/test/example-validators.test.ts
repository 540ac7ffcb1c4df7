import { describe, expect, it } from 'vitest';
import { validatorFor } from '../src/load/example-validators.js';

describe('example validators', () => {
  it('one compiled validator serves every schema with the same JSON text', () => {
    const schema = () => ({ type: 'object', properties: { to: { type: 'string', pattern: '^\\+[1-9][0-9]{1,14}$' } }, required: ['to'] });
    const first = validatorFor(schema());
    expect(validatorFor(schema())).toBe(first);
    expect(first({ to: '+15555550100' })).toBe(true);
    expect(first({ to: 'nope' })).toBe(false);
  });

  it('schemas that differ, even only in key order, get their own validators', () => {
    const a = validatorFor({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } });
    const reordered = validatorFor({ type: 'object', properties: { b: { type: 'integer' }, a: { type: 'string' } } });
    const other = validatorFor({ type: 'object', properties: { a: { type: 'integer' } } });
    expect(reordered).not.toBe(a);
    expect(other).not.toBe(a);
    expect(other({ a: 'x' })).toBe(false);
    expect(a({ a: 'x' })).toBe(true);
  });
});
