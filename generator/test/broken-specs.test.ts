import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/index.js';
import { brokenSpecCases, OAUTH2_EXAMPLES, oauth2 } from './broken-specs.cases.js';
import { CaseRunner } from './case-runner.js';
import { projectWith, releasePipes } from './support.js';

/** Only a "does it stop" bound: a case takes well under a second; a backtracking pattern takes minutes. */
const CASE_LIMIT_MS = 60_000;

describe('the fixture provider', () => {
  it('is valid, so every case below fails only by its own edit', () => {
    const { specs } = projectWith([]);
    const result = loadCatalog(specs);
    expect(result.ok).toBe(true);
  });

  it('is valid moved onto OAuth2 client credentials, so the OAuth2 cases fail only by their own edit', () => {
    const { specs } = projectWith([...oauth2(), ...OAUTH2_EXAMPLES]);
    const result = loadCatalog(specs);
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
  });
});

describe('broken specs are reported at file:line:col with what is wrong', () => {
  const runner = new CaseRunner(CASE_LIMIT_MS);
  beforeAll(() => runner.start(), CASE_LIMIT_MS);
  afterAll(() => runner.close());

  it('has at least 60 cases', () => {
    expect(brokenSpecCases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(brokenSpecCases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, testCase) => {
      const { root, specs } = projectWith(testCase.edits);
      const before = readdirSync(root, { recursive: true }).sort();

      // Loading, then generating from the same broken specs, in a worker that is stopped if it hangs.
      const outcome = await runner.run(root, specs);
      releasePipes(specs, testCase.edits);
      expect(outcome.kind === 'did not stop' ? `did not stop within ${outcome.limitMs / 1000} s` : 'stopped').toBe('stopped');
      expect(outcome.kind === 'crashed' ? outcome.error : 'no crash').toBe('no crash');
      if (outcome.kind !== 'done') return;
      expect(outcome.diagnostics).toEqual(testCase.expected);

      // Generating reports the same and writes nothing.
      expect(outcome.generated).toBe('invalid');
      expect(readdirSync(root, { recursive: true }).sort()).toEqual(before);
      expect(readdirSync(root)).not.toContain('packages');
    },
    CASE_LIMIT_MS * 2,
  );
});
