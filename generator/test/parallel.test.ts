// Generation on worker threads (`jobs`) against generation in one thread: the same bytes, the same
// problems, and cache files the next run can use. The workers run the compiled generator (built by
// the global setup), as they do for a user.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, type GenerateOptions, type GenerateResult } from '../src/index.js';
import { ProviderPool } from '../src/parallel/provider-pool.js';
import { copyProvider, newRoot, REPO_SPECS, tree } from './catalog-copies.js';

const realProviders = readdirSync(REPO_SPECS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** More providers than the real catalog has, so that every worker gets several: the real ones, then copies under new ids. */
const PROVIDERS = realProviders.length + 3;
const WORKERS = 3;
const JOBS = WORKERS + 1;

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A project with PROVIDERS providers, `broken` applied to its specs folder. */
function project(broken?: (specs: string) => void): string {
  const root = newRoot();
  roots.push(root);
  const specs = join(root, 'specs');
  for (const provider of realProviders) cpSync(join(REPO_SPECS, provider), join(specs, provider), { recursive: true });
  for (let i = realProviders.length; i < PROVIDERS; i++) {
    const from = realProviders[i % realProviders.length]!;
    copyProvider(specs, from, `${from}-copy${i}`);
  }
  broken?.(specs);
  return root;
}

function run(root: string, options: Omit<GenerateOptions, 'rootDir'>): GenerateResult {
  return generate({ rootDir: root, ...options });
}

function written(result: GenerateResult) {
  if (result.kind !== 'written') throw new Error(`expected a written run, got ${JSON.stringify(result.kind === 'invalid' ? result.diagnostics.slice(0, 3) : result.kind)}`);
  return result;
}

// Whole generates of a catalog; the limit only has to end a hang.
describe('generation on worker threads', { timeout: 300_000 }, () => {
  const inThread = project();
  const threaded = project();
  let expected: Map<string, string>;

  it('writes the same files, byte for byte, as one thread, with the workers doing the loading and emitting', () => {
    const one = written(run(inThread, { jobs: 1, cacheDir: false }));
    const many = written(run(threaded, { jobs: JOBS, cacheDir: false, shareJobs: false }));
    expect(one.stats).toMatchObject({ providers: PROVIDERS, parsed: PROVIDERS, emitted: PROVIDERS, workers: 0 });
    expect(many.stats).toMatchObject({ providers: PROVIDERS, parsed: PROVIDERS, emitted: PROVIDERS, workers: WORKERS, onWorkers: PROVIDERS });
    // The workers' phases are reported beside this thread's wait for them.
    expect(many.timings.map((t) => t.phase)).toEqual(expect.arrayContaining(['wait for workers', 'load + validate + model', 'emit clients']));
    expected = tree(inThread);
    const got = tree(threaded);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, contents] of expected) expect(got.get(path), path).toBe(contents);
    expect(many.summary.written.length).toBe(one.summary.written.length);
    // Check mode takes the same path: nothing stale, nothing written.
    expect(run(threaded, { jobs: JOBS, cacheDir: false, check: true })).toMatchObject({ kind: 'checked', stale: [], stats: { workers: WORKERS } });
  });

  it('leaves model and summary files in the cache that the next run reads instead of loading', () => {
    const root = project();
    const first = written(run(root, { jobs: JOBS, shareJobs: false }));
    expect(first.stats).toMatchObject({ parsed: PROVIDERS, workers: WORKERS, onWorkers: PROVIDERS });
    // Outputs gone, specs the same: every provider is emitted again from its cached model, none parsed.
    rmSync(join(root, 'packages'), { recursive: true, force: true });
    const second = written(run(root, { jobs: JOBS }));
    expect(second.stats).toMatchObject({ parsed: 0, emitted: PROVIDERS });
    const got = tree(root);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, contents] of expected) expect(got.get(path), path).toBe(contents);
    // And the catalog-wide files come from the summaries the workers packed.
    expect(written(run(root, { jobs: JOBS })).stats).toMatchObject({ parsed: 0, emitted: 0 });
  });

  it('reports every problem found on the workers exactly as one thread does, and writes nothing', () => {
    const breakSpecs = (specs: string) => {
      const [unusable, badFunction] = readdirSync(specs).sort().slice(-2) as [string, string];
      writeFileSync(join(specs, unusable, 'provider.yaml'), 'id: [unclosed\n');
      const fn = readdirSync(join(specs, badFunction)).find((f) => f !== 'provider.yaml' && f.endsWith('.yaml'))!;
      writeFileSync(join(specs, badFunction, fn), 'name: 3\n');
    };
    const one = run(project(breakSpecs), { jobs: 1, cacheDir: false });
    const brokenRoot = project(breakSpecs);
    const many = run(brokenRoot, { jobs: JOBS, cacheDir: false, shareJobs: false });
    if (one.kind !== 'invalid' || many.kind !== 'invalid') throw new Error(`expected invalid runs, got ${one.kind} and ${many.kind}`);
    expect(many.stats).toMatchObject({ workers: WORKERS, onWorkers: PROVIDERS });
    expect(one.diagnostics.length).toBeGreaterThan(1);
    expect(many.diagnostics).toEqual(one.diagnostics);
    expect(existsSync(join(brokenRoot, 'packages'))).toBe(false);
  });

  it('writes the same files when this thread and the workers share the jobs, whoever does which', () => {
    const root = project();
    const shared = written(run(root, { jobs: JOBS, cacheDir: false }));
    expect(shared.stats).toMatchObject({ parsed: PROVIDERS, emitted: PROVIDERS, workers: WORKERS });
    const got = tree(root);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, contents] of expected) expect(got.get(path), path).toBe(contents);
  });

  it('stays in one thread for a run that loads one provider, whatever jobs says', () => {
    const root = project();
    written(run(root, { jobs: JOBS }));
    copyProvider(join(root, 'specs'), realProviders[0]!, `${realProviders[0]}-added`);
    expect(written(run(root, { jobs: JOBS })).stats).toMatchObject({ parsed: 1, emitted: 1, workers: 0 });
  });

  it('runs its workers in a process that evaluates code as ES modules (node --input-type=module -e), whose option a worker file refuses', () => {
    const root = project();
    const built = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;
    const script = `
      import { generate } from ${JSON.stringify(built)};
      const result = generate({ rootDir: process.argv[1], cacheDir: false, jobs: ${JOBS}, shareJobs: false });
      console.log(JSON.stringify({ kind: result.kind, stats: result.stats }));`;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script, root], { encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual({ kind: 'written', stats: expect.objectContaining({ workers: WORKERS, onWorkers: PROVIDERS }) });
  });

  it('a worker that cannot start says so at once, naming why, instead of leaving the pipeline waiting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-broken-worker-'));
    roots.push(dir);
    const broken = join(dir, 'loop.mjs');
    writeFileSync(broken, "import './not-there.mjs';\n");
    const root = project();
    const job = { specsRoot: join(root, 'specs'), rootDir: root, folder: { name: realProviders[0]!, path: join(root, 'specs', realProviders[0]!) }, modelRecord: null, emit: true };
    const pool = ProviderPool.start(1, [job, job], false, pathToFileURL(broken).href);
    if (!pool) throw new Error('no compiled worker to start');
    try {
      expect(pool.claim(0)).toBe(false);
      expect(() => pool.take(0)).toThrow(/a generator worker thread could not start: .*not-there\.mjs/);
    } finally {
      pool.close();
    }
  });
});
