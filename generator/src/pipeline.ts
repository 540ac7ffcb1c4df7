import { join } from 'node:path';
import type { Emitter, GeneratedFile } from './emit/emitter.js';
import { emitters as defaultEmitters } from './emit/index.js';
import { loadCatalog } from './load/index.js';
import type { Diagnostic } from './load/diagnostics.js';
import type { Catalog } from './model.js';
import { listOwnedFiles, readIfExists } from './output/tree.js';
import { writeOutput, type WriteSummary } from './output/write.js';
import { PackageVersionError, withPackageVersions } from './output/package-versions.js';

export interface GenerateOptions {
  /** Project root: generated paths are relative to it. */
  rootDir: string;
  /** Defaults to `<rootDir>/specs`. */
  specsDir?: string;
  /** Compare with what is on disk instead of writing. */
  check?: boolean;
  emitters?: Emitter[];
}

export interface PhaseTiming {
  phase: string;
  ms: number;
}

export type GenerateResult =
  | { kind: 'invalid'; diagnostics: Diagnostic[]; timings: PhaseTiming[] }
  | { kind: 'written'; summary: WriteSummary; files: number; timings: PhaseTiming[] }
  | { kind: 'checked'; stale: StaleFile[]; files: number; timings: PhaseTiming[] };

export interface StaleFile {
  path: string;
  problem: 'differs' | 'missing' | 'not generated';
}

/**
 * The whole generator on one screen: load → emit (each emitter timed) → write
 * or check. Nothing touches the disk until every phase has succeeded.
 */
export function generate(options: GenerateOptions): GenerateResult {
  const timings: PhaseTiming[] = [];
  const timed = <T>(phase: string, work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      timings.push({ phase, ms: performance.now() - start });
    }
  };

  const loaded = timed('load + validate + model', () => loadCatalog(options.specsDir ?? join(options.rootDir, 'specs')));
  if (!loaded.ok) return { kind: 'invalid', diagnostics: loaded.diagnostics, timings };
  const catalog = timed('package versions', () => releasedVersions(loaded.catalog, options.rootDir));
  if (!catalog.ok) return { kind: 'invalid', diagnostics: [catalog.diagnostic], timings };

  const emitters = options.emitters ?? defaultEmitters;
  const files = emitters.flatMap((emitter) => timed(`emit ${emitter.name}`, () => emitChecked(emitter, catalog.catalog)));
  const stale = timed('compare', () => compare(options.rootDir, emitters, catalog.catalog, files));

  if (options.check) return { kind: 'checked', stale, files: files.length, timings };
  // The comparison already read every file: write exactly what it found missing or different.
  const outdated = new Set(stale.filter((s) => s.problem !== 'not generated').map((s) => s.path));
  const changed = files.filter((f) => outdated.has(f.path));
  const summary = timed('write', () =>
    writeOutput(options.rootDir, changed, files.length - changed.length, stale.filter((s) => s.problem === 'not generated').map((s) => s.path)),
  );
  return { kind: 'written', summary, files: files.length, timings };
}

/** Client versions are Changesets' to keep, not the specs': see output/package-versions.ts. */
function releasedVersions(catalog: Catalog, rootDir: string): { ok: true; catalog: Catalog } | { ok: false; diagnostic: Diagnostic } {
  try {
    return { ok: true, catalog: withPackageVersions(catalog, rootDir) };
  } catch (error) {
    if (!(error instanceof PackageVersionError)) throw error;
    return { ok: false, diagnostic: { file: error.file, line: 1, column: 1, message: error.message } };
  }
}

function emitChecked(emitter: Emitter, catalog: Catalog): GeneratedFile[] {
  const roots = emitter.owns(catalog);
  const files = emitter.emit(catalog);
  for (const file of files) {
    if (!roots.some((root) => file.path.startsWith(`${root}/`))) {
      throw new Error(`emitter '${emitter.name}' produced ${file.path}, outside the directories it owns (${roots.join(', ')}).`);
    }
  }
  return files;
}

function compare(rootDir: string, emitters: Emitter[], catalog: Catalog, files: GeneratedFile[]): StaleFile[] {
  const expected = new Map(files.map((f) => [f.path, f.contents]));
  const stale: StaleFile[] = [];
  for (const [path, contents] of expected) {
    const current = readIfExists(join(rootDir, path));
    if (current === null) stale.push({ path, problem: 'missing' });
    else if (current !== contents) stale.push({ path, problem: 'differs' });
  }
  for (const root of emitters.flatMap((e) => e.owns(catalog))) {
    for (const path of listOwnedFiles(rootDir, root)) {
      if (!expected.has(path)) stale.push({ path, problem: 'not generated' });
    }
  }
  return stale.sort((a, b) => a.path.localeCompare(b.path));
}
