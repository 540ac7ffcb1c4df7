import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { NameClaim } from '../load/check-names.js';
import type { Provider } from '../model.js';

/** One generated file as it was left on disk: if size and mtime still match, so do its bytes. */
export interface OutputStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

/** What a provider's last successful generation left behind, enough to skip it entirely next time. */
export interface ProviderEntry {
  format: typeof FORMAT;
  fingerprint: string;
  folder: string;
  specHash: string;
  /** The spec folder's names, sizes and mtimes when it was hashed: while they hold, its bytes need not be read again. */
  specStamp: string;
  claims: NameClaim[];
  /** Each split emitter's summary of the provider, by emitter name, for the catalog-wide files. */
  summaries: Record<string, unknown>;
  /** Directories the emitters own because of this provider (its client package). */
  owned: string[];
  outputs: OutputStamp[];
}

const FORMAT = 1;
const ENTRY = '.entry';
const MODEL = '.model';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isEntry(value: unknown): value is ProviderEntry {
  return (
    isObject(value) &&
    value.format === FORMAT &&
    typeof value.fingerprint === 'string' &&
    typeof value.folder === 'string' &&
    typeof value.specHash === 'string' &&
    typeof value.specStamp === 'string' &&
    Array.isArray(value.claims) &&
    isObject(value.summaries) &&
    Array.isArray(value.owned) &&
    Array.isArray(value.outputs) &&
    value.outputs.every((o) => isObject(o) && typeof o.path === 'string' && typeof o.size === 'number' && typeof o.mtimeMs === 'number')
  );
}

/**
 * The per-provider generation cache: one entry file (small: names, summaries, output stamps) and
 * one model file (read only when the provider must be emitted again) per provider folder. Anything
 * unreadable, of another format or from another generator is a miss, never an error: the provider
 * is then loaded from its specs, so a corrupt or half-written cache costs time, not correctness.
 */
export class GenerationCache {
  private readonly dir: string;

  constructor(cacheDir: string, private readonly fingerprint: string) {
    this.dir = join(cacheDir, 'providers');
  }

  private file(folder: string, suffix: string): string {
    return join(this.dir, `${encodeURIComponent(folder)}${suffix}`);
  }

  private read(path: string): unknown {
    try {
      return deserialize(readFileSync(path));
    } catch {
      return null;
    }
  }

  private write(path: string, value: unknown): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, serialize(value));
    renameSync(temp, path);
  }

  /** The entry for `folder` if this generator wrote it (for whatever specs: the caller compares). */
  entry(folder: string): ProviderEntry | null {
    const value = this.read(this.file(folder, ENTRY));
    return isEntry(value) && value.fingerprint === this.fingerprint && value.folder === folder ? value : null;
  }

  /** Every entry on disk, whatever its specs: what earlier runs generated for folders that may be gone. */
  folders(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((name) => name.endsWith(ENTRY))
        .map((name) => decodeURIComponent(name.slice(0, -ENTRY.length)));
    } catch {
      return [];
    }
  }

  /** Outputs recorded for `folder` by any generator version (a removed provider's files to delete). */
  recordedOutputs(folder: string): string[] {
    const value = this.read(this.file(folder, ENTRY));
    return isEntry(value) ? value.outputs.map((o) => o.path) : [];
  }

  model(folder: string, specHash: string): Provider | null {
    const value = this.read(this.file(folder, MODEL));
    if (!isObject(value) || value.fingerprint !== this.fingerprint || value.specHash !== specHash || !isObject(value.provider)) return null;
    // Written by this same generator (the fingerprint matched), so it has the model's shape.
    return value.provider as unknown as Provider;
  }

  /** A model serialized now (so the object itself can be dropped) and written by `saveModel` only if the run succeeds. */
  serializeModel(specHash: string, provider: Provider): Buffer {
    return serialize({ fingerprint: this.fingerprint, specHash, provider });
  }

  saveModel(folder: string, serialized: Buffer): void {
    mkdirSync(this.dir, { recursive: true });
    const path = this.file(folder, MODEL);
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, serialized);
    renameSync(temp, path);
  }

  saveEntry(entry: Omit<ProviderEntry, 'format' | 'fingerprint'>): void {
    this.write(this.file(entry.folder, ENTRY), { format: FORMAT, fingerprint: this.fingerprint, ...entry });
  }

  forget(folder: string): void {
    rmSync(this.file(folder, ENTRY), { force: true });
    rmSync(this.file(folder, MODEL), { force: true });
  }
}
