import { afterEach, describe, expect, it } from 'vitest';
import { checkArgs, type ArgsRule } from '../src/arg-rules.js';
import { allParts } from '../src/all-parts.js';
import { toRe2Syntax, usePatternEngine, type PatternEngine } from '../src/pattern-engine.js';

const rule = (pattern: string): ArgsRule => ({ properties: { code: { type: 'string', pattern } } });
const problems = (pattern: string, code: string) => checkArgs(rule(pattern), { code }, JSON.stringify, allParts).map((i) => `${i.path} ${i.problem}`);

afterEach(() => usePatternEngine(null));

describe('the engine that runs spec patterns', () => {
  it('is RegExp by default', () => {
    expect(problems('^ab+$', 'abbb')).toEqual([]);
    expect(problems('^ab+$', 'ac')).toEqual(['code must match the pattern ^ab+$']);
  });

  it('can be replaced for the whole process, each pattern compiled once by it', () => {
    const compiled: string[] = [];
    const everything: PatternEngine = { compile: (pattern) => (compiled.push(pattern), { test: () => pattern === '^only-this$' }) };
    usePatternEngine(everything);
    expect(problems('^ab+$', 'abbb')).toEqual(['code must match the pattern ^ab+$']);
    expect(problems('^ab+$', 'ab')).toEqual(['code must match the pattern ^ab+$']);
    expect(problems('^only-this$', 'anything')).toEqual([]);
    expect(compiled).toEqual(['^ab+$', '^only-this$']);
  });

  it('goes back to RegExp, recompiling, when given null', () => {
    usePatternEngine({ compile: () => ({ test: () => false }) });
    expect(problems('^ab+$', 'abbb')).toHaveLength(1);
    usePatternEngine(null);
    expect(problems('^ab+$', 'abbb')).toEqual([]);
  });
});

describe('spec patterns in RE2 syntax', () => {
  it.each([
    ['\\u0041', '\\x{0041}'],
    ['\\u{1F600}', '\\x{1F600}'],
    ['\\\\u0041', '\\\\u0041'],
    ['^[a-z]+\\.\\d$', '^[a-z]+\\.\\d$'],
  ])('%s becomes %s', (pattern, re2) => {
    expect(toRe2Syntax(pattern)).toBe(re2);
  });
});
