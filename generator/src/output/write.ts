import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../emit/emitter.js';

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
 */
export class StagedWrites {
  private readonly staged: Array<{ temp: string; target: string; path: string }> = [];
  private readonly madeDirs = new Set<string>();
  /** The topmost directory each mkdir created: a discarded run removes them, leaving the tree as it found it. */
  private readonly createdDirs: string[] = [];

  constructor(private readonly rootDir: string) {}

  stage(file: GeneratedFile): void {
    writeFileSync(this.tempFor(file.path), file.contents);
  }

  /** A staged file written piece by piece (a large catalog-wide file); `close` it before `commit`. */
  stagePieces(path: string): { write: (bytes: Uint8Array) => void; close: () => void } {
    const fd = openSync(this.tempFor(path), 'w');
    return {
      write: (bytes) => {
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      },
      close: () => closeSync(fd),
    };
  }

  private tempFor(path: string): string {
    const target = join(this.rootDir, path);
    const dir = dirname(target);
    if (!this.madeDirs.has(dir)) {
      const created = mkdirSync(dir, { recursive: true });
      if (created !== undefined) this.createdDirs.push(created);
      this.madeDirs.add(dir);
    }
    const temp = `${target}${TEMP_SUFFIX}`;
    // Recorded first, so a failed write is still cleaned up.
    this.staged.push({ temp, target, path });
    return temp;
  }

  /** Whether `path` (project-relative) is one of this run's temporary files. */
  isStaged(path: string): boolean {
    return path.endsWith(TEMP_SUFFIX);
  }

  discard(): void {
    for (const { temp } of this.staged) rmSync(temp, { force: true });
    this.staged.length = 0;
    // Created by this run for its temporary files only, so nothing else can be in them.
    for (const dir of this.createdDirs.reverse()) rmSync(dir, { recursive: true, force: true });
    this.createdDirs.length = 0;
  }

  /** Rename every staged file into place and remove the stale ones; returns the paths written. */
  commit(stale: string[]): string[] {
    for (const { temp, target } of this.staged) renameSync(temp, target);
    for (const path of stale) rmSync(join(this.rootDir, path), { force: true });
    return this.staged.map((s) => s.path);
  }
}
