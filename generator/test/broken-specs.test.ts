import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, generate, loadCatalog } from '../src/index.js';
import { brokenSpecCases } from './broken-specs.cases.js';
import { projectWith } from './support.js';

describe('the fixture provider', () => {
  it('is valid, so every case below fails only by its own edit', () => {
    const { specs } = projectWith([]);
    const result = loadCatalog(specs);
    expect(result.ok).toBe(true);
  });
});

describe('broken specs are reported at file:line:col with what is wrong', () => {
  it('has at least 30 cases', () => {
    expect(brokenSpecCases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(brokenSpecCases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const { root, specs } = projectWith(testCase.edits);
    const loaded = loadCatalog(specs);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual(testCase.expected);

    // Generating from the same broken specs reports the same and writes nothing.
    const before = readdirSync(root, { recursive: true }).sort();
    const generated = generate({ rootDir: root });
    expect(generated.kind).toBe('invalid');
    expect(readdirSync(root, { recursive: true }).sort()).toEqual(before);
    expect(readdirSync(join(root))).not.toContain('packages');
  });
});
