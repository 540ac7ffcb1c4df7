/**
 * The literal printer's layout: a value goes on one line when it fits and nothing in it spans
 * lines. The printer no longer searches its items' text for line breaks (it tracks them), so these
 * hold that a multi-line item anywhere below still breaks every level above it.
 */
import { describe, expect, it } from 'vitest';
import { AsConst, Documented, jsLiteral, TypedAs } from '../src/emit/render/js-literal.js';
import { CodeReference } from '../src/emit/escape/ts.js';

describe('jsLiteral', () => {
  it('keeps a short value on one line', () => {
    expect(jsLiteral({ a: 1, b: ['x', null, true], c: {} })).toBe('{ a: 1, b: ["x", null, true], c: {} }');
  });

  it('breaks a value wider than the width, one item per line', () => {
    expect(jsLiteral([1, 2, 3], '', 6)).toBe('[\n  1,\n  2,\n  3,\n]');
  });

  it('breaks every level above a multi-line item, however short the levels are', () => {
    const deep = { a: { b: [{ c: 1, d: new Documented('The d.', 2) }] } };
    expect(jsLiteral(deep)).toBe('{\n  a: {\n    b: [\n      {\n        c: 1,\n        /** The d. */ d: 2,\n      },\n    ],\n  },\n}');
  });

  it('breaks above a multi-line value under as const or a type', () => {
    expect(jsLiteral({ x: new AsConst({ d: new Documented('D.', 1) }) })).toBe('{\n  x: {\n    /** D. */ d: 1,\n  } as const,\n}');
    expect(jsLiteral({ x: new TypedAs({ d: new Documented('D.', 1) }, 'T') })).toBe('{\n  x: {\n    /** D. */ d: 1,\n  } as T,\n}');
  });

  it('keeps a line break inside a string escaped, so the string does not break its parent', () => {
    expect(jsLiteral({ text: 'one\ntwo', ref: new CodeReference('someName') })).toBe('{ text: "one\\ntwo", ref: someName }');
  });

  it('quotes keys that are not identifiers and writes __proto__ computed', () => {
    expect(jsLiteral({ 'a-b': 1, __proto__x: 2, ['__proto__']: 3 })).toBe('{ "a-b": 1, __proto__x: 2, ["__proto__"]: 3 }');
  });
});
