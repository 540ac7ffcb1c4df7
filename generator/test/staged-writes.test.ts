import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StagedWrites } from '../src/output/write.js';
import { OutputLookups } from '../src/output/tree.js';
import { FileWrites } from '../src/output/write-thread.js';
import { SummaryFiles } from '../src/cache/store.js';

/** Enough files that most of them go through the writer thread (the first few are written in this one). */
const MANY = 300;

/** Each in a directory of its own, so each write on the thread makes one first. */
const files = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ path: `out/p${i}/deep/f${i}.md`, contents: `# file ${i}\n${'é·'.repeat(i)}\n` }));

function tree(root: string): string[] {
  return existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }).sort() : [];
}

describe('staged writes', () => {
  it('writes every staged file with its exact bytes, on commit only, and leaves no temporary file', () => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-staged-'));
    const staging = new StagedWrites(root);
    const all = files(MANY);
    all.forEach((f) => staging.stage(f));
    // Staged, not committed: no target exists under its own name yet.
    expect(all.filter((f) => existsSync(join(root, f.path)))).toEqual([]);
    expect(staging.commit([])).toEqual(all.map((f) => f.path));
    for (const f of all) expect(readFileSync(join(root, f.path), 'utf8')).toBe(f.contents);
    expect(tree(root).filter((p) => p.includes('switchboard-tmp'))).toEqual([]);
  });

  it('the same bytes with and without the writer thread', () => {
    const threaded = mkdtempSync(join(tmpdir(), 'switchboard-staged-'));
    const direct = mkdtempSync(join(tmpdir(), 'switchboard-staged-'));
    const a = new StagedWrites(threaded);
    const b = new StagedWrites(direct, new FileWrites(Infinity));
    for (const f of files(MANY)) {
      a.stage(f);
      b.stage(f);
    }
    a.commit([]);
    b.commit([]);
    expect(tree(threaded)).toEqual(tree(direct));
    for (const path of tree(direct).filter((p) => p.endsWith('.md'))) expect(readFileSync(join(threaded, path))).toEqual(readFileSync(join(direct, path)));
  });

  it('a write that failed on the writer thread is never committed: nothing is renamed into place, and discard leaves the tree as it was', () => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-staged-'));
    // A file where the last files' directory would go: their writes fail, late, on the thread.
    mkdirSync(join(root, 'out'));
    writeFileSync(join(root, 'out/blocked'), 'not a directory');
    const before = tree(root);
    const staging = new StagedWrites(root);
    const all = [...files(MANY), { path: 'out/blocked/late.md', contents: 'late\n' }, ...files(MANY + 20).slice(MANY)];
    all.forEach((f) => staging.stage(f));
    expect(() => staging.commit([])).toThrow();
    expect(all.filter((f) => existsSync(join(root, f.path)))).toEqual([]);
    staging.discard();
    expect(tree(root)).toEqual(before);
  });

  it('discard waits for the writes still queued, so no temporary file or directory appears after it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-staged-'));
    const staging = new StagedWrites(root);
    files(MANY).forEach((f) => staging.stage(f));
    staging.discard();
    expect(tree(root)).toEqual([]);
    // Time for a writer that was not waited for to show itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tree(root)).toEqual([]);
  });
});

describe('summary files written on the writer thread', () => {
  it('a summary read back at once is the one stored (reading waits for the thread)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-summaries-'));
    const writes = new FileWrites(0);
    const summaries = new SummaryFiles(() => dir, () => [dir], writes);
    const values = Array.from({ length: 50 }, (_, i) => Array.from({ length: 400 }, (_, j) => `provider ${i} line ${j}`));
    const stored = values.map((value, i) => summaries.store(`p${i}`, 'docs', value));
    expect(stored.every((s) => 'file' in s)).toBe(true);
    expect(stored.map((s) => summaries.load(s))).toEqual(values);
    writes.close();
  });
});

describe('a writer thread that does no work', () => {
  it('ends the run with an error instead of waiting for it, however much is queued', () => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-stalled-'));
    // Alive and silent: it takes every message and writes nothing, like a thread that could not start its work.
    const writes = new FileWrites(0, { code: 'setInterval(() => {}, 1 << 30);', stalledMs: 200 });
    const big = 'x'.repeat(1024 * 1024);
    // Far past what may be queued (6 MiB): the wait for room ends too.
    for (let i = 0; i < 20; i++) writes.write(join(root, `f${i}.txt`), big);
    expect(writes.close()?.message).toMatch(/^the writer thread has done nothing for 0\.2 s/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('runs in a process that evaluates code as ES modules (--input-type=module), where the thread has no require', () => {
    const built = pathToFileURL(join(import.meta.dirname, '../dist/output/write-thread.js')).href;
    const root = mkdtempSync(join(tmpdir(), 'switchboard-esm-'));
    const script = `
      import { FileWrites } from ${JSON.stringify(built)};
      const writes = new FileWrites(0);
      for (let i = 0; i < 100; i++) writes.write(process.argv[1] + '/f' + i + '.txt', 'file ' + i);
      console.log(String(writes.close()));`;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script, root], { encoding: 'utf8', timeout: 120_000 });
    expect(printed.trim()).toBe('null');
    expect(readdirSync(root)).toHaveLength(100);
    expect(readFileSync(join(root, 'f99.txt'), 'utf8')).toBe('file 99');
  });
});

describe('looking up the generated files on disk', () => {
  it('reads files in directories that exist, and needs no look at each file of a directory that did not', () => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-lookups-'));
    mkdirSync(join(root, 'out/kept'), { recursive: true });
    writeFileSync(join(root, 'out/kept/a.md'), 'a\n');
    const lookups = new OutputLookups(root);
    expect(lookups.read('out/kept/a.md')).toBe('a\n');
    expect(lookups.read('out/kept/b.md')).toBeNull();
    expect(lookups.read('out/new/deep/c.md')).toBeNull();
    // Staged by this run under temporary names: the targets are still missing.
    const staging = new StagedWrites(root);
    staging.stage({ path: 'out/new/deep/c.md', contents: 'c\n' });
    expect(lookups.read('out/new/deep/c.md')).toBeNull();
    expect(lookups.read('out/new/d.md')).toBeNull();
    // A file that appears in a directory found to exist is seen.
    writeFileSync(join(root, 'out/kept/b.md'), 'b\n');
    expect(lookups.read('out/kept/b.md')).toBe('b\n');
    staging.discard();
  });
});
