import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { changesetPath, checkBreakingChangesRecorded, diffCatalogSince, formatReleaseCheck, generate, loadCatalog, writeChangesets, type Func } from '../src/index.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Each check loads the whole catalog twice (at the ref and in the working tree); a limit only so it stops.
const LOADS_TWICE = 180_000;
const CHANGESET_BIN = join(REPO, 'node_modules', '@changesets', 'cli', 'bin.js');

/** A parameter whose removal leaves the spec valid: optional, and no example, rule or page walk names it. */
function removableParameters(func: Func): string[] {
  const named = JSON.stringify([func.requiredGroups, func.binding.kind === 'http' ? [func.binding.pagination, func.binding.endpoint, func.binding.idempotencyKey] : null]);
  return func.parameters
    .filter((p) => !p.required && p.location !== 'path' && p.renamedFrom.length === 0)
    .filter((p) => !func.examples.some((e) => p.name in e.arguments) && !named.includes(JSON.stringify(p.name)))
    .map((p) => p.name);
}

/** Remove one parameter from one of our specs in `clone`, the first removal (in catalog order) that keeps the catalog valid. */
function removeSomeParameter(clone: string): { provider: string; packageName: string; func: string; parameter: string } {
  const specs = join(clone, 'specs');
  const loaded = loadCatalog(specs);
  if (!loaded.ok) throw new Error('our specs do not load');
  for (const provider of loaded.catalog.providers) {
    for (const func of provider.functions) {
      for (const parameter of removableParameters(func)) {
        const file = join(specs, func.source.file);
        const original = readFileSync(file, 'utf8');
        const doc = parseDocument(original);
        doc.deleteIn(['parameters', parameter]);
        writeFileSync(file, doc.toString());
        if (loadCatalog(specs).ok) return { provider: provider.id, packageName: provider.packageName, func: func.name, parameter };
        writeFileSync(file, original);
      }
    }
  }
  throw new Error('no parameter of the catalog can be removed on its own');
}

describe('a breaking edit to one of our specs, through Changesets', () => {
  let clone: string;
  let edited: ReturnType<typeof removeSomeParameter>;
  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'switchboard-release-'));
    execFileSync('git', ['clone', '-q', REPO, clone]);
    // Changesets loads its changelog generator from the project's node_modules.
    symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'));
    edited = removeSomeParameter(clone);
  }, 120_000);
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('fails the check while no changeset records a major bump, naming the package and the change', async () => {
    const result = await checkBreakingChangesRecorded(clone, 'HEAD');
    expect(result.kind === 'checked' && result.unrecorded.map((p) => p.packageName)).toEqual([edited.packageName]);
    expect(formatReleaseCheck(result)).toContain(`  ${edited.packageName}: ${edited.func}: parameter '${edited.parameter}' removed\n`);
  }, LOADS_TWICE);

  it('writes a major changeset naming the change, and the check then passes', async () => {
    const written = writeChangesets(clone, diffCatalogSince(clone, 'HEAD'));
    expect(written).toEqual([changesetPath(edited.provider)]);
    const text = readFileSync(join(clone, written[0]!), 'utf8');
    expect(text.startsWith(`---\n"${edited.packageName}": major\n---\n`)).toBe(true);
    expect(text).toContain(`\n- major: ${edited.func}: parameter '${edited.parameter}' removed\n`);
    const result = await checkBreakingChangesRecorded(clone, 'HEAD');
    expect(result.kind === 'checked' && result.unrecorded).toEqual([]);
  }, LOADS_TWICE);

  it('changeset version writes the changelog entry and the major version, and generate keeps both', async () => {
    execFileSync(process.execPath, [CHANGESET_BIN, 'version'], { cwd: clone, stdio: 'pipe' });
    const client = join(clone, 'packages', 'clients', edited.provider);
    const version = () => (JSON.parse(readFileSync(join(client, 'package.json'), 'utf8')) as { version: string }).version;
    expect(version()).toBe('1.0.0');
    const changelog = readFileSync(join(client, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('## 1.0.0\n\n### Major Changes\n');
    expect(changelog).toContain(`- major: ${edited.func}: parameter '${edited.parameter}' removed`);
    expect(existsSync(join(clone, changesetPath(edited.provider)))).toBe(false);

    expect(generate({ rootDir: clone }).kind).toBe('written');
    expect(version()).toBe('1.0.0');
    expect(existsSync(join(client, 'CHANGELOG.md'))).toBe(true);
    const checked = generate({ rootDir: clone, check: true });
    expect(checked.kind === 'checked' && checked.stale).toEqual([]);
    // The changeset is consumed; the raised major version is what is on record now.
    const result = await checkBreakingChangesRecorded(clone, 'HEAD');
    expect(result.kind === 'checked' && result.unrecorded).toEqual([]);
  }, 300_000);
});
