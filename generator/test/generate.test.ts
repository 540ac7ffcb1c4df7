import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/index.js';
import { projectWith } from './support.js';

function snapshotOf(root: string, paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((p) => [p, readFileSync(join(root, p), 'utf8')]));
}

describe('generate', () => {
  it('writes the same bytes every time', () => {
    const { root } = projectWith([]);
    const first = generate({ rootDir: root });
    expect(first.kind).toBe('written');
    if (first.kind !== 'written') return;
    const paths = first.summary.written;
    expect(paths).toContain('packages/catalog/catalog.json');
    const before = snapshotOf(root, paths);

    const second = generate({ rootDir: root });
    expect(second.kind === 'written' && second.summary.written).toEqual([]);
    expect(snapshotOf(root, paths)).toEqual(before);
  });

  it('check mode passes on fresh output and writes nothing', () => {
    const { root } = projectWith([]);
    generate({ rootDir: root });
    const checked = generate({ rootDir: root, check: true });
    expect(checked).toMatchObject({ kind: 'checked', stale: [] });
  });

  it('check mode names a hand-edited file', () => {
    const { root } = projectWith([]);
    generate({ rootDir: root });
    const file = join(root, 'packages/catalog/catalog.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('List Widgets', 'List All Widgets'));
    const checked = generate({ rootDir: root, check: true });
    expect(checked.kind === 'checked' && checked.stale).toEqual([{ path: 'packages/catalog/catalog.json', problem: 'differs' }]);
    // Check mode never repairs what it finds.
    expect(readFileSync(file, 'utf8')).toContain('List All Widgets');
  });

  it('check mode names files a generator no longer emits, and generate removes them', () => {
    const { root } = projectWith([]);
    generate({ rootDir: root });
    writeFileSync(join(root, 'packages/catalog/leftover.js'), 'export {};\n');
    const checked = generate({ rootDir: root, check: true });
    expect(checked.kind === 'checked' && checked.stale).toEqual([{ path: 'packages/catalog/leftover.js', problem: 'not generated' }]);
    const written = generate({ rootDir: root });
    expect(written.kind === 'written' && written.summary.removed).toEqual(['packages/catalog/leftover.js']);
  });

  it('reports per-phase timings, each phase once', () => {
    const { root } = projectWith([]);
    const result = generate({ rootDir: root });
    const phases = result.timings.map((t) => t.phase);
    expect(new Set(phases).size).toBe(phases.length);
    expect(phases).toEqual(expect.arrayContaining(['load + validate + model', 'package versions', 'emit catalog', 'emit clients', 'emit mocks', 'emit contract-tests', 'emit bindings', 'emit docs', 'compare', 'write']));
    expect(result.timings.every((t) => t.ms >= 0)).toBe(true);
  });
});
