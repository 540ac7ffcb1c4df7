import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/load/ajv.js';
import { ajvFacts, interpretedValidator, staticAjvFacts } from '../src/load/schema-interpreter.js';
import { seededRandom } from './seeded-random.js';

/**
 * The interpreter stands in for ajv when examples are checked, and the loader words its messages
 * from the errors, so it must report exactly ajv's errors: same keywords, paths, params,
 * messages and order. Compared here on seeded random schemas over the keywords it handles and
 * on values made to pass and to fail them.
 */
const ajv = createAjv({ verbose: true });
// What the loader uses, so the comparisons below hold for it; the first test holds it to ajv's own.
const facts = staticAjvFacts();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

const NAMES = ['id', 'name', 'status', 'a/b', 'x~y', 'total', 'items', 'constructor', 'émoji'];
const PATTERNS = ['^[a-z]+$', '^\\+[1-9][0-9]{1,14}$', 'a.c', '\\d', '^"q"\\\\$'];
const FORMATS = ['date-time', 'email', 'uri', 'uuid', 'date', 'int32', 'password'];
const STRINGS = ['', 'abc', 'a-c', 'x1', '+15555550100', '2026-01-02T03:04:05Z', 'a@b.example', 'https://x.example/p', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', '2026-01-02', 'naïve', '😀😀', '"q"\\'];

function makeSchemas(next: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  const int = (max: number) => Math.floor(next() * (max + 1));

  const schema = (depth: number): Schema => {
    const kinds = depth > 2 ? ['string', 'integer', 'number', 'boolean', 'null'] : ['string', 'integer', 'number', 'boolean', 'null', 'array', 'object', 'object', 'union', 'types', 'untyped'];
    const kind = pick(kinds);
    const out: Schema = {};
    if (chance(0.2)) out.description = 'Described.';
    if (kind === 'union') {
      // Members of disjoint types, as the loader makes them; sometimes overlapping, as a response schema may.
      const members = [schema(depth + 1), schema(depth + 1), ...(chance(0.3) ? [schema(depth + 1)] : [])];
      return { ...out, anyOf: members };
    }
    if (kind === 'types') out.type = chance(0.5) ? [pick(['string', 'integer', 'object', 'array']), 'null'] : ['string', 'number'];
    else if (kind !== 'untyped') out.type = kind;
    const type = Array.isArray(out.type) ? (out.type[0] as string) : (out.type as string | undefined);
    if (type === 'string' || kind === 'untyped') {
      if (chance(0.3)) out.minLength = int(3);
      if (chance(0.3)) out.maxLength = int(6);
      if (chance(0.3)) out.pattern = pick(PATTERNS);
      if (chance(0.3)) out.format = pick(FORMATS);
    }
    if (type === 'integer' || type === 'number' || kind === 'untyped') {
      if (chance(0.3)) out.minimum = int(10) - 3;
      if (chance(0.3)) out.maximum = int(20) - 2;
      if (chance(0.15)) out.exclusiveMinimum = int(5);
      if (chance(0.15)) out.exclusiveMaximum = int(30) + 0.5;
      if (chance(0.1)) out.format = 'int32';
    }
    if (chance(0.2)) out.enum = type === 'string' ? ['abc', 'x1', ''] : type === 'integer' || type === 'number' ? [1, 2, 3.5] : ['abc', 1, null, { a: 1 }, [1]];
    if (chance(0.05)) out.const = pick<Json>(['abc', 1, null, { a: [1] }]);
    if (type === 'array' || (kind === 'untyped' && chance(0.3))) {
      out.items = schema(depth + 1);
      if (chance(0.3)) out.minItems = int(2);
      if (chance(0.3)) out.maxItems = int(3);
    }
    if (type === 'object' || (kind === 'untyped' && chance(0.3))) {
      const properties: Schema = {};
      for (let i = int(4); i > 0; i--) properties[pick(NAMES)] = schema(depth + 1);
      if (chance(0.85)) out.properties = properties;
      const names = Object.keys(properties);
      if (chance(0.6)) out.required = [...new Set([...names.filter(() => chance(0.5)), ...(chance(0.2) ? ['missing'] : [])])];
      const additional = next();
      if (additional < 0.3) out.additionalProperties = false;
      else if (additional < 0.45) out.additionalProperties = true;
      else if (additional < 0.6) out.additionalProperties = schema(depth + 1);
    }
    return out;
  };

  /** A value shaped after `s` (so most checks get past the type), or anything at all. */
  const value = (s: Schema | undefined, depth: number): Json => {
    if (!s || chance(0.15) || depth > 5) return anything(depth);
    if (Array.isArray(s.anyOf)) return value(pick(s.anyOf as Schema[]), depth);
    if (Array.isArray(s.enum) && chance(0.5)) return pick(s.enum as Json[]);
    const type = Array.isArray(s.type) ? pick(s.type as string[]) : (s.type as string | undefined) ?? pick(['string', 'integer', 'object', 'array']);
    switch (type) {
      case 'string':
        return pick(STRINGS);
      case 'integer':
        return int(30) - 5;
      case 'number':
        return chance(0.5) ? int(30) - 5 : next() * 40 - 5;
      case 'boolean':
        return chance(0.5);
      case 'null':
        return null;
      case 'array':
        return Array.from({ length: int(4) }, () => value(s.items as Schema | undefined, depth + 1));
      default: {
        const out: { [key: string]: Json } = {};
        const properties = (s.properties ?? {}) as Record<string, Schema>;
        for (const name of Object.keys(properties)) if (chance(0.7)) out[name] = value(properties[name], depth + 1);
        if (chance(0.3)) out[pick(['extra', 'a/b', 'x~y'])] = value(typeof s.additionalProperties === 'object' ? (s.additionalProperties as Schema) : undefined, depth + 1);
        return out;
      }
    }
  };

  const anything = (depth: number): Json => {
    switch (int(depth > 3 ? 4 : 6)) {
      case 0:
        return null;
      case 1:
        return chance(0.5);
      case 2:
        return pick([0, 1, -1, 2.5, 7, 1e21]);
      case 3:
      case 4:
        return pick(STRINGS);
      case 5:
        return [anything(depth + 1), anything(depth + 1)];
      default:
        return { [pick(NAMES)]: anything(depth + 1) };
    }
  };

  return { schema: () => schema(0), value: (s: Schema) => value(s, 0) };
}

describe('schema interpreter', () => {
  it('knows what an ajv instance knows without loading ajv: the same keywords, the same format definitions', () => {
    const fromAjv = ajvFacts(ajv);
    expect([...facts.knownKeywords].sort()).toEqual([...fromAjv.knownKeywords].sort());
    expect(Object.keys(facts.formats).sort()).toEqual(Object.keys(fromAjv.formats).sort());
    for (const name of Object.keys(fromAjv.formats)) expect(facts.formats[name], name).toBe(fromAjv.formats[name]);
    for (const pattern of PATTERNS) for (const text of STRINGS) expect(facts.regExp(pattern).test(text), `${pattern} on ${text}`).toBe(fromAjv.regExp(pattern).test(text));
  });

  it('reports exactly the errors ajv reports, on seeded random schemas and values', () => {
    let invalid = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { schema, value } = makeSchemas(seededRandom(seed));
      const s = schema();
      const interpreted = interpretedValidator(s, facts);
      expect(interpreted, `seed ${seed}: ${JSON.stringify(s)}`).not.toBeNull();
      const compiled = ajv.compile(s);
      for (let i = 0; i < 12; i++) {
        const data = value(s);
        const valid = compiled(data);
        const context = `seed ${seed}, value ${i}: ${JSON.stringify(data)} against ${JSON.stringify(s)}`;
        expect(interpreted!(data), context).toBe(valid);
        expect(interpreted!.errors, context).toEqual(compiled.errors);
        if (!valid) invalid++;
      }
      ajv.removeSchema(s);
    }
    // The values must exercise the failing paths, not only pass.
    expect(invalid).toBeGreaterThan(1500);
  });

  it('orders errors as ajv does: a lone type with keywords of its own is reported after enum', () => {
    const s = { type: 'string', minLength: 2, enum: ['ab', 'cd'] };
    const validate = interpretedValidator(s, facts)!;
    expect(validate(5)).toBe(false);
    expect(validate.errors!.map((e) => e.keyword)).toEqual(['enum', 'type']);
    const alone = interpretedValidator({ type: 'string', enum: ['ab'] }, facts)!;
    alone(5);
    expect(alone.errors!.map((e) => e.keyword)).toEqual(['type', 'enum']);
  });

  it('leaves to ajv every schema with a keyword it does not handle, or a value draft-07 refuses', () => {
    const unhandled: Schema[] = [
      { type: 'array', uniqueItems: true },
      { oneOf: [{ required: ['a'] }, { required: ['b'] }] },
      { allOf: [{ type: 'string' }] },
      { not: { type: 'string' } },
      { type: 'object', patternProperties: { '^x': {} } },
      { $ref: '#/definitions/a', definitions: { a: {} } },
      { type: 'array', items: [{ type: 'string' }] },
      { type: 'number', multipleOf: 2 },
      { type: 'string', nullable: true },
      { type: 'string', format: 'no-such-format' },
      { type: 'object', properties: { a: true } },
      { type: 'strin' },
      { type: ['string', 'string'] },
      { type: 'string', minLength: -1 },
      { type: 'string', maxLength: 1.5 },
      { enum: [] },
      { enum: [1, 1] },
      { required: ['a', 'a'] },
      { anyOf: [] },
      { type: 'string', pattern: 'a\\Z' },
      { description: 3 },
      { type: 'object', properties: { a: { type: 'array', uniqueItems: true } } },
    ];
    for (const s of unhandled) expect(interpretedValidator(s, facts), JSON.stringify(s)).toBeNull();
  });

  it('leaves a schema with an own __proto__ key to ajv rather than reading the prototype', () => {
    const withKey = (target: Record<string, unknown>) => Object.defineProperty(target, '__proto__', { value: { type: 'string' }, enumerable: true, configurable: true, writable: true });
    expect(interpretedValidator(withKey({ type: 'object' }), facts)).toBeNull();
    expect(interpretedValidator({ type: 'object', properties: withKey({}) }, facts)).toBeNull();
    // Keys named like Object.prototype members are keys like any other.
    const s = { type: 'object', toString: 1, properties: { constructor: { type: 'string' }, hasOwnProperty: { type: 'integer' } }, additionalProperties: false };
    const validate = interpretedValidator(s, facts)!;
    const compiled = ajv.compile(s);
    for (const data of [{ constructor: 'x' }, { constructor: 1 }, { hasOwnProperty: 'no' }, { valueOf: 1 }]) {
      expect(validate(data)).toBe(compiled(data));
      expect(validate.errors).toEqual(compiled.errors);
    }
  });

  it('ignores keywords ajv does not know, as ajv does', () => {
    const s = { type: 'object', 'x-internal': true, example: { a: 1 }, properties: { a: { type: 'integer', 'x-unit': 'ms' } } };
    const validate = interpretedValidator(s, facts)!;
    const compiled = ajv.compile(s);
    expect(validate({ a: 'no' })).toBe(false);
    expect(compiled({ a: 'no' })).toBe(false);
    expect(validate.errors).toEqual(compiled.errors);
  });
});
