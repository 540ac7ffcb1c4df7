import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { NameClaim } from '../load/check-names.js';
import type { Provider } from '../model.js';
import { isJoinedLayout, sameLayout, type JoinedLayout } from '../output/joined.js';
import type { DirStamps } from '../output/tree.js';
import { FileWrites } from '../output/write-thread.js';

/** One generated file as it was left on disk: if size and mtime still match, so do its bytes. */
export interface OutputStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * A provider's output stamps as the index keeps them: the paths in one string, sizes and mtimes in
 * number arrays. Tens of thousands of small objects cost more to serialize, read back and check
 * than the few strings and arrays that say the same.
 */
export interface OutputStamps {
  /** Project-relative paths, joined by NUL (which no path holds). */
  paths: string;
  sizes: Float64Array;
  mtimesMs: Float64Array;
}

export function packStamps(stamps: OutputStamp[]): OutputStamps {
  return { paths: stamps.map((s) => s.path).join('\0'), sizes: Float64Array.from(stamps, (s) => s.size), mtimesMs: Float64Array.from(stamps, (s) => s.mtimeMs) };
}

export const stampedPaths = (stamps: OutputStamps): string[] => (stamps.paths === '' ? [] : stamps.paths.split('\0'));

/**
 * One emitter's summary of one provider, as kept: small ones in the index itself, larger ones in a
 * file of their own named by the hash of their bytes, read only while the catalog-wide files are
 * built. An object is kept field by field, so a walk that reads one field reads only its file.
 */
export type StoredSummary = { inline: unknown } | { file: string } | { fields: Record<string, StoredSummary> };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** What a provider's last successful generation left behind, enough to skip it entirely next time. */
export interface ProviderEntry {
  folder: string;
  specHash: string;
  /** The spec folder's names, sizes and mtimes when it was hashed: while they hold, its bytes need not be read again. */
  specStamp: string;
  /** The provider's name claims, packed (`packClaims`): unpacked only when some provider changed and the names must be checked again. */
  claims: string;
  /** Each split emitter's summary of the provider, by emitter name, for the catalog-wide files. */
  summaries: Record<string, StoredSummary>;
  /** Directories the emitters own because of this provider (its client package). */
  owned: string[];
  outputs: OutputStamps;
}

interface IndexFile {
  format: typeof FORMAT;
  fingerprint: string;
  entries: Record<string, ProviderEntry>;
  /** Per joined catalog-wide file (project-relative path), where its pieces lie as the last run wrote it. */
  joined?: Record<string, JoinedLayout>;
  /** The owned directories as the last complete write run left them, packed; see `OwnedTrees`. */
  dirs?: PackedTrees | null;
}

/**
 * What a write run in which every provider got an entry left in the owned directories: each
 * directory's stamp, and the catalog-wide files it generated. Every other file it left there is some
 * entry's output, so a later run need only read the directories whose mtime moved.
 */
export interface OwnedTrees {
  stamps: DirStamps;
  indexOutputs: string[];
}

interface PackedTrees {
  paths: string[];
  mtimesMs: Float64Array;
  /** Each directory's subdirectories, joined by NUL. */
  subdirs: string[];
  indexOutputs: string[];
}

function packTrees(trees: OwnedTrees): PackedTrees {
  const entries = [...trees.stamps];
  return { paths: entries.map(([path]) => path), mtimesMs: Float64Array.from(entries, ([, s]) => s.mtimeMs), subdirs: entries.map(([, s]) => s.subdirs.join('\0')), indexOutputs: trees.indexOutputs };
}

function unpackTrees(packed: PackedTrees): OwnedTrees {
  const stamps: DirStamps = new Map();
  packed.paths.forEach((path, i) => stamps.set(path, { mtimeMs: packed.mtimesMs[i]!, subdirs: packed.subdirs[i] === '' ? [] : packed.subdirs[i]!.split('\0') }));
  return { stamps, indexOutputs: packed.indexOutputs };
}

const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((e) => typeof e === 'string');

function isPackedTrees(value: unknown): value is PackedTrees {
  return isObject(value) && strings(value.paths) && value.mtimesMs instanceof Float64Array && strings(value.subdirs) && strings(value.indexOutputs) && value.mtimesMs.length === value.paths.length && value.subdirs.length === value.paths.length;
}

function sameTrees(a: PackedTrees | null | undefined, b: PackedTrees | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  const same = (x: ArrayLike<unknown>, y: ArrayLike<unknown>) => x.length === y.length && Array.prototype.every.call(x, (e, i) => e === y[i]);
  return same(a.paths, b.paths) && same(a.mtimesMs, b.mtimesMs) && same(a.subdirs, b.subdirs) && same(a.indexOutputs, b.indexOutputs);
}

/** 3: output stamps packed (`OutputStamps`); 4: name claims packed (`packClaims`). */
const FORMAT = 4;
const INDEX = 'index.v8';
const MODEL = '.model';
const SUMMARY = '.summary';
/** Summaries up to this many serialized bytes stay in the index: reading a file each would cost more than keeping them. */
const INLINE_BYTES = 2048;

/** A summary file that is missing, unreadable or not what its name says: the cache cannot be trusted for this run. */
export class CacheCorruptError extends Error {}

/** A model file's bytes: the model with the generator and the spec bytes it was made from. */
export function modelRecord(fingerprint: string, specHash: string, provider: Provider): Uint8Array {
  return serialize({ fingerprint, specHash, provider });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isEntry(value: unknown): value is ProviderEntry {
  return (
    isObject(value) &&
    typeof value.folder === 'string' &&
    typeof value.specHash === 'string' &&
    typeof value.specStamp === 'string' &&
    typeof value.claims === 'string' &&
    isObject(value.summaries) &&
    Object.values(value.summaries).every(isStoredSummary) &&
    Array.isArray(value.owned) &&
    isStamps(value.outputs)
  );
}

function isStamps(value: unknown): value is OutputStamps {
  if (!isObject(value) || typeof value.paths !== 'string' || !(value.sizes instanceof Float64Array) || !(value.mtimesMs instanceof Float64Array)) return false;
  const count = value.paths === '' ? 0 : value.paths.split('\0').length;
  return value.sizes.length === count && value.mtimesMs.length === count;
}

function isStoredSummary(value: unknown): value is StoredSummary {
  return isObject(value) && ('inline' in value || typeof value.file === 'string' || (isObject(value.fields) && Object.values(value.fields).every(isStoredSummary)));
}

function summaryFilesOf(stored: StoredSummary): string[] {
  if ('fields' in stored) return Object.values(stored.fields).flatMap(summaryFilesOf);
  return 'file' in stored ? [stored.file] : [];
}

function readIndex(path: string): IndexFile | null {
  try {
    const value = deserialize(readFileSync(path)) as unknown;
    if (!isObject(value) || value.format !== FORMAT || typeof value.fingerprint !== 'string' || !isObject(value.entries)) return null;
    if (!Object.entries(value.entries).every(([folder, entry]) => isEntry(entry) && entry.folder === folder)) return null;
    // Layouts only save work: a bad one is dropped, and those files are made in full.
    const joined = isObject(value.joined) && Object.values(value.joined).every(isJoinedLayout) ? (value.joined as Record<string, JoinedLayout>) : {};
    const dirs = isPackedTrees(value.dirs) ? value.dirs : null;
    return { ...(value as unknown as IndexFile), joined, dirs };
  } catch {
    return null;
  }
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

const summaryHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/** A summary as `SummaryFiles.store` keeps it, before anything is written: small values inline, large ones as their serialized bytes. */
export type PackedSummary = { inline: unknown } | { bytes: Uint8Array } | { fields: Record<string, PackedSummary> };

/**
 * Serializes what `SummaryFiles.storePacked` will write: field by field, so no byte is serialized
 * twice; an object whose fields all stay inline stays inline whole. Pure, so it can run on the
 * thread that made the summary.
 */
export function packSummary(value: unknown): PackedSummary {
  if (isPlainObject(value)) {
    const fields = Object.entries(value).map(([key, field]) => [key, packSummary(field)] as const);
    return fields.every(([, field]) => 'inline' in field) ? { inline: value } : { fields: Object.fromEntries(fields) };
  }
  const bytes = serialize(value);
  return bytes.length <= INLINE_BYTES ? { inline: value } : { bytes };
}

/**
 * Where this run keeps each provider's summaries until the catalog-wide files are built, so they
 * are on disk rather than in memory: the cache's folder, or a temporary one when there is no cache.
 * Files are named by the hash of their bytes, so one written by a run that then failed is harmless,
 * and a file that does not hash to its name is detected on reading.
 */
export class SummaryFiles {
  /**
   * @param writeDir where this run's new summaries go (made on first use)
   * @param readDirs where summaries are looked for, this run's first
   * @param writes how they are written (perhaps on another thread: reading one waits for them)
   */
  constructor(private readonly writeDir: () => string, private readonly readDirs: () => string[], private readonly writes: FileWrites = new FileWrites(Infinity)) {}

  /** Summaries in a temporary folder of their own, for a run without a cache; `close` removes it. */
  static temporary(writes?: FileWrites): SummaryFiles & { close: () => void } {
    let dir: string | null = null;
    const made = () => (dir ??= mkdtempSync(join(tmpdir(), 'switchboard-summaries-')));
    const files = new SummaryFiles(made, () => (dir ? [dir] : []), writes);
    return Object.assign(files, {
      close: () => {
        // Nothing may still be writing into the folder as it goes.
        files.writes.flush();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    });
  }

  store(folder: string, emitter: string, value: unknown): StoredSummary {
    return this.storePacked(folder, emitter, packSummary(value));
  }

  /** A summary packed where it was made (perhaps on a worker thread): its large parts written, the rest kept inline. */
  storePacked(folder: string, emitter: string, packed: PackedSummary): StoredSummary {
    if ('inline' in packed) return packed;
    if ('fields' in packed) return { fields: Object.fromEntries(Object.entries(packed.fields).map(([key, field]) => [key, this.storePacked(folder, `${emitter}.${key}`, field)])) };
    const file = `${encodeURIComponent(folder)}.${encodeURIComponent(emitter)}.${summaryHash(packed.bytes)}${SUMMARY}`;
    this.writes.write(join(this.writeDir(), file), packed.bytes);
    return { file };
  }

  /** The summary as stored; a field kept in a file of its own is read when it is first used. */
  load(stored: StoredSummary): unknown {
    if ('inline' in stored) return stored.inline;
    if ('fields' in stored) {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(stored.fields)) {
        if ('inline' in field) value[key] = field.inline;
        else {
          // Read on first use, then kept on this object, so a walk that reads a field twice reads its file once.
          Object.defineProperty(value, key, {
            enumerable: true,
            configurable: true,
            get: () => {
              const loaded = this.load(field);
              Object.defineProperty(value, key, { enumerable: true, configurable: true, writable: true, value: loaded });
              return loaded;
            },
          });
        }
      }
      return value;
    }
    // This run's summaries may still be on their way to disk.
    const failure = this.writes.flush();
    if (failure) throw failure;
    let bytes: Buffer | null = null;
    for (const dir of this.readDirs()) {
      try {
        bytes = readFileSync(join(dir, stored.file));
        break;
      } catch {
        // Not in this folder; try the next.
      }
    }
    if (bytes === null) throw new CacheCorruptError(`summary ${stored.file} is missing`);
    if (!stored.file.endsWith(`.${summaryHash(bytes)}${SUMMARY}`)) throw new CacheCorruptError(`summary ${stored.file} does not match its hash`);
    try {
      return deserialize(bytes);
    } catch {
      throw new CacheCorruptError(`summary ${stored.file} is unreadable`);
    }
  }

}

/**
 * The per-provider generation cache: one index (every provider's names, small summaries and output
 * stamps, read in one go), and per provider a model file (read only when the provider must be
 * emitted again) and its larger summaries. Anything unreadable, of another format or from another
 * generator is a miss, never an error: the provider is then loaded from its specs, so a corrupt or
 * half-written cache costs time, not correctness.
 *
 * What a run writes (models, summaries) goes to a folder of its own first and joins the cache only
 * when the run succeeds (`saveIndex`); a failed run's `discard` leaves the disk as it found it.
 */
export class GenerationCache {
  private readonly dir: string;
  private readonly pendingDir: string;
  private readonly indexPath: string;
  private loaded: IndexFile | null | undefined;
  /** The topmost folder this run created for its pending files, removed again by `discard`. */
  private created: string | undefined | null = null;
  readonly summaries: SummaryFiles;
  /** The index's file name inside the cache folder. */
  static readonly INDEX = INDEX;

  /** @param writes how this run's models and summaries are written (perhaps on another thread) */
  constructor(private readonly cacheDir: string, private readonly fingerprint: string, private readonly writes: FileWrites = new FileWrites(Infinity)) {
    this.dir = join(cacheDir, 'providers');
    this.pendingDir = join(cacheDir, `pending-${process.pid}`);
    this.indexPath = join(cacheDir, INDEX);
    this.summaries = new SummaryFiles(() => this.pending(), () => [this.pendingDir, this.dir], writes);
  }

  private pending(): string {
    if (this.created === null) this.created = mkdirSync(this.pendingDir, { recursive: true });
    return this.pendingDir;
  }

  /** Forget everything this run wrote. */
  discard(): void {
    if (this.created === null) return;
    // Nothing may still be writing into the folder as it goes.
    this.writes.flush();
    rmSync(this.created ?? this.pendingDir, { recursive: true, force: true });
    this.created = null;
  }

  private index(): IndexFile | null {
    if (this.loaded === undefined) this.loaded = readIndex(this.indexPath);
    return this.loaded;
  }

  private modelFile(folder: string): string {
    return join(this.dir, `${encodeURIComponent(folder)}${MODEL}`);
  }

  /** The entry for `folder` if this generator wrote it (for whatever specs: the caller compares). */
  entry(folder: string): ProviderEntry | null {
    const index = this.index();
    return index && index.fingerprint === this.fingerprint ? (index.entries[folder] ?? null) : null;
  }

  /** Where the pieces of the joined file at `path` lay when this generator last wrote it, if recorded. */
  joinedLayout(path: string): JoinedLayout | null {
    const index = this.index();
    return index && index.fingerprint === this.fingerprint ? (index.joined?.[path] ?? null) : null;
  }

  /** The owned directories as this generator's last complete write run left them, if recorded. */
  ownedTrees(): OwnedTrees | null {
    const index = this.index();
    return index && index.fingerprint === this.fingerprint && index.dirs ? unpackTrees(index.dirs) : null;
  }

  /** Every folder an earlier run recorded, whatever its specs: what earlier runs generated for folders that may be gone. */
  folders(): string[] {
    return Object.keys(this.index()?.entries ?? {});
  }

  /** Outputs recorded for `folder` by any generator version (a removed provider's files to delete). */
  recordedOutputs(folder: string): string[] {
    const entry = this.index()?.entries[folder];
    return entry ? stampedPaths(entry.outputs) : [];
  }

  model(folder: string, specHash: string): Provider | null {
    let value: unknown;
    try {
      value = deserialize(readFileSync(this.modelFile(folder)));
    } catch {
      return null;
    }
    if (!isObject(value) || value.fingerprint !== this.fingerprint || value.specHash !== specHash || !isObject(value.provider)) return null;
    // Written by this same generator (the fingerprint matched), so it has the model's shape.
    return value.provider as unknown as Provider;
  }

  /** A model file's bytes (`modelRecord`, made where the model was, perhaps on a worker thread), written at once into this run's pending folder. */
  saveModelBytes(folder: string, bytes: Uint8Array): void {
    this.writes.write(join(this.pending(), `${encodeURIComponent(folder)}${MODEL}`), bytes);
  }

  /**
   * The index after this run: `updated` replaces what it names, `removed` is dropped, the rest is
   * kept when it is this generator's. Summary files no entry refers to any more are deleted.
   */
  saveIndex(updated: ProviderEntry[], removed: string[], joined?: Record<string, JoinedLayout>, trees?: OwnedTrees | null): void {
    removeAbandonedRuns(this.cacheDir);
    const before = this.index();
    const sameGenerator = before?.fingerprint === this.fingerprint;
    // `joined` replaces every layout; without it the recorded ones stay (a check run writes nothing).
    const layouts = joined ?? (sameGenerator ? (before.joined ?? {}) : {});
    // `trees` likewise (null forgets them: the run left files no entry accounts for).
    const dirs = trees === undefined ? (sameGenerator ? (before.dirs ?? null) : null) : trees && packTrees(trees);
    const recordsKept = sameTrees(dirs, sameGenerator ? before.dirs : null) && sameGenerator && Object.keys(layouts).length === Object.keys(before.joined ?? {}).length && Object.entries(layouts).every(([path, l]) => sameLayout(l, before.joined?.[path]));
    // Nothing new and nothing gone (and no pending files): the index on disk already says it all.
    if (updated.length === 0 && removed.length === 0 && this.created === null && sameGenerator && recordsKept) return;
    const entries: Record<string, ProviderEntry> = before && before.fingerprint === this.fingerprint ? { ...before.entries } : {};
    for (const folder of removed) delete entries[folder];
    for (const entry of updated) entries[entry.folder] = entry;
    const kept = new Set(Object.values(entries).flatMap((e) => Object.values(e.summaries).flatMap(summaryFilesOf)));
    mkdirSync(this.dir, { recursive: true });
    if (this.created !== null) {
      // Every pending file complete before it joins the cache; a failed write fails the run.
      const failure = this.writes.flush();
      if (failure) throw failure;
      for (const name of readdirSync(this.pendingDir)) renameSync(join(this.pendingDir, name), join(this.dir, name));
      rmSync(this.pendingDir, { recursive: true, force: true });
      this.created = null;
    }
    const index: IndexFile = { format: FORMAT, fingerprint: this.fingerprint, entries, joined: layouts, dirs };
    writeAtomically(this.indexPath, serialize(index));
    this.loaded = index;
    for (const name of readdirSync(this.dir)) {
      // `.entry` files are the per-provider entries of the cache's first format, which the index replaced.
      if ((name.endsWith(SUMMARY) && !kept.has(name)) || name.endsWith('.entry')) rmSync(join(this.dir, name), { force: true });
    }
    for (const folder of removed) rmSync(this.modelFile(folder), { force: true });
  }
}

/**
 * Pending folders of runs that ended without `saveIndex` or `discard` (a killed process). Nothing
 * reads them; they would only fill the disk. A folder whose process is still running belongs to a
 * concurrent generate and is left alone.
 */
function removeAbandonedRuns(cacheDir: string): void {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^pending-(\d+)$/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
