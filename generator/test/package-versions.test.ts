import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, generate } from '../src/index.js';
import { projectWith } from './support.js';

const MANIFEST = 'packages/clients/acme/package.json';
const manifest = (root: string) => JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) as { version: string; dependencies: Record<string, string> };

/** A generated project whose acme client Changesets has moved to `version`, with its changelog. */
function released(version: string): string {
  const { root } = projectWith([]);
  generate({ rootDir: root });
  writeFileSync(join(root, MANIFEST), readFileSync(join(root, MANIFEST), 'utf8').replace('"version": "0.1.0"', `"version": "${version}"`));
  writeFileSync(join(root, 'packages/clients/acme/CHANGELOG.md'), `# @switchboard/acme\n\n## ${version}\n`);
  return root;
}

describe('client versions belong to Changesets', () => {
  it('a new client starts at 0.1.0', () => {
    const { root } = projectWith([]);
    generate({ rootDir: root });
    expect(manifest(root).version).toBe('0.1.0');
  });

  it('generate keeps the version recorded in the client package.json, and check mode accepts it', () => {
    const root = released('2.3.0');
    generate({ rootDir: root });
    expect(manifest(root).version).toBe('2.3.0');
    expect(generate({ rootDir: root, check: true })).toMatchObject({ kind: 'checked', stale: [] });
  });

  it('the bindings depend on each client at its recorded version', () => {
    const root = released('2.3.0');
    generate({ rootDir: root });
    expect((JSON.parse(readFileSync(join(root, 'packages/bindings/package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['@switchboard/acme']).toBe('2.3.0');
  });

  it("the changelog beside it is kept, never reported as stale", () => {
    const root = released('1.0.0');
    generate({ rootDir: root });
    expect(readFileSync(join(root, 'packages/clients/acme/CHANGELOG.md'), 'utf8')).toBe('# @switchboard/acme\n\n## 1.0.0\n');
    expect(generate({ rootDir: root, check: true })).toMatchObject({ kind: 'checked', stale: [] });
  });

  it('a version that is not semver is refused, naming the file, and nothing is written', () => {
    const root = released('one');
    const result = generate({ rootDir: root });
    expect(result.kind === 'invalid' && result.diagnostics.map(formatDiagnostic)).toEqual([
      `${MANIFEST}:1:1: has version "one"; expected a semver version such as 1.2.0 (Changesets writes it: npx changeset version).`,
    ]);
  });
});
