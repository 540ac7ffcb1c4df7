import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { deserialize, serialize } from 'node:v8';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../src/index.js';
import { isJoined } from '../src/emit/emitter.js';
import { emitters } from '../src/emit/index.js';
import { copyProvider, editYaml, newRoot, REPO_SPECS, tree } from './catalog-copies.js';

/** The two provider folders of the real catalog with the fewest spec files (derived, so the test follows the catalog). */
const smallest = readdirSync(REPO_SPECS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({ name: e.name, files: readdirSync(join(REPO_SPECS, e.name)).length }))
  .sort((a, b) => a.files - b.files || a.name.localeCompare(b.name))
  .slice(0, 2)
  .map((e) => e.name);

/** What a clean, uncached generate of the same specs writes into an empty project. */
function cleanFullGenerate(specs: string): Map<string, string> {
  const root = newRoot();
  cpSync(specs, join(root, 'specs'), { recursive: true });
  const result = generate({ rootDir: root, cacheDir: false });
  expect(result.kind).toBe('written');
  const files = tree(root);
  rmSync(root, { recursive: true, force: true });
  return files;
}

function expectSameAsFull(root: string): void {
  const incremental = tree(root);
  const full = cleanFullGenerate(join(root, 'specs'));
  expect([...incremental.keys()].sort()).toEqual([...full.keys()].sort());
  for (const [path, contents] of full) expect(incremental.get(path), path).toBe(contents);
}

function written(result: GenerateResult) {
  if (result.kind !== 'written') throw new Error(`expected a written run, got ${JSON.stringify(result.kind === 'invalid' ? result.diagnostics : result)}`);
  return result;
}

/** The catalog-wide files an incremental run may patch (joined from one piece per provider), as the emitters name them. */
const joinedPaths = emitters.flatMap((e) => (e.split ? e.split.index([]).filter(isJoined).map((f) => f.path) : []));

/** A hand edit of every joined file: none is as the last run left it, so each must be made in full from every provider's summary. */
const handEditJoined = (root: string) => joinedPaths.forEach((path) => writeFileSync(join(root, path), `${readFileSync(join(root, path), 'utf8')} `));

const firstFunctionFile = (specs: string, provider: string) => readdirSync(join(specs, provider)).filter((f) => f !== 'provider.yaml' && f.endsWith('.yaml')).sort()[0]!;

// Each step runs whole generates; the limit only has to end a hang.
describe('incremental generation', { timeout: 300_000 }, () => {
  const root = newRoot();
  const specs = join(root, 'specs');
  const [first, second] = smallest as [string, string];

  beforeAll(() => {
    for (const provider of smallest) cpSync(join(REPO_SPECS, provider), join(specs, provider), { recursive: true });
  });

  it('a first run with an empty cache writes what a clean full generate writes', () => {
    const result = written(generate({ rootDir: root }));
    expect(result.stats).toMatchObject({ providers: 2, parsed: 2, emitted: 2 });
    expectSameAsFull(root);
  });

  it('a run with nothing changed parses and emits nothing, and writes nothing', () => {
    const result = written(generate({ rootDir: root }));
    expect(result.stats).toMatchObject({ parsed: 0, emitted: 0 });
    expect(result.summary).toMatchObject({ written: [], removed: [] });
    expect(generate({ rootDir: root, check: true })).toMatchObject({ kind: 'checked', stale: [], stats: { parsed: 0, emitted: 0 } });
  });

  it('an edited function file re-emits only its provider, and matches a full generate', () => {
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))} (edited)`));
    const result = written(generate({ rootDir: root }));
    expect(result.stats).toMatchObject({ parsed: 1, emitted: 1 });
    expect(result.summary.written.length).toBeGreaterThan(0);
    expectSameAsFull(root);
  });

  it('an added provider is loaded alone, and the catalog-wide files include it', () => {
    copyProvider(specs, first, `${first}-copy`);
    const result = written(generate({ rootDir: root }));
    expect(result.stats).toMatchObject({ providers: 3, parsed: 1, emitted: 1 });
    expect(result.summary.written).toContain('packages/catalog/catalog.json');
    expectSameAsFull(root);
  });

  it('a renamed provider leaves none of its old files behind', () => {
    renameSync(join(specs, `${first}-copy`), join(specs, `${first}-moved`));
    editYaml(join(specs, `${first}-moved`, 'provider.yaml'), (doc) => doc.set('id', `${first}-moved`));
    const result = written(generate({ rootDir: root }));
    expect(result.stats).toMatchObject({ parsed: 1, emitted: 1 });
    expect(result.summary.removed.some((path) => path.includes(`${first}-copy`))).toBe(true);
    expectSameAsFull(root);
  });

  it('a removed provider takes its files, its client package included, with it', () => {
    rmSync(join(specs, second), { recursive: true });
    const result = written(generate({ rootDir: root }));
    expect(result.stats).toMatchObject({ parsed: 0, emitted: 0 });
    expect(result.summary.removed.some((path) => path.startsWith(`packages/clients/${second}/`))).toBe(true);
    expectSameAsFull(root);
  });

  it('a hand-edited output of an unchanged provider is found by check and repaired by generate', () => {
    const victim = [...tree(root).keys()].find((path) => path.startsWith(`packages/clients/${first}/src/`))!;
    writeFileSync(join(root, victim), `${readFileSync(join(root, victim), 'utf8')}// hand edit\n`);
    const checked = generate({ rootDir: root, check: true });
    expect(checked.kind === 'checked' && checked.stale).toEqual([{ path: victim, problem: 'differs' }]);
    const result = written(generate({ rootDir: root }));
    expect(result.summary.written).toEqual([victim]);
    expect(result.stats.parsed).toBe(0);
    expectSameAsFull(root);
  });

  it('a corrupt or half-written cache falls back to loading, never to wrong output', () => {
    const cacheFiles = join(root, 'node_modules/.cache/switchboard/providers');
    readdirSync(cacheFiles).forEach((name, i) => {
      const path = join(cacheFiles, name);
      if (i % 2 === 0) writeFileSync(path, 'not a cache entry');
      else writeFileSync(path, readFileSync(path).subarray(0, Math.floor(statSync(path).size / 2)));
    });
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))} again`));
    // So the unchanged provider's summaries must be read.
    handEditJoined(root);
    const result = written(generate({ rootDir: root }));
    expect(result.stats.parsed).toBe(result.stats.providers);
    expectSameAsFull(root);
  });

  const cacheDir = join(root, 'node_modules/.cache/switchboard');
  const summaryFiles = () => readdirSync(join(cacheDir, 'providers')).filter((name) => name.endsWith('.summary'));

  it('a half-written or foreign cache index is a miss: the next run loads everything, and the output is the same', () => {
    const index = join(cacheDir, 'index.v8');
    writeFileSync(index, readFileSync(index).subarray(0, Math.floor(statSync(index).size / 2)));
    expect(written(generate({ rootDir: root })).stats).toMatchObject({ parsed: 2, emitted: 2 });
    expectSameAsFull(root);
    writeFileSync(index, '{"format": 2}');
    expect(written(generate({ rootDir: root })).stats).toMatchObject({ parsed: 2 });
    expectSameAsFull(root);
  });

  it("unreadable name claims in an index that vouches for them: a full run, not a crash or wrong output", () => {
    const index = join(cacheDir, 'index.v8');
    const stored = deserialize(readFileSync(index)) as { entries: Record<string, { claims: string }> };
    // An unchanged provider's claims are what the edited one's names are checked against.
    const unchanged = Object.keys(stored.entries).find((folder) => folder !== first)!;
    stored.entries[unchanged]!.claims = '[["only one string"], [0, 0, 0, 0, 1, 1, 0, 5]]';
    writeFileSync(index, serialize(stored));
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))} (claims)`));
    expect(written(generate({ rootDir: root })).stats).toMatchObject({ parsed: 2, emitted: 2 });
    expectSameAsFull(root);
  });

  it('a summary file gone or altered under an index that vouches for it: a full run, not a crash or wrong output', () => {
    expect(summaryFiles().length).toBeGreaterThan(0);
    const [gone, altered] = summaryFiles();
    rmSync(join(cacheDir, 'providers', gone!));
    // An edit elsewhere, and the catalog-wide files hand-edited, so they must be rebuilt from every provider's summaries.
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))} once more`));
    handEditJoined(root);
    expect(written(generate({ rootDir: root })).stats).toMatchObject({ parsed: 2 });
    expectSameAsFull(root);
    const path = join(cacheDir, 'providers', altered ?? summaryFiles()[0]!);
    if (existsSync(path)) writeFileSync(path, readFileSync(path).reverse());
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))}!`));
    handEditJoined(root);
    expect(written(generate({ rootDir: root })).kind).toBe('written');
    expectSameAsFull(root);
  });

  it('files left by an interrupted run (pending cache files, staged outputs) change nothing, and are removed', () => {
    // The pid of a process that has ended, as a killed generate's would be.
    const ended = spawnSync(process.execPath, ['-e', '']).pid!;
    const pending = join(cacheDir, `pending-${ended}`);
    const running = join(cacheDir, `pending-${process.ppid}`);
    mkdirSync(running, { recursive: true });
    mkdirSync(pending, { recursive: true });
    writeFileSync(join(pending, `${first}.model`), 'half a model');
    writeFileSync(join(root, 'packages/catalog/catalog.json.switchboard-tmp-999999'), '{"providers": [');
    const result = written(generate({ rootDir: root }));
    expect(result.stats).toMatchObject({ parsed: 0, emitted: 0 });
    expect(result.summary.written).toEqual([]);
    expect(result.summary.removed).toEqual(['packages/catalog/catalog.json.switchboard-tmp-999999']);
    expectSameAsFull(root);
    expect(existsSync(pending)).toBe(false);
    // A concurrent run's folder stays.
    expect(existsSync(running)).toBe(true);
    rmSync(running, { recursive: true });
  });

  it('only the summaries the index refers to are kept', () => {
    const referenced = summaryFiles();
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))} and again`));
    written(generate({ rootDir: root }));
    const after = summaryFiles();
    // The edited provider's changed summaries replaced their old files: the count stays, some names changed.
    expect(after.length).toBe(referenced.length);
    expect(after).not.toEqual(referenced);
  });

  it('a hand-edited or deleted catalog-wide file is found by check and made again in full', () => {
    expect(joinedPaths.length).toBeGreaterThan(0);
    const [edited, deleted] = [joinedPaths[0]!, joinedPaths.at(-1)!];
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))} (check)`));
    written(generate({ rootDir: root }));
    // The same size, so only the bytes (and the mtime) say it changed.
    const bytes = readFileSync(join(root, edited));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 1;
    writeFileSync(join(root, edited), bytes);
    // A person edits seconds after a run, past the file system's mtime granularity (a few ms on ext4).
    const { atime, mtime } = statSync(join(root, edited));
    utimesSync(join(root, edited), atime, new Date(mtime.getTime() + 2000));
    rmSync(join(root, deleted));
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))} (check again)`));
    const checked = generate({ rootDir: root, check: true });
    expect(checked.kind).toBe('checked');
    const stale = checked.kind === 'checked' ? checked.stale : [];
    expect(stale).toContainEqual({ path: edited, problem: 'differs' });
    expect(stale).toContainEqual({ path: deleted, problem: 'missing' });
    const result = written(generate({ rootDir: root }));
    expect(result.summary.written).toEqual(expect.arrayContaining([edited, deleted]));
    expectSameAsFull(root);
  });

  it('an edit with the catalog-wide files intact keeps the other providers\' pieces without reading their summaries', () => {
    const other = readdirSync(specs).find((name) => name !== first)!;
    // Unreadable now: were they read, the run would find the cache corrupt and load every provider.
    const theirs = summaryFiles().filter((name) => name.startsWith(`${encodeURIComponent(other)}.`));
    expect(theirs.length).toBeGreaterThan(0);
    const saved = theirs.map((name) => [name, readFileSync(join(cacheDir, 'providers', name))] as const);
    for (const [name, bytes] of saved) writeFileSync(join(cacheDir, 'providers', name), Buffer.from(bytes).reverse());
    editYaml(join(specs, first, firstFunctionFile(specs, first)), (doc) => doc.set('title', `${String(doc.get('title'))} (kept)`));
    const result = written(generate({ rootDir: root }));
    expect(result.stats).toMatchObject({ parsed: 1, emitted: 1 });
    // A title is in some catalog-wide files (not in all: namespaces.txt lists signatures).
    expect(result.summary.written.filter((path) => joinedPaths.includes(path)).length).toBeGreaterThan(0);
    expectSameAsFull(root);
    for (const [name, bytes] of saved) writeFileSync(join(cacheDir, 'providers', name), bytes);
  });

  it('a stray file in an output directory of an unchanged provider is found and removed, though unchanged directories are not read', () => {
    const clientSrc = [...tree(root).keys()].find((path) => path.startsWith(`packages/clients/${first}/src/`))!;
    const stray = posix.join(posix.dirname(clientSrc), 'stray.ts');
    editYaml(join(specs, `${first}-moved`, firstFunctionFile(specs, `${first}-moved`)), (doc) => doc.set('title', `${String(doc.get('title'))} (stray)`));
    written(generate({ rootDir: root }));
    writeFileSync(join(root, stray), 'export {};\n');
    // Made seconds after the run, past the file system's mtime granularity (a few ms on ext4).
    const dir = join(root, posix.dirname(stray));
    const { atime, mtime } = statSync(dir);
    utimesSync(dir, atime, new Date(mtime.getTime() + 2000));
    editYaml(join(specs, `${first}-moved`, firstFunctionFile(specs, `${first}-moved`)), (doc) => doc.set('title', `${String(doc.get('title'))} (stray again)`));
    const checked = generate({ rootDir: root, check: true });
    expect(checked.kind === 'checked' && checked.stale).toContainEqual({ path: stray, problem: 'not generated' });
    const result = written(generate({ rootDir: root }));
    expect(result.stats.emitted).toBe(1);
    expect(result.summary.removed).toEqual([stray]);
    expectSameAsFull(root);
  });

  it("a removed function file takes its outputs with it, though no output directory's mtime moved", () => {
    const provider = `${first}-moved`;
    const functionFiles = readdirSync(join(specs, provider)).filter((f) => f !== 'provider.yaml' && f.endsWith('.yaml')).sort();
    const removed = functionFiles[functionFiles.length - 1]!;
    const before = tree(root);
    rmSync(join(specs, provider, removed));
    const result = written(generate({ rootDir: root }));
    expect(result.stats.emitted).toBe(1);
    // Its own outputs (reference page, contract test, …) are gone; nothing else was removed.
    expect(result.summary.removed.length).toBeGreaterThan(0);
    for (const path of result.summary.removed) expect(before.has(path), path).toBe(true);
    expect([...tree(root).keys()].filter((path) => !before.has(path))).toEqual([]);
    expectSameAsFull(root);
  });

  it('after a run that wrote, a run with nothing changed records nothing anew (the cache index is untouched), and still finds a stray file in a directory that run wrote into', () => {
    const provider = `${first}-moved`;
    editYaml(join(specs, provider, firstFunctionFile(specs, provider)), (doc) => doc.set('title', `${String(doc.get('title'))} (restamped)`));
    const wrote = written(generate({ rootDir: root }));
    expect(wrote.summary.written.length).toBeGreaterThan(0);
    // The directories the commit renamed files into were stamped again after it: nothing to record anew.
    const index = join(cacheDir, 'index.v8');
    const indexBefore = readFileSync(index);
    const idle = written(generate({ rootDir: root }));
    expect(idle.stats).toMatchObject({ parsed: 0, emitted: 0 });
    expect(readFileSync(index).equals(indexBefore)).toBe(true);
    // A stray file where the commit wrote: its directory's mtime moves, so it is read and the file found.
    const stray = posix.join(posix.dirname(wrote.summary.written[0]!), 'stray-after-commit.txt');
    writeFileSync(join(root, stray), 'not generated');
    expect(written(generate({ rootDir: root })).summary.removed).toEqual([stray]);
    expectSameAsFull(root);
  });
});
