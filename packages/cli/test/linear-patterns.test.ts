import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cliDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Checks arguments in a child process that has loaded the CLI's call path (built `dist/`), so a
 * regression that brings back a backtracking engine is a killed child, not a hung test worker
 * (a synchronous regex cannot be interrupted by a test timeout).
 */
function checkInCliProcess(pattern: string, values: string[]): { status: number | null; signal: NodeJS.Signals | null; stdout: string } {
  const script = `
    import { allParts, checkArgs } from '@switchboard/runtime';
    import './dist/invoke.js';
    const rule = { properties: { code: { type: 'string', pattern: ${JSON.stringify(pattern)} } } };
    const values = ${JSON.stringify(values)};
    console.log(JSON.stringify(values.map((code) => checkArgs(rule, { code }, JSON.stringify, allParts).map((i) => i.path + ' ' + i.problem))));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: cliDir, encoding: 'utf8', timeout: 30_000 });
  return { status: child.status, signal: child.signal, stdout: child.stdout };
}

describe('argument patterns in the CLI process (call, lua and mcp serve all go through invoke)', () => {
  it('run in linear time: a hostile argument against nested quantifiers is refused, not stalled on', () => {
    // A backtracking engine tries about 2^40 ways to split the ones before failing.
    const result = checkInCliProcess('^(1+)+$', [`${'1'.repeat(40)}!`, '1'.repeat(40)]);
    expect(result.signal).toBeNull();
    expect(JSON.parse(result.stdout)).toEqual([['code must match the pattern ^(1+)+$'], []]);
  });

  it('keep JSON Schema semantics: an unanchored search, \\u escapes as the spec writes them', () => {
    const result = checkInCliProcess('\\u0041\\d', ['xxA1yy', 'B1']);
    expect(JSON.parse(result.stdout)).toEqual([[], ['code must match the pattern \\u0041\\d']]);
  });
});
