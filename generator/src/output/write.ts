import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../emit/emitter.js';

export interface WriteSummary {
  written: string[];
  removed: string[];
  unchanged: number;
}

/**
 * Write the generated files that changed (`changed`, as the comparison found
 * them), and remove the stale ones. Every file is first written beside its
 * target under a temporary name and only then renamed over it, so a reader
 * never sees a half-written file; unchanged files are left untouched (keeps
 * mtimes and build caches stable).
 */
export function writeOutput(rootDir: string, changed: GeneratedFile[], unchanged: number, stale: string[]): WriteSummary {
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
  return { written: changed.map((f) => f.path), removed: stale, unchanged };
}
