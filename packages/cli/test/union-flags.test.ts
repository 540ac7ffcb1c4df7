import { describe, expect, it } from 'vitest';
import { coerceFlags, splitList, type FlagValues } from '../src/args.js';

const flags = (entries: Array<[string, FlagValues]>) => new Map(entries);
const schema = (properties: Record<string, object>) => ({ type: 'object', properties });

describe('flags of a union parameter (anyOf in the input schema)', () => {
  const oneOrSeveral = schema({ to: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } });
  const numberOrTag = schema({ version: { anyOf: [{ type: 'integer' }, { type: 'string' }] } });

  it('one flag is the scalar member; a number-looking text stays a string when only a string member takes one', () => {
    expect(coerceFlags(flags([['to', ['14155552672']]]), oneOrSeveral)).toEqual({ to: '14155552672' });
  });

  it('several flags, or a JSON list, are the array member', () => {
    expect(coerceFlags(flags([['to', ['1415', '1416']]]), oneOrSeveral)).toEqual({ to: ['1415', '1416'] });
    expect(coerceFlags(flags([['to', ['["1415","1416"]']]]), oneOrSeveral)).toEqual({ to: ['1415', '1416'] });
  });

  it('a number where a number member exists, the text otherwise', () => {
    expect(coerceFlags(flags([['version', ['3']]]), numberOrTag)).toEqual({ version: 3 });
    expect(coerceFlags(flags([['version', ['production']]]), numberOrTag)).toEqual({ version: 'production' });
  });

  it('twice without an array member is a usage error naming the flag', () => {
    expect(() => coerceFlags(flags([['version', ['3', '4']]]), numberOrTag)).toThrow("--version was given 2 times; 'version' takes one value.");
  });
});

describe('list flags split at commas outside double quotes', () => {
  const addresses = schema({ to: { type: 'array', items: { type: 'string' } } });

  it('an address with a quoted display name holding a comma stays one item, quotes kept', () => {
    expect(coerceFlags(flags([['to', ['"Doe, John" <john@example.com>,jane@example.com']]]), addresses)).toEqual({
      to: ['"Doe, John" <john@example.com>', 'jane@example.com'],
    });
  });

  it('plain commas still split, repeated flags still collect, items are trimmed', () => {
    expect(coerceFlags(flags([['to', ['a, b', 'c']]]), addresses)).toEqual({ to: ['a', 'b', 'c'] });
  });

  it('a backslash keeps an escaped quote inside quotes; an unclosed quote splits at every comma', () => {
    expect(splitList('"say \\"hi, there\\"",x')).toEqual(['"say \\"hi, there\\""', 'x']);
    expect(splitList('"open,a,b')).toEqual(['"open', 'a', 'b']);
  });
});

describe('flags of a list of objects', () => {
  const lineItems = schema({ line_items: { type: 'array', items: { type: 'object', properties: { price: { type: 'string' }, quantity: { type: 'integer' } } } } });

  it('one JSON object per flag is one item, its commas are not a list', () => {
    expect(coerceFlags(flags([['line_items', ['{"price":"p_1","quantity":2}']]]), lineItems)).toEqual({ line_items: [{ price: 'p_1', quantity: 2 }] });
  });

  it('repeated object flags collect, and a JSON list still works', () => {
    expect(coerceFlags(flags([['line_items', ['{"price":"p_1"}', ' {"price":"p_2","quantity":1}']]]), lineItems)).toEqual({ line_items: [{ price: 'p_1' }, { price: 'p_2', quantity: 1 }] });
    expect(coerceFlags(flags([['line_items', ['[{"price":"p_1"},{"price":"p_2"}]']]]), lineItems)).toEqual({ line_items: [{ price: 'p_1' }, { price: 'p_2' }] });
  });
});

describe('flags of a nullable parameter (type [T, "null"] in the input schema)', () => {
  const nullable = schema({ title: { type: ['string', 'null'] }, tags: { type: ['array', 'null'], items: { type: 'string' } }, icon: { anyOf: [{ type: 'object' }, { type: 'string' }, { type: 'null' }] } });
  const plain = schema({ title: { type: 'string' } });

  it('null is JSON null; any other text is read by the type besides null', () => {
    expect(coerceFlags(flags([['title', ['null']], ['tags', ['null']], ['icon', ['null']]]), nullable)).toEqual({ title: null, tags: null, icon: null });
    expect(coerceFlags(flags([['title', ['123']], ['tags', ['a,b']], ['icon', ['x']]]), nullable)).toEqual({ title: '123', tags: ['a', 'b'], icon: 'x' });
  });

  it('a parameter that is not nullable takes "null" as its text, as before', () => {
    expect(coerceFlags(flags([['title', ['null']]]), plain)).toEqual({ title: 'null' });
  });
});
