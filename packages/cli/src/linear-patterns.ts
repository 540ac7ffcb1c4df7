/**
 * The CLI checks arguments from callers it cannot trust (an MCP client, a Lua script, a pasted
 * command line), so spec patterns run on RE2 here: linear time on any input. JavaScript's RegExp
 * backtracks, and a pattern such as `^(1+)+$` against `"1" × 40 + "!"` would stall the process.
 */
import { RE2JS } from 're2js';
import { toRe2Syntax, usePatternEngine, type PatternEngine } from '@switchboard/runtime';

export const linearPatternEngine: PatternEngine = {
  compile(pattern) {
    const re = RE2JS.compile(toRe2Syntax(pattern));
    return { test: (text) => re.test(text) };
  },
};

/** Every argument check of this process from now on runs spec patterns on RE2. */
export function useLinearPatterns(): void {
  usePatternEngine(linearPatternEngine);
}
