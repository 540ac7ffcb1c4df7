import { describe, expect, it } from 'vitest';
import { luaArguments } from '../src/lua-args.js';

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
    expect(luaArguments({ expand: {}, metadata: {}, line_items: [{ tax_rates: {} }] }, schema)).toEqual({ expand: [], metadata: {}, line_items: [{ tax_rates: [] }] });
  });

  it('leave other values and unknown keys alone (validation names those), and keep __proto__ as data', () => {
    const given = JSON.parse('{"expand":["a"],"unknown":{},"__proto__":{}}') as object;
    const out = luaArguments(given, schema) as Record<string, unknown>;
    expect(out['expand']).toEqual(['a']);
    expect(out['unknown']).toEqual({});
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe("Lua tables' key order", () => {
  it('is the schema\'s declared order, then the other keys sorted, at any depth, whatever order the table gave', () => {
    const out = luaArguments({ zeta: 1, metadata: { b: '2', a: '1' }, line_items: [{ tax_rates: ['t'], price: 'p' }], expand: ['x'] }, schema);
    expect(JSON.stringify(out)).toBe('{"expand":["x"],"metadata":{"a":"1","b":"2"},"line_items":[{"tax_rates":["t"],"price":"p"}],"zeta":1}');
  });
});

describe('nullable values (type [T, "null"])', () => {
  const nullable = { type: 'object', properties: { tags: { type: ['array', 'null'], items: { type: 'string' } }, meta: { type: ['object', 'null'], properties: { b: { type: 'string' }, a: { type: 'string' } } } } };

  it('are read by the type besides null: an empty table is an empty list, and keys keep the declared order', () => {
    const out = luaArguments({ tags: {}, meta: { a: '1', b: '2' } }, nullable) as { tags: unknown; meta: object };
    expect(out.tags).toEqual([]);
    expect(Object.keys(out.meta)).toEqual(['b', 'a']);
  });
});
