import { modelRecord, packSummary, type PackedSummary } from '../cache/store.js';
import type { Emitter, GeneratedFile } from '../emit/emitter.js';
import type { NameClaim } from '../load/check-names.js';
import type { Diagnostic } from '../load/diagnostics.js';
import { loadProvider, type ProviderFolder } from '../load/index.js';
import type { Provider } from '../model.js';
import { PackageVersionError, withPackageVersion } from '../output/package-versions.js';
import type { PhaseClock } from '../phase-clock.js';

/** What one provider's own step needs: where its specs are, and what to do with them. */
export interface WorkInput {
  specsRoot: string;
  rootDir: string;
  folder: ProviderFolder;
  /** Its model from the generation cache (its specs are as that model was made from): not loaded again. */
  cached: Provider | null;
  /** With a cache: the model file's fingerprint and spec hash, so a loaded model's file can be made here. */
  modelRecord: { fingerprint: string; specHash: string } | null;
  /** False once any provider had a problem: nothing will be written, so emitting would be wasted. */
  emit: boolean;
}

/** One emitter's part of one provider: the directories it owns, its summary as the cache keeps it, and its files. */
export interface EmittedPart {
  emitter: string;
  roots: string[];
  summary: PackedSummary;
  files: GeneratedFile[];
}

/**
 * Everything about one provider that depends on its specs alone: the pipeline does the rest
 * (comparing with the disk, staging, the cache's index, the catalog-wide checks and files) in
 * catalog order. Plain data, so it can be made on a worker thread.
 */
export interface ProviderWork {
  /** Whether its specs were parsed (not taken from the cache). */
  parsed: boolean;
  /** Its problems; any problem means nothing of this run is written. */
  diagnostics: Diagnostic[];
  /** The names it takes, when it was loaded (a cached model's are in its cache entry). */
  claims: NameClaim[] | null;
  /**
   * `unusable`: no model (its provider.yaml could not be used); `unversioned`: its client's
   * package.json is unreadable; `modelled`: a model, emitted unless `input.emit` was false.
   */
  outcome: 'unusable' | 'unversioned' | 'modelled';
  /** The model file for the cache, for a provider loaded without problems. */
  model: Uint8Array | null;
  /** Its model with its client's version: only in the thread that asked (a worker sends none). */
  provider: Provider | null;
  /** Per split emitter, in the order given; null when it was not emitted. */
  emitted: EmittedPart[] | null;
}

/**
 * Load (or take from the cache), version and emit one provider with the split emitters. Pure but
 * for reading the provider's specs and its client's package.json, so that the same step runs in the
 * pipeline's thread and on the worker threads (`provider-pool.ts`), and gives the same bytes.
 */
export function workOnProvider(input: WorkInput, emitters: readonly Emitter[], clock: PhaseClock): ProviderWork {
  let claims: NameClaim[] | null = null;
  let model: Uint8Array | null = null;
  const diagnostics: Diagnostic[] = [];
  let base = input.cached;
  if (!base) {
    const loaded = clock.time('load + validate + model', () => loadProvider(input.specsRoot, input.folder));
    diagnostics.push(...loaded.diagnostics);
    claims = loaded.claims;
    const made = loaded.provider;
    if (!made) return { parsed: true, diagnostics, claims, outcome: 'unusable', model: null, provider: null, emitted: null };
    const record = input.modelRecord;
    if (record && loaded.diagnostics.length === 0) model = clock.time('write cache', () => modelRecord(record.fingerprint, record.specHash, made));
    base = made;
  }
  const parsed = input.cached === null;
  const unversioned: Provider = base;
  let provider: Provider;
  // Client versions are Changesets' to keep, not the specs': see output/package-versions.ts.
  try {
    provider = clock.time('package versions', () => withPackageVersion(unversioned, input.rootDir));
  } catch (error) {
    if (!(error instanceof PackageVersionError)) throw error;
    diagnostics.push({ file: error.file, line: 1, column: 1, message: error.message });
    return { parsed, diagnostics, claims, outcome: 'unversioned', model, provider: null, emitted: null };
  }
  if (!input.emit || diagnostics.length > 0) return { parsed, diagnostics, claims, outcome: 'modelled', model, provider, emitted: null };

  const emitted: EmittedPart[] = [];
  const versioned = provider;
  for (const emitter of emitters) {
    const split = emitter.split;
    if (!split) continue;
    const roots = emitter.owns({ providers: [versioned] });
    emitted.push(
      clock.time(`emit ${emitter.name}`, () => {
        const summary = split.summary(versioned);
        const packed = clock.time('write cache', () => packSummary(summary));
        return { emitter: emitter.name, roots, summary: packed, files: split.provider(versioned) };
      }),
    );
  }
  return { parsed, diagnostics, claims, outcome: 'modelled', model, provider, emitted };
}
