import { describe, expect, it } from 'vitest';
import { emptyTablesAsLists } from '../src/lua-args.js';

const schema = {
  type: 'object',
  properties: {
    expand: { type: 'array', items: { type: 'string' } },
    metadata: { type: 'object' },
    line_items: { type: 'array', items: { type: 'object', properties: { tax_rates: { type: 'array', items: { type: 'string' } } } } },
  },
};

describe("Lua's empty tables", () => {
  it('are empty lists where the schema says list, at any depth, and stay objects where it says object', () => {
    expect(emptyTablesAsLists({ expand: {}, metadata: {}, line_items: [{ tax_rates: {} }] }, schema)).toEqual({ expand: [], metadata: {}, line_items: [{ tax_rates: [] }] });
  });

  it('leave other values and unknown keys alone (validation names those), and keep __proto__ as data', () => {
    const given = JSON.parse('{"expand":["a"],"unknown":{},"__proto__":{}}') as object;
    const out = emptyTablesAsLists(given, schema) as Record<string, unknown>;
    expect(out['expand']).toEqual(['a']);
    expect(out['unknown']).toEqual({});
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
