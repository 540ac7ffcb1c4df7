/**
 * hoistRepeated compares nodes by structural ids instead of by their whole JSON text. Held here
 * against the JSON-text way it replaced (kept below as the reference), on seeded random rule trees
 * with repeats, shared objects, documented values and members JSON leaves out, and on a deep value
 * whose JSON-text comparison cost time in its size times its depth.
 */
import { describe, expect, it, vi } from 'vitest';
import { Documented } from '../src/emit/render/js-literal.js';
import { hoistRepeated, type HoistedRule } from '../src/emit/client/shared-rules.js';
import { CodeReference } from '../src/emit/escape/ts.js';
import { seededRandom } from './seeded-random.js';

const isRule = (node: object): boolean => !Array.isArray(node) && ('anyOf' in node || typeof (node as { type?: unknown }).type === 'string');

/** The previous implementation: every node keyed by its JSON text. */
function byJsonText(value: unknown, namePrefix: string, minLength = 75): { value: unknown; declarations: HoistedRule[] } {
  const keys = new Map<object, string>();
  const counts = new Map<string, number>();
  const count = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const key = JSON.stringify(node);
    keys.set(node, key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const child of Object.values(node)) count(child);
  };
  count(value);
  const candidate = (node: object, key: string, isRoot: boolean) => !isRoot && isRule(node) && counts.get(key)! > 1 && key.length >= minLength;
  const uses = new Map<string, number>();
  const visit = (node: unknown, isRoot: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    const key = keys.get(node)!;
    if (candidate(node, key, isRoot)) {
      const seen = uses.get(key) ?? 0;
      uses.set(key, seen + 1);
      if (seen > 0) return;
    }
    for (const child of Object.values(node)) visit(child, false);
  };
  visit(value, true);
  const declarations: HoistedRule[] = [];
  const names = new Map<string, CodeReference>();
  const rewrite = (node: unknown, isRoot: boolean): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const key = keys.get(node)!;
    const repeated = candidate(node, key, isRoot) && uses.get(key)! > 1;
    const known = repeated ? names.get(key) : undefined;
    if (known !== undefined) return known;
    if (node instanceof Documented) return new Documented(node.doc, rewrite(node.value, false));
    const body = Array.isArray(node) ? node.map((child) => rewrite(child, false)) : Object.fromEntries(Object.entries(node).map(([k, child]) => [k, rewrite(child, false)]));
    if (!repeated) return body;
    const name = `${namePrefix}${declarations.length + 1}`;
    declarations.push({ name, value: body });
    const reference = new CodeReference(name);
    names.set(key, reference);
    return reference;
  };
  return { value: rewrite(value, true), declarations };
}

/** A random rule tree drawing on a small pool of rules, so repeats (and shared objects) are common. */
function randomTree(next: () => number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const leaves = [
    () => ({ type: 'string', format: pick(['e164', 'uuid', 'date-time']), description: 'A phone number in E.164 form, with its country code.' }),
    () => ({ type: 'integer', minimum: pick([0, 1, -1, 1.5, Number.NaN]), maximum: 1000 }),
    () => ({ type: 'string', enum: pick([['a'], ['a', 'b'], ['a', null], ['a', undefined], ['\u0000', '"quoted"', 'ü']]) }),
    () => ({ type: 'boolean', default: pick([true, false, undefined, null]) }),
    () => ({ type: 'string', note: undefined, skip: () => 0 }),
  ];
  const pool: unknown[] = [];
  const tree = (depth: number): unknown => {
    const roll = next();
    if (depth > 4 || roll < 0.3) {
      if (pool.length > 0 && next() < 0.4) return pick(pool);
      const leaf = pick(leaves)();
      pool.push(leaf);
      return leaf;
    }
    // Items JSON writes as null (undefined, a function) beside real nulls, in lists of every length.
    if (roll < 0.45) return Array.from({ length: 1 + Math.floor(next() * 3) }, () => (next() < 0.3 ? pick([undefined, null, () => 0, 1]) : tree(depth + 1)));
    if (roll < 0.55) return new Documented(`Doc ${Math.floor(next() * 3)}`, tree(depth + 1));
    if (roll < 0.7) return { anyOf: [tree(depth + 1), tree(depth + 1)] };
    if (roll < 0.8) return { type: 'object', properties: { a: tree(depth + 1), b: tree(depth + 1) } };
    const value: Record<string, unknown> = {};
    for (let i = 0; i < 1 + Math.floor(next() * 4); i++) value[pick(['to', 'from', 'filter', 'op', 'value', 'x y'])] = tree(depth + 1);
    return value;
  };
  return tree(0);
}

/** The result with references and documented values told apart from plain objects (JSON, as jsLiteral cannot print an undefined item). */
const jsonOf = (value: unknown) => JSON.stringify(value);

const printed = (result: { value: unknown; declarations: HoistedRule[] }) =>
  JSON.stringify(result, (_key, value: unknown) => (value instanceof CodeReference ? `reference ${value.identifier}` : value instanceof Documented ? { documented: value.doc, value: value.value } : value));

describe('hoistRepeated', () => {
  it('shares exactly the rules that comparing whole JSON texts shared, on seeded random rule trees', () => {
    let hoisted = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const tree = randomTree(seededRandom(seed));
      for (const minLength of [20, 75]) {
        const ours = hoistRepeated(tree, 'shared', minLength);
        const reference = byJsonText(tree, 'shared', minLength);
        expect(printed(ours), `seed ${seed}, minLength ${minLength}`).toBe(printed(reference));
        hoisted += ours.declarations.length;
      }
    }
    // The trees do repeat rules: about half the runs share some.
    expect(hoisted).toBeGreaterThan(300);
  });

  it('measures a rule by the length of its JSON text, so one just below the threshold stays written out', () => {
    const rule = { type: 'string', description: 'x'.repeat(40) };
    const length = JSON.stringify(rule).length;
    const twice = { a: rule, b: { ...rule } };
    expect(hoistRepeated(twice, 'shared', length).declarations).toHaveLength(1);
    expect(hoistRepeated(twice, 'shared', length + 1).declarations).toHaveLength(0);
  });

  it('stringifies each node by its own members, not everything below it at every level', () => {
    // 400 levels, a repeated rule at the bottom: each level's JSON text holds every level below it.
    const bottom = { type: 'string', description: 'The innermost rule, long enough to be shared when it repeats.' };
    let deep: unknown = bottom;
    for (let i = 0; i < 400; i++) deep = { type: 'object', properties: { next: deep, same: i === 0 ? { ...bottom } : { type: 'integer' } } };
    const wholeText = JSON.stringify(deep).length;
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const result = hoistRepeated(deep, 'shared');
      expect(result.declarations.map((d) => jsonOf(d.value))).toEqual([jsonOf(bottom)]);
      const stringified = stringify.mock.results.reduce((sum, r) => sum + (typeof r.value === 'string' ? r.value.length : 0), 0);
      // Linear: each key and leaf once. Whole texts at every level would be about 200 times the value.
      expect(stringified).toBeLessThan(wholeText);
    } finally {
      stringify.mockRestore();
    }
  });
});
