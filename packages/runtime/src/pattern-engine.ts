/**
 * What runs the spec's `pattern` rules on arguments. JavaScript's RegExp by default; a process
 * that checks arguments from untrusted callers (the CLI, its MCP gateway and Lua host) installs a
 * linear-time engine instead, because a backtracking engine can take minutes on a pattern such as
 * `^(1+)+$` and a hostile argument (`"1" × 40 + "!"`). The loader accepts only patterns that both
 * JavaScript and RE2 compile (after `toRe2Syntax`), so either engine can run every spec pattern.
 */

/** A compiled pattern: JSON Schema semantics, an unanchored search. */
export interface CompiledPattern {
  test(text: string): boolean;
}

export interface PatternEngine {
  compile(pattern: string): CompiledPattern;
}

const javascriptEngine: PatternEngine = { compile: (pattern) => new RegExp(pattern, 'u') };

let engine: PatternEngine = javascriptEngine;
const compiledPatterns = new Map<string, CompiledPattern>();

/**
 * Runs every client's pattern rules in this process on `next` (null: back to RegExp). Global on
 * purpose: the engine is the process's choice, like its transport agents, and a pattern is
 * compiled once per process whichever client checks it.
 */
export function usePatternEngine(next: PatternEngine | null): void {
  engine = next ?? javascriptEngine;
  compiledPatterns.clear();
}

/** A spec pattern compiled once per process and engine, on first use. */
export function compiledPattern(pattern: string): CompiledPattern {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    compiled = engine.compile(pattern);
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}

/**
 * A spec pattern (ECMA-262, as JSON Schema has it) in RE2 syntax: RE2 spells `\uXXXX` and
 * `\u{X…}` as `\x{…}`. Most other syntax both engines accept means the same; the known
 * differences (RE2's `\s` is ASCII whitespace, its `.` also matches `\r`, U+2028 and U+2029) can
 * judge a value that relies on them differently.
 */
export function toRe2Syntax(pattern: string): string {
  // One pass: an escaped backslash is consumed whole, so `\\u0041` stays a literal backslash and `u0041`.
  return pattern.replace(/\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|[\s\S]?)/g, (escape, braced?: string, fixed?: string) => {
    const code = braced ?? fixed;
    return code === undefined ? escape : `\\x{${code}}`;
  });
}
