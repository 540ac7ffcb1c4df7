/**
 * Patterns in specs are checked and evaluated with RE2 semantics (re2js), so a pattern such as
 * `^(1+)+$` takes linear time on any example instead of backtracking for minutes. A pattern
 * must also compile as a JavaScript `u` regular expression, because the runtime's argument check
 * (`packages/runtime/src/arg-rules.ts`) runs it with the JavaScript engine.
 */
import { RE2JS } from 're2js';
import type { Options } from 'ajv';
import { toRe2Syntax } from '@switchboard/runtime';
import { isSchemaObject, walkSchema } from './schema-walk.js';

export { toRe2Syntax };

type RegExpEngine = NonNullable<NonNullable<Options['code']>['regExp']>;

/**
 * A catalog repeats its patterns (E.164 numbers, ids, dates) across parameters and functions, and
 * compiling one costs far more than matching it: each distinct pattern is compiled and judged
 * once. Bounded, so a catalog of many distinct patterns cannot hold on to them all.
 */
const MAX_REMEMBERED = 4_000;
const compiled = new Map<string, RE2JS>();
const problems = new Map<string, string | null>();

function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (memo.size >= MAX_REMEMBERED) memo.delete(memo.keys().next().value as string);
  memo.set(key, value);
  return value;
}

/** Throws what RE2 says when it refuses the pattern (never remembered: such a pattern is reported once and left). */
function compileRe2(pattern: string): RE2JS {
  return compiled.get(pattern) ?? remember(compiled, pattern, RE2JS.compile(toRe2Syntax(pattern)));
}

/** Why `pattern` cannot be used in a spec, or null when it can. */
export function patternProblem(pattern: string): string | null {
  const known = problems.get(pattern);
  return known !== undefined ? known : remember(problems, pattern, judgePattern(pattern));
}

function judgePattern(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `pattern is not a valid regular expression: ${(error as Error).message}.`;
  }
  try {
    compileRe2(pattern);
  } catch (error) {
    return `pattern /${pattern}/ ${unsupported(pattern, (error as Error).message)}; patterns are matched in linear time (RE2 syntax), without backreferences, lookahead or lookbehind.`;
  }
  return null;
}

/** What RE2 refused, in the words a pattern author knows (RE2 calls a lookbehind a bad named group). */
function unsupported(pattern: string, re2Message: string): string {
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a backreference';
  if (/\(\?<[=!]/.test(pattern)) return 'uses a lookbehind';
  if (/\(\?[=!]/.test(pattern)) return 'uses a lookahead';
  return `is not supported: ${re2Message.replace(/^error parsing regexp: /, '')}`;
}

/** Whether `text` contains a match of `pattern` (JSON Schema semantics: unanchored search), in linear time. */
export function patternMatches(pattern: string, text: string): boolean {
  return compileRe2(pattern).test(text);
}

/** ajv's `code.regExp` engine: every `pattern` and `patternProperties` ajv evaluates goes through RE2. */
export const re2Engine: RegExpEngine = Object.assign(
  (pattern: string) => {
    const re = compileRe2(pattern);
    // ajv keys its cache of compiled patterns by toString().
    return { test: (text: string) => re.test(text), toString: () => `/${pattern}/re2` };
  },
  { code: 'linear-time RE2 (loader only; not for standalone code)' },
);

export interface PatternProblem {
  path: Array<string | number>;
  target: 'key' | 'value';
  message: string;
}

/** Every pattern in a JSON Schema (a response schema) that cannot be used, with its path. */
export function schemaPatternProblems(schema: unknown, path: Array<string | number>): PatternProblem[] {
  const problems: PatternProblem[] = [];
  walkSchema(schema, path, (node, at) => {
    if (typeof node.pattern === 'string') {
      const problem = patternProblem(node.pattern);
      if (problem) problems.push({ path: [...at, 'pattern'], target: 'value', message: problem });
    }
    if (!isSchemaObject(node.patternProperties)) return;
    for (const name of Object.keys(node.patternProperties)) {
      const problem = patternProblem(name);
      if (problem) problems.push({ path: [...at, 'patternProperties', name], target: 'key', message: problem });
    }
  });
  return problems;
}
