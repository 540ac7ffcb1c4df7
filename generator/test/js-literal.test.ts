/**
 * `jsLiteral` lays out every generated literal (operations, rules, providers, mocks, bindings), so
 * its layout is part of the committed output. It is written as one pass into a list of pieces;
 * this checks it against the plain recursive definition of the layout, on seeded random values.
 */
import { describe, expect, it } from 'vitest';
import { AsConst, Documented, TypedAs } from '../src/emit/client/documented-rules.js';
import { jsLiteral } from '../src/emit/client/examples.js';
import { docLine } from '../src/emit/escape/jsdoc.js';
import { CodeReference, tsObjectKey } from '../src/emit/escape/ts.js';

/** The layout by definition: each level built from its children's finished text. */
function reference(value: unknown, indent = '', width = 60): string {
  if (value instanceof CodeReference) return value.identifier;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const fits = (parts: string[], brackets: number) => brackets + 2 * (parts.length - 1) + parts.reduce((n, p) => n + p.length, 0) <= width && parts.every((p) => !p.includes('\n'));
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => reference(v, inner, width));
    return fits(items, 2) ? `[${items.join(', ')}]` : `[\n${items.map((i) => `${inner}${i}`).join(',\n')},\n${indent}]`;
  }
  if (value instanceof AsConst) return `${reference(value.value, indent, width)} as const`;
  if (value instanceof TypedAs) return `${reference(value.value, indent, width)} as ${value.type}`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const documentedKeys = entries.some(([, v]) => v instanceof Documented);
  const parts = entries.map(([k, v]) => (v instanceof Documented ? `${docLine(v.doc).trimEnd()} ${tsObjectKey(k)}: ${reference(v.value, inner, width)}` : `${tsObjectKey(k)}: ${reference(v, inner, width)}`));
  return !documentedKeys && fits(parts, 4) ? `{ ${parts.join(', ')} }` : `{\n${parts.map((p) => `${inner}${p}`).join(',\n')},\n${indent}}`;
}

function randomValues(seed: number, count: number): unknown[] {
  let state = seed;
  // mulberry32: 32-bit arithmetic throughout (Math.imul), so no precision is lost.
  const random = (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const keys = ['id', 'to', 'from', 'text', 'page_size', 'a-b', '__proto__', 'x', 'description', '2fa'];
  const strings = ['', 'a', '+15555550100', 'line\nbreak', 'quote "it"', 'x'.repeat(70), 'émoji ✓'];
  const leaf = () => [null, true, false, 0, -1.5, 12345678, strings[random(strings.length)]][random(7)];
  const value = (depth: number): unknown => {
    const kind = depth > 4 ? 0 : random(8);
    if (kind <= 2) return leaf();
    if (kind === 3) return Array.from({ length: random(6) }, () => value(depth + 1));
    if (kind === 4) return new CodeReference(['rule_1', 'formatE164', 'encodePathValue'][random(3)]!);
    if (kind === 5) return random(2) ? new AsConst(value(depth + 1)) : new TypedAs(value(depth + 1), 'OperationParts');
    const object: Record<string, unknown> = {};
    for (let i = random(6); i > 0; i--) {
      const v = value(depth + 1);
      Object.defineProperty(object, keys[random(keys.length)]!, { value: random(5) === 0 ? new Documented('The doc, with */ and a\nbreak.', v) : v, enumerable: true, configurable: true, writable: true });
    }
    return object;
  };
  return Array.from({ length: count }, () => value(0));
}

describe('jsLiteral', () => {
  it('lays out 3,000 seeded values exactly as the recursive definition does, at three widths and indents', () => {
    const values = randomValues(15, 1000);
    let multiLine = 0;
    for (const [width, indent] of [[60, ''], [100, '    '], [160, '']] as const) {
      for (const v of values) {
        const got = jsLiteral(v, indent, width);
        expect(got).toBe(reference(v, indent, width));
        if (got.includes('\n')) multiLine++;
      }
    }
    // The set must exercise both layouts, or the comparison proves little.
    expect(multiLine).toBeGreaterThan(500);
    expect(multiLine).toBeLessThan(2500);
  });

  it('puts a value on one line exactly when that line is at most the width', () => {
    expect(jsLiteral({ a: 'x'.repeat(51) }, '', 60)).toBe(`{ a: "${'x'.repeat(51)}" }`); // 60 characters
    expect(jsLiteral({ a: 'x'.repeat(52) }, '', 60)).toBe(`{\n  a: "${'x'.repeat(52)}",\n}`);
    // The `as const` counts towards the line that holds it.
    expect(jsLiteral([new AsConst(['a'])], '', 16)).toBe('[["a"] as const]');
    expect(jsLiteral([new AsConst(['a'])], '', 15)).toBe('[\n  ["a"] as const,\n]');
  });
});
