import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../emit/emitter.js';
import { readIfExists } from './tree.js';

export interface WriteSummary {
  written: string[];
  removed: string[];
  unchanged: number;
}

/**
 * Write generated files. Every file is first written beside its target under a
 * temporary name and only then renamed over it, so a reader never sees a
 * half-written file; unchanged files are left untouched (keeps mtimes and
 * build caches stable).
 */
export function writeOutput(rootDir: string, files: GeneratedFile[], stale: string[]): WriteSummary {
  const changed = files.filter((file) => readIfExists(join(rootDir, file.path)) !== file.contents);
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const file of changed) {
      const target = join(rootDir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.switchboard-tmp-${process.pid}`;
      writeFileSync(temp, file.contents);
      staged.push({ temp, target });
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, target } of staged) renameSync(temp, target);
  for (const path of stale) rmSync(join(rootDir, path), { force: true });
  return { written: changed.map((f) => f.path), removed: stale, unchanged: files.length - changed.length };
}
