import { existsSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { hashProviderFolder, stampProviderFolder } from './cache/spec-hash.js';
import { generatorFingerprint } from './cache/fingerprint.js';
import { CacheCorruptError, GenerationCache, packStamps, stampedPaths, SummaryFiles, type OutputStamp, type OutputStamps, type ProviderEntry, type StoredSummary } from './cache/store.js';
import { isJoined, isStreamed, type Emitter, type IndexOutput, type JoinedFile, type SummaryList } from './emit/emitter.js';
import { emitters as defaultEmitters } from './emit/index.js';
import { checkClaims, packClaims, unpackClaims, type NameClaim } from './load/check-names.js';
import { sortDiagnostics, type Diagnostic } from './load/diagnostics.js';
import { listProviderFolders, type ProviderFolder } from './load/index.js';
import type { Catalog, Provider } from './model.js';
import { listOwnedFiles, OutputLookups, restampAfterCommit, type DirStamps } from './output/tree.js';
import { StagedWrites, type WriteSummary } from './output/write.js';
import { FileWrites } from './output/write-thread.js';
import { comparePieces, type Piece } from './output/compare-pieces.js';
import { joinedPieces, layoutIfIntact, type JoinedLayout, type LayoutOffsets } from './output/joined.js';
import { heapBound } from './heap-bound.js';
import { PhaseClock, type PhaseTiming } from './phase-clock.js';
import { ProviderPool, type JobInput } from './parallel/provider-pool.js';
import { workOnProvider, type ProviderWork } from './parallel/provider-work.js';
import { byCodeUnits } from './shared/text-order.js';

export type { PhaseTiming } from './phase-clock.js';

export interface GenerateOptions {
  /** Project root: generated paths are relative to it. */
  rootDir: string;
  /** Defaults to `<rootDir>/specs`. */
  specsDir?: string;
  /** Compare with what is on disk instead of writing. */
  check?: boolean;
  emitters?: Emitter[];
  /**
   * The per-provider generation cache; defaults to `<rootDir>/node_modules/.cache/switchboard`
   * (ignored by git). `false` loads and emits every provider.
   */
  cacheDir?: string | false;
  /**
   * How many providers are loaded and emitted at once: 1 in this thread alone; N ≥ 2 in this thread
   * and N − 1 worker threads, which share the jobs (default emitters only). By default one fewer
   * than the machine's cores (at most 8 workers) when it has at least 4 and the run loads at least
   * 32 providers, else 1. The output is the same bytes either way.
   */
  jobs?: number;
  /** @internal False: this thread leaves every job to the workers, so a test knows the workers did them. */
  shareJobs?: boolean;
  /** Told after each provider and at each later phase, for a progress line. */
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  phase: 'providers' | 'index' | 'write';
  done: number;
  total: number;
}

/** How much of the catalog this run had to do. */
export interface RunStats {
  providers: number;
  /** Providers whose specs were parsed and validated (the others came from the cache). */
  parsed: number;
  /** Providers whose files were emitted (the others' files were found intact on disk). */
  emitted: number;
  /** Worker threads started beside this one; 0 when everything ran in this thread. */
  workers: number;
  /** Providers the workers loaded and emitted (this thread did the rest). */
  onWorkers: number;
}

export type GenerateResult =
  | { kind: 'invalid'; diagnostics: Diagnostic[]; timings: PhaseTiming[]; stats: RunStats }
  | { kind: 'written'; summary: WriteSummary; files: number; timings: PhaseTiming[]; stats: RunStats }
  | { kind: 'checked'; stale: StaleFile[]; files: number; timings: PhaseTiming[]; stats: RunStats };

export interface StaleFile {
  path: string;
  problem: 'differs' | 'missing' | 'not generated';
}

/** A provider whose outputs the cache vouches for, or one to emit again: loaded, or with its model from the cache when `entry` is for the same specs. */
type ProviderStep = { kind: 'cached'; unit: Unit } | LoadStep;
interface LoadStep {
  kind: 'load';
  folder: ProviderFolder;
  spec: Unit['spec'];
  entry: ProviderEntry | null;
}

/** Providers to load below which a run stays in one thread: starting a worker costs about what loading and emitting a few dozen providers does. */
const POOL_MIN_PROVIDERS = 32;
/** Worker threads at most by default: each holds a heap of its own (about 45 MB at 1,000 providers). */
const POOL_MAX_DEFAULT = 8;

/**
 * The worker threads for a run that loads `toLoad` providers: `jobs` − 1 of them when given (this
 * thread does its share of the jobs), else none for a small run or a machine of fewer than 4 cores,
 * and otherwise cores − 2, so that with this thread one core is left to the file writer and the
 * collector.
 * Measured on 2 cores (bench/RESULTS.md, ninth session), a worker made a run 2–8 % slower: one
 * thread there already keeps 1.5 cores busy.
 */
function startPool(toLoad: number, jobs: number | undefined, inputs: () => JobInput[], share: boolean): ProviderPool | null {
  const cores = availableParallelism();
  const threads = jobs !== undefined ? Math.floor(jobs) : toLoad >= POOL_MIN_PROVIDERS && cores >= 4 ? cores - 1 : 1;
  const workers = Math.min(threads - 1, toLoad - 1, jobs === undefined ? POOL_MAX_DEFAULT : Infinity);
  return workers >= 1 ? ProviderPool.start(workers, inputs(), share) : null;
}

/** One provider's part of this run: what the catalog-wide steps need, whether or not it was emitted. */
interface Unit {
  folder: string;
  spec: { hash: string; stamp: string } | null;
  /** As the loader made them, or as the cache kept them (`packClaims`, unpacked only if the names must be checked). */
  claims: NameClaim[] | string;
  /** By emitter name; large ones are on disk until the catalog-wide files are built. */
  summaries: Record<string, StoredSummary>;
  owned: string[];
  /** Paths it was emitted to in this run, and whether they all matched the disk already; null when the cache vouched for them. */
  emitted: { paths: string[]; matched: boolean } | null;
}

/**
 * The whole generator on one screen. Providers stream through one at a time: unchanged ones
 * (same spec bytes, same generator, outputs untouched on disk) come from the cache without being
 * parsed or emitted; the others are loaded, validated, emitted, compared and staged, and then
 * dropped. The catalog-wide checks and files work from what each provider left (its names and
 * summaries). Nothing lands on disk unless every provider was valid and every emitter succeeded.
 */
export function generate(options: GenerateOptions): GenerateResult {
  const cacheDir = options.cacheDir === false ? false : (options.cacheDir ?? join(options.rootDir, 'node_modules/.cache/switchboard'));
  try {
    return generateOnce(options, cacheDir);
  } catch (error) {
    if (!(error instanceof CacheCorruptError) || cacheDir === false) throw error;
    // A cache file went bad under an entry that vouched for it: forget every entry and run in full.
    rmSync(join(cacheDir, GenerationCache.INDEX), { force: true });
    return generateOnce(options, cacheDir);
  }
}

function generateOnce(options: GenerateOptions, cacheDir: string | false): GenerateResult {
  const clock = new PhaseClock();
  const emitters = options.emitters ?? defaultEmitters;
  // An emitter without a split needs the whole model at once, so every provider's is kept.
  const wholeCatalog = emitters.some((e) => !e.split);
  // One writer (and at most one writer thread) for the outputs and the cache files alike.
  const writes = new FileWrites();
  const fingerprint = cacheDir === false ? '' : clock.time('fingerprint', () => fingerprintOf(emitters));
  const cache = cacheDir === false ? null : new GenerationCache(cacheDir, fingerprint, writes);
  const ownSummaries = cache ? null : SummaryFiles.temporary(writes);
  const summaryFiles = cache?.summaries ?? ownSummaries!;
  const boundHeap = heapBound();
  const listed = clock.time('list specs', () => listProviderFolders(options.specsDir ?? join(options.rootDir, 'specs')));
  const diagnostics: Diagnostic[] = [...listed.diagnostics];
  const out = new OutputRun(options.rootDir, options.check === true, clock, writes);
  const units: Unit[] = [];
  const models: Provider[] = [];
  /** Where this run's walks put each joined file's pieces, recorded with the file's stamp once it is written. */
  const layouts = new Map<string, LayoutOffsets>();
  // The owned directories as the last complete write run left them: only those whose mtime moved are read.
  const treesBefore = cache && !wholeCatalog ? clock.time('read cache', () => cache.ownedTrees()) : null;
  const treesSeen: DirStamps = new Map();
  const indexOutputs: string[] = [];
  const stats: RunStats = { providers: listed.folders.length, parsed: 0, emitted: 0, workers: 0, onWorkers: 0 };
  const finish = () => ({ timings: clock.timings(), stats: { ...stats } });

  const byName = new Map(emitters.map((e) => [e.name, e]));
  let pool: ProviderPool | null = null;

  try {
    // Unchanged providers are known before any is loaded, so the pool is started only for a run that has enough to do.
    const steps = listed.folders.map((folder) => planProvider(folder));
    // Providers to load from their specs (a cached model is read in this thread): the jobs the workers may share.
    const jobOf = new Map<number, number>();
    const jobs: LoadStep[] = [];
    steps.forEach((step, i) => {
      if (step.kind === 'load' && !step.entry) jobOf.set(i, jobs.push(step) - 1);
    });
    pool = options.emitters === undefined ? startPool(jobs.length, options.jobs, () => jobs.map((step) => jobInput(step)), options.shareJobs ?? true) : null;
    stats.workers = pool?.size ?? 0;
    for (const [i, step] of steps.entries()) {
      if (step.kind === 'cached') units.push(step.unit);
      else {
        const k = jobOf.get(i);
        let work: ProviderWork;
        if (pool && k !== undefined && !pool.claim(k)) {
          const done = clock.time('wait for workers', () => pool!.take(k));
          for (const t of done.timings) clock.add(t.phase, t.ms);
          work = done.work;
          stats.onWorkers++;
        } else {
          work = workOnProvider({ ...jobInput(step), cached: cachedModel(step), emit: diagnostics.length === 0 }, emitters, clock);
        }
        const unit = takeProvider(step, work);
        if (unit) units.push(unit);
      }
      boundHeap();
      options.onProgress?.({ phase: 'providers', done: i + 1, total: listed.folders.length });
    }
    pool?.close();
    pool = null;
    // Every cached provider's names were checked together when its entry was saved, and removing a
    // provider cannot make two names clash: only a run that parsed something has names to check.
    if (stats.parsed > 0) diagnostics.push(...clock.time('check names', () => checkClaims(claimsToCheck(units))));
    if (diagnostics.length > 0) {
      out.staging.discard();
      cache?.discard();
      return { kind: 'invalid', diagnostics: sortDiagnostics(diagnostics), ...finish() };
    }

    options.onProgress?.({ phase: 'index', done: 0, total: emitters.length });
    const catalog: Catalog = { providers: models };
    for (const emitter of emitters) {
      const roots = emitter.split ? emitter.owns({ providers: [] }) : emitter.owns(catalog);
      const files = clock.time(`emit ${emitter.name}`, () => (emitter.split ? emitter.split.index(summaryList(emitter.name)) : emitter.emit(catalog)));
      out.take(emitter, roots, files, (file) => joinedPiecesOf(emitter.name, file));
      indexOutputs.push(...files.map((f) => f.path));
      boundHeap();
    }
    const removedFolders = cache ? cache.folders().filter((f) => !listed.folders.some((l) => l.name === f)) : [];
    // A directory not read may still hold what the last run generated and this one does not: the outputs it recorded for providers emitted again, and its catalog-wide files.
    const earlier = treesBefore ? [...units.filter((u) => u.emitted).flatMap((u) => cache!.recordedOutputs(u.folder)), ...treesBefore.indexOutputs] : [];
    const stale = clock.time('find stale', () => out.stale([...removedFolders.flatMap((f) => cache!.recordedOutputs(f)), ...earlier], treesBefore?.stamps, treesSeen));
    const files = out.expectedCount();

    if (options.check) {
      clock.time('write cache', () => saveEntries(units.filter((u) => u.emitted?.matched), []));
      return { kind: 'checked', stale, files, ...finish() };
    }
    options.onProgress?.({ phase: 'write', done: 0, total: 1 });
    const notGenerated = stale.filter((s) => s.problem === 'not generated').map((s) => s.path);
    const written = clock.time('write', () => out.staging.commit(notGenerated));
    // The commit moved the mtimes of the directories it wrote into: stamped again, the next run need not read them.
    if (cache && !wholeCatalog) clock.time('stamp directories', () => restampAfterCommit(options.rootDir, treesSeen, [...written, ...notGenerated], out.expectedPaths(), out.ownedRoots()));
    clock.time('write cache', () => saveEntries(units, removedFolders, { joined: writtenLayouts() }));
    return { kind: 'written', summary: { written, removed: notGenerated, unchanged: files - written.length }, files, ...finish() };
  } catch (error) {
    out.staging.discard();
    cache?.discard();
    throw error;
  } finally {
    pool?.close();
    ownSummaries?.close();
    writes.close();
  }

  /**
   * A joined file's pieces: with a cache, the unchanged providers' pieces are kept from the file on
   * disk when it is still as the last run wrote it, so only the changed providers' summaries are read.
   */
  function joinedPiecesOf(emitter: string, file: JoinedFile<unknown>): Iterable<Piece> {
    if (!cache) return file.chunks();
    const providers = units.map((unit) => ({
      folder: unit.folder,
      unchanged: unit.emitted === null,
      summary: () => summaryOf(unit, emitter),
    }));
    const old = layoutIfIntact(join(options.rootDir, file.path), cache.joinedLayout(file.path));
    return joinedPieces(file.joined, providers, old, (offsets) => layouts.set(file.path, offsets));
  }

  /** The joined files' layouts as written, each with the stamp the file has now. */
  function writtenLayouts(): Record<string, JoinedLayout> {
    const recorded: Record<string, JoinedLayout> = {};
    for (const [path, offsets] of layouts) {
      const stamp = stampOf(options.rootDir, path);
      if (stamp) recorded[path] = { size: stamp.size, mtimeMs: stamp.mtimeMs, ...offsets };
    }
    return recorded;
  }

  /** One emitter's summary of one provider, read from disk (or the index). */
  function summaryOf(unit: Unit, emitter: string): unknown {
    const stored = unit.summaries[emitter];
    if (!stored) throw new CacheCorruptError(`no ${emitter} summary for ${unit.folder}`);
    return summaryFiles.load(stored);
  }

  /** One emitter's summaries of every provider, read from disk on each walk. */
  function summaryList(emitter: string): SummaryList<unknown> {
    return {
      length: units.length,
      *[Symbol.iterator]() {
        for (const unit of units) yield summaryOf(unit, emitter);
      },
    };
  }

  /** Whether the provider's outputs can come from the cache as they are, or it must be emitted (and perhaps loaded) again. */
  function planProvider(folder: ProviderFolder): ProviderStep {
    const { spec, entry } = clock.time('hash specs', () => specOf(folder));
    if (entry && !wholeCatalog && clock.time('stat outputs', () => outputsIntact(options.rootDir, entry.outputs))) {
      out.expectCached(entry);
      return { kind: 'cached', unit: { folder: folder.name, spec, claims: entry.claims, summaries: entry.summaries, owned: entry.owned, emitted: null } };
    }
    // An entry for the same specs means its model is in the cache: read in this thread when its turn comes, not loaded.
    return { kind: 'load', folder, spec, entry: entry && spec ? entry : null };
  }

  /** What a provider's step needs to load and emit it; a worker emits whatever problems this thread has met (it cannot know). */
  function jobInput(step: LoadStep): JobInput {
    const record = cache && step.spec ? { fingerprint, specHash: step.spec.hash } : null;
    return { specsRoot: listed.specsRoot, rootDir: options.rootDir, folder: step.folder, modelRecord: record, emit: true };
  }

  /** The provider's model from the cache, when its entry is for the same specs and the file is readable. */
  function cachedModel(step: LoadStep): Provider | null {
    return step.entry && step.spec ? clock.time('read cache', () => cache!.model(step.folder.name, step.spec!.hash)) : null;
  }

  /** What the provider's step gave, in catalog order: its problems, its cache files, and its emitted files compared with the disk and staged. */
  function takeProvider(step: LoadStep, work: ProviderWork): Unit | null {
    const { folder, spec } = step;
    if (work.parsed) stats.parsed++;
    diagnostics.push(...work.diagnostics);
    if (work.model) clock.time('write cache', () => cache!.saveModelBytes(folder.name, work.model!));
    if (work.outcome === 'unusable') return null;
    const claims: Unit['claims'] = work.claims ?? step.entry?.claims ?? [];
    const unemitted: Unit = { folder: folder.name, spec, claims, summaries: {}, owned: [], emitted: null };
    if (work.outcome === 'unversioned') return unemitted;
    if (wholeCatalog) models.push(work.provider!);
    // Once any problem is known nothing will be written, so what was emitted is not compared; loading goes on to find every problem.
    if (diagnostics.length > 0 || !work.emitted) return unemitted;

    stats.emitted++;
    const summaries: Record<string, StoredSummary> = {};
    const owned = new Set<string>();
    const staleBefore = out.staleCount();
    const paths: string[] = [];
    for (const part of work.emitted) {
      part.roots.forEach((r) => owned.add(r));
      summaries[part.emitter] = clock.time('write cache', () => summaryFiles.storePacked(folder.name, part.emitter, part.summary));
      out.take(byName.get(part.emitter)!, part.roots, part.files);
      paths.push(...part.files.map((f) => f.path));
    }
    return { folder: folder.name, spec, claims, summaries, owned: [...owned], emitted: { paths, matched: out.staleCount() === staleBefore } };
  }

  /**
   * The folder's spec hash, and the cache entry made from exactly those specs if there is one. While
   * the folder's names, sizes and mtimes are as the entry recorded, its bytes are not read again.
   */
  function specOf(folder: ProviderFolder): { spec: Unit['spec']; entry: ProviderEntry | null } {
    const stamp = cache ? stampProviderFolder(folder.path) : null;
    if (!cache || stamp === null) return { spec: null, entry: null };
    const entry = clock.time('read cache', () => cache.entry(folder.name));
    if (entry && entry.specStamp === stamp) return { spec: { hash: entry.specHash, stamp }, entry };
    const hash = hashProviderFolder(folder.name, folder.path);
    return { spec: { hash, stamp }, entry: entry && entry.specHash === hash ? entry : null };
  }

  /** With `written`, this run wrote: its joined layouts are kept, and its directories' record if every provider got an entry. */
  function saveEntries(toSave: Unit[], removed: string[], written?: { joined: Record<string, JoinedLayout> }): void {
    if (!cache) return;
    const entries: ProviderEntry[] = [];
    let unaccounted = 0;
    for (const unit of toSave) {
      if (!unit.emitted) continue;
      const spec = unit.spec;
      const outputs = unit.emitted.paths.map((path) => stampOf(options.rootDir, path));
      // No spec stamp (a folder the cache does not take) or an output gone: no entry, so the run's outputs are not all accounted for.
      if (!spec || outputs.some((o) => o === null)) {
        unaccounted++;
        continue;
      }
      entries.push({ folder: unit.folder, specHash: spec.hash, specStamp: spec.stamp, claims: typeof unit.claims === 'string' ? unit.claims : packClaims(unit.claims), summaries: unit.summaries, owned: unit.owned, outputs: packStamps(outputs as OutputStamp[]) });
    }
    const trees = written && !wholeCatalog && unaccounted === 0 ? { stamps: treesSeen, indexOutputs } : null;
    cache.saveIndex(entries, removed, written?.joined, written ? trees : undefined);
  }
}

/**
 * The claims that can clash. Every cached provider's names were checked against each other when
 * their entries were saved (each entry is saved only by a run that found no clash, against every
 * provider then present), so a clash now needs a name some provider claims afresh in this run:
 * the cached claims are unpacked only where their value is one of those. The check over these gives
 * exactly the problems a check over every claim would.
 */
function claimsToCheck(units: Unit[]): NameClaim[] {
  const fresh = new Set<string>();
  for (const unit of units) if (typeof unit.claims !== 'string') for (const claim of unit.claims) fresh.add(claim.value);
  return units.flatMap((unit) => (typeof unit.claims === 'string' ? unpackedClaims(unit.folder, unit.claims, (value) => fresh.has(value)) : unit.claims));
}

function unpackedClaims(folder: string, packed: string, keep: (value: string) => boolean): NameClaim[] {
  try {
    return unpackClaims(packed, keep);
  } catch {
    // An index that vouches for claims it cannot give back: a full run, never a crash.
    throw new CacheCorruptError(`the name claims of ${folder} are unreadable`);
  }
}

function fingerprintOf(emitters: Emitter[]): string {
  return `${generatorFingerprint()}:${emitters.map((e) => e.name).join(',')}`;
}

function stampOf(rootDir: string, path: string): OutputStamp | null {
  const stats = statSync(join(rootDir, path), { throwIfNoEntry: false });
  return stats ? { path, size: stats.size, mtimeMs: stats.mtimeMs } : null;
}

/** Every recorded output is still on disk with the size and mtime it was left with. */
function outputsIntact(rootDir: string, outputs: OutputStamps): boolean {
  return stampedPaths(outputs).every((path, i) => {
    const now = statSync(join(rootDir, path), { throwIfNoEntry: false });
    return now !== undefined && now.size === outputs.sizes[i] && now.mtimeMs === outputs.mtimesMs[i];
  });
}

/** What this run expects on disk, what it found different, and the changed files it staged. */
class OutputRun {
  readonly staging: StagedWrites;
  private readonly expected = new Set<string>();
  private readonly roots = new Set<string>();
  private readonly found: StaleFile[] = [];
  private readonly onDisk: OutputLookups;

  constructor(private readonly rootDir: string, private readonly check: boolean, private readonly clock: PhaseClock, writes: FileWrites) {
    this.staging = new StagedWrites(rootDir, writes);
    this.onDisk = new OutputLookups(rootDir);
  }

  expectCached(entry: ProviderEntry): void {
    for (const path of stampedPaths(entry.outputs)) this.expected.add(path);
    for (const root of entry.owned) this.roots.add(root);
  }

  /** Compare an emitter's files with the disk and stage the ones that differ. */
  take(emitter: Emitter, roots: string[], files: IndexOutput[], joinedPiecesOf?: (file: JoinedFile<unknown>) => Iterable<Piece>): void {
    roots.forEach((r) => this.roots.add(r));
    for (const file of files) {
      if (!roots.some((root) => file.path.startsWith(`${root}/`))) {
        throw new Error(`emitter '${emitter.name}' produced ${file.path}, outside the directories it owns (${roots.join(', ')}).`);
      }
      this.expected.add(file.path);
      if (isStreamed(file)) {
        const pieces = isJoined(file) && joinedPiecesOf ? joinedPiecesOf(file) : file.chunks();
        const outcome = this.clock.time('compare', () => comparePieces(join(this.rootDir, file.path), pieces));
        if (outcome.kind === 'same') continue;
        this.found.push({ path: file.path, problem: outcome.kind });
        this.clock.time('write', () => outcome.write(this.check ? null : this.staging.stagePieces(file.path)));
        continue;
      }
      const current = this.clock.time('compare', () => this.onDisk.read(file.path));
      if (current === file.contents) continue;
      this.found.push({ path: file.path, problem: current === null ? 'missing' : 'differs' });
      if (!this.check) this.clock.time('write', () => this.staging.stage(file));
    }
  }

  staleCount(): number {
    return this.found.length;
  }

  expectedCount(): number {
    return this.expected.size;
  }

  expectedPaths(): ReadonlySet<string> {
    return this.expected;
  }

  ownedRoots(): ReadonlySet<string> {
    return this.roots;
  }

  /** Everything found different, plus files in owned directories (or left by removed providers) that nothing generates now. */
  stale(leftByRemoved: string[], unchanged?: DirStamps, seen?: DirStamps): StaleFile[] {
    const stale = [...this.found];
    const extra = new Set<string>();
    for (const root of this.roots) {
      for (const path of listOwnedFiles(this.rootDir, root, unchanged, seen)) if (!this.expected.has(path) && !this.staging.isStaged(path)) extra.add(path);
    }
    for (const path of leftByRemoved) if (!this.expected.has(path) && existsSync(join(this.rootDir, path))) extra.add(path);
    for (const path of extra) stale.push({ path, problem: 'not generated' });
    return stale.sort((a, b) => byCodeUnits(a.path, b.path));
  }
}
