import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../emit/emitter.js';
import { FileWrites } from './write-thread.js';

const TEMP_SUFFIX = `.switchboard-tmp-${process.pid}`;

export interface WriteSummary {
  written: string[];
  removed: string[];
  unchanged: number;
}

/**
 * Changed files, written as generation goes (so no provider's output waits in memory for the
 * others) but beside their targets under a temporary name: only `commit`, once every provider
 * has been loaded, checked and emitted, renames them into place, and `discard` removes them if
 * anything failed. A reader never sees a half-written file, nor the output of a run that failed;
 * unchanged files are never touched (keeps mtimes and build caches stable).
 *
 * The temporary files may be written on another thread (`FileWrites`): `commit` waits for every
 * one of them, and renames nothing if any write of the run failed.
 */
export class StagedWrites {
  private readonly staged: Array<{ temp: string; target: string; path: string }> = [];
  private readonly madeDirs = new Set<string>();
  /** The topmost directory each mkdir created: a discarded run removes them, leaving the tree as it found it. */
  private readonly createdDirs: string[] = [];
  private readonly writer: FileWrites;
  /** Whether `writer` is this object's own, to close once every write is settled. */
  private readonly ownWriter: boolean;

  /** @param writes shared with the run's other writes (the cache's); made here, and closed by commit or discard, when not given */
  constructor(private readonly rootDir: string, writes?: FileWrites) {
    this.ownWriter = writes === undefined;
    this.writer = writes ?? new FileWrites();
  }

  stage(file: GeneratedFile): void {
    this.writer.write(this.tempFor(file.path, (dir) => this.writer.mkdir(dir)), file.contents);
  }

  /** A staged file written piece by piece (a large catalog-wide file), in this thread; `close` it before `commit`. */
  stagePieces(path: string): { write: (bytes: Uint8Array) => void; close: () => void } {
    // Made here and now, since this thread writes into it at once (the writer thread may not have got to it yet).
    const fd = openSync(this.tempFor(path, (dir) => this.mkdirHere(dir)), 'w');
    return {
      write: (bytes) => {
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      },
      close: () => closeSync(fd),
    };
  }

  private mkdirHere(dir: string): void {
    const created = mkdirSync(dir, { recursive: true });
    if (created !== undefined) this.createdDirs.push(created);
  }

  private tempFor(path: string, mkdir: (dir: string) => void): string {
    const target = join(this.rootDir, path);
    const dir = dirname(target);
    if (!this.madeDirs.has(dir)) {
      mkdir(dir);
      this.madeDirs.add(dir);
    }
    const temp = `${target}${TEMP_SUFFIX}`;
    // Recorded first, so a failed write is still cleaned up.
    this.staged.push({ temp, target, path });
    return temp;
  }

  /** Every write handed over finished (or failed), and the directories made for them known. */
  private settle(): Error | null {
    const failure = this.ownWriter ? this.writer.close() : this.writer.flush();
    this.createdDirs.push(...this.writer.takeCreated());
    return failure;
  }

  /** Whether `path` (project-relative) is one of this run's temporary files. */
  isStaged(path: string): boolean {
    return path.endsWith(TEMP_SUFFIX);
  }

  discard(): void {
    // Waited for first, so no temporary file lands after its removal.
    this.settle();
    for (const { temp } of this.staged) removeTemp(temp);
    this.staged.length = 0;
    // Created by this run for its temporary files only, so nothing else can be in them.
    for (const dir of this.createdDirs.reverse()) rmSync(dir, { recursive: true, force: true });
    this.createdDirs.length = 0;
  }

  /** Rename every staged file into place and remove the stale ones; returns the paths written. */
  commit(stale: string[]): string[] {
    const failure = this.settle();
    // A file that may be half-written is never renamed into place: the caller discards the run.
    if (failure) throw failure;
    for (const { temp, target } of this.staged) renameSync(temp, target);
    for (const path of stale) rmSync(join(this.rootDir, path), { force: true });
    return this.staged.map((s) => s.path);
  }
}

/** A temporary file gone, or never made because its directory could not be (a file in its way). */
function removeTemp(temp: string): void {
  try {
    rmSync(temp, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
  }
}
