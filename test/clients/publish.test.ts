import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support.js';

/**
 * Every workspace package a user installs from npm is publishable as it stands: the metadata a
 * registry shows (licence, repository, homepage, bugs), the LICENSE in its tarball, clean
 * `publint` and are-the-types-wrong reports, and `npm publish --dry-run`. Packages that exist only
 * inside this repository stay private, and no public package depends on one of them.
 */

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  homepage?: string;
  repository?: { type: string; url: string; directory?: string };
  bugs?: { url: string };
  keywords?: string[];
  publishConfig?: { access?: string; provenance?: boolean };
  exports?: unknown;
  main?: string;
  types?: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
}

const readJson = (path: string): PackageJson => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
const root = readJson(join(REPO, 'package.json'));
const bin = (name: string) => join(REPO, 'node_modules/.bin', name);
const run = async (file: string, args: string[], cwd = REPO) => (await promisify(execFile)(file, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;

/** The root's workspace globs (`dir` or `dir/*`), expanded to package folders. */
function workspaceDirs(): string[] {
  return (root.workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(join(REPO, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(REPO, parent, entry.name, 'package.json')))
      .map((entry) => `${parent}/${entry.name}`);
  });
}

const packages = workspaceDirs().map((dir) => ({ dir, pkg: readJson(join(REPO, dir, 'package.json')) }));
const published = packages.filter((p) => !p.pkg.private);
/** Test suites, benchmarks, generated docs pages and the docs site are never published. */
const INTERNAL = ['@switchboard/tests', '@switchboard/bench', '@switchboard/contract-tests', '@switchboard/docs', '@switchboard/docs-site'];

describe('which packages are published', () => {
  it('everything but the internal packages is public', () => {
    expect(packages.filter((p) => p.pkg.private).map((p) => p.pkg.name).sort()).toEqual([...INTERNAL].sort());
    expect(published.length).toBeGreaterThan(0);
  });

  it('no public package depends on a private one', () => {
    const privateNames = new Set(packages.filter((p) => p.pkg.private).map((p) => p.pkg.name));
    const offending = published.flatMap((p) => Object.keys(p.pkg.dependencies ?? {}).filter((d) => privateNames.has(d)).map((d) => `${p.pkg.name} → ${d}`));
    expect(offending).toEqual([]);
  });
});

// Concurrent: each check is a child process (npm pack and friends), so two cores run two at a time.
describe.concurrent.each(published.map((p) => [p.pkg.name, p] as const))('%s', (_name, { dir, pkg }) => {
  it('carries the project’s licence, repository, homepage and bugs, and publishes with provenance', () => {
    expect(pkg.license).toBe(root.license);
    expect(readFileSync(join(REPO, dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(REPO, 'LICENSE'), 'utf8'));
    expect(pkg.repository).toEqual({ ...root.repository, directory: dir });
    expect(pkg.homepage?.startsWith(root.homepage ?? '\0')).toBe(true);
    expect(pkg.bugs).toEqual(root.bugs);
    expect(pkg.keywords?.length).toBeGreaterThan(0);
    expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
  });

  it('passes publint (strict)', async () => {
    expect(await run(bin('publint'), ['run', join(REPO, dir), '--strict'])).toMatch(/All good/);
  });

  // A command-line package (a `bin` and nothing to import) has no entry point for it to check.
  it.skipIf(pkg.exports === undefined && pkg.main === undefined)(
    'has types wherever TypeScript resolves it: node10 through `main`/`types`, node16 and bundlers through `exports`',
    async () => {
      // Packed outside the repository: `attw --pack` writes the tarball into the package's folder, an
      // owned output directory, where a concurrent `generate --check` would find a file it did not generate.
      const into = mkdtempSync(join(tmpdir(), 'switchboard-attw-'));
      try {
        const tarball = (await run('npm', ['pack', '--silent', '--pack-destination', into], join(REPO, dir))).trim().split('\n').at(-1)!;
        // Node 20 loads ESM from `require` (require(esm)), so a CommonJS caller resolving to ESM is served.
        await run(bin('attw'), [join(into, tarball), '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii']);
      } finally {
        rmSync(into, { recursive: true, force: true });
      }
    },
  );

  it('npm publish --dry-run passes, with the LICENSE and without sources or tests in the tarball', async () => {
    const out = await run('npm', ['publish', '--dry-run', '--json', '--loglevel=error'], join(REPO, dir));
    const report = JSON.parse(out) as Record<string, { name: string; version: string; files: Array<{ path: string }> }>;
    const entry = report[pkg.name];
    expect(entry).toMatchObject({ name: pkg.name, version: pkg.version });
    const paths = entry!.files.map((f) => f.path);
    expect(paths).toContain('LICENSE');
    expect(paths.filter((p) => /^(src|test)\//.test(p))).toEqual([]);
  });
});
