import type { ImportedFunction } from './import-function.js';
import { mergeSpec } from './merge.js';
import { ImportError, isNode, type Node } from './openapi-document.js';
import { readSpecYaml } from './spec-yaml.js';

/** Beside the specs (the loader skips dotfiles): what the last import wrote, the base of the next re-import's merge. */
export const SNAPSHOT_FILE = '.openapi-import.json';

export interface Snapshot {
  document: { title: string; version: string };
  /** Absent when provider.yaml was written by hand: it is then never merged. */
  provider?: { spec: Node; review: string[] };
  functions: Record<string, { operation: string; spec: Node; review: string[] }>;
}

export interface Drafts {
  provider: { spec: Node; review: string[]; handWritten?: true };
  /** `imported` is what the document said (the next merge's base); `handWritten` files are not written at all. */
  functions: Array<ImportedFunction & { imported?: Node; handWritten?: true }>;
}

/**
 * Fold a fresh import into a provider folder that already exists. Files the last import
 * wrote are merged three ways (the document's changes land, a person's edits stay); files a
 * person wrote without an import are left as they are. When a person's edit would be dropped
 * because the document no longer has what it edited, nothing is merged and the error lists it.
 */
export function reimport(fresh: Drafts, existing: ReadonlyMap<string, string>): { files: Drafts; kept: string[] } {
  const snapshot = readSnapshot(existing.get(SNAPSHOT_FILE));
  const kept: string[] = [];
  const lost: string[] = [];
  const byOperation = existingByOperation(existing, snapshot);
  const functions = fresh.functions.map((f) => {
    const found = byOperation.get(f.operation);
    if (!found) return f;
    const base = snapshot?.functions[found.name];
    const { review: oursReview, ...ours } = found.spec;
    if (!base) {
      kept.push(`${found.name}.yaml (written by hand: left as it is)`);
      const wires = new Set(Object.entries(isNode(ours.parameters) ? ours.parameters : {}).map(([n, p]) => (isNode(p) && typeof p.wire === 'string' ? p.wire : n)));
      const missing = Object.entries(f.spec.parameters as Node).map(([n, p]) => (isNode(p) && typeof p.wire === 'string' ? p.wire : n)).filter((w) => !wires.has(w));
      const notes = missing.length > 0 ? [`the document also has ${missing.join(', ')}, which this file does not declare.`] : [];
      return { ...f, name: found.name, spec: ours, review: Array.isArray(oursReview) ? oursReview.map(String) : [], notes, handWritten: true as const };
    }
    const outcome = mergeSpec(base.spec, ours, f.spec);
    lost.push(...outcome.lost.map((path) => `${found.name}.yaml: ${path}`));
    kept.push(...outcome.keptOverDocument.map((path) => `${found.name}.yaml: ${path}`));
    const review = mergedReview(f.review, base.review, oursReview, outcome.merged);
    return { ...f, name: found.name, spec: outcome.merged, review, imported: f.spec };
  });
  let provider = fresh.provider;
  const currentProvider = existing.get('provider.yaml');
  const oursProvider = currentProvider === undefined ? undefined : readSpecYaml(currentProvider);
  if (oursProvider) {
    const { review: oursReview, ...ours } = oursProvider;
    if (snapshot?.provider) {
      const outcome = mergeSpec(snapshot.provider.spec, ours, fresh.provider.spec);
      lost.push(...outcome.lost.map((path) => `provider.yaml: ${path}`));
      kept.push(...outcome.keptOverDocument.map((path) => `provider.yaml: ${path}`));
      provider = { spec: outcome.merged, review: mergedReview(fresh.provider.review, snapshot.provider.review, oursReview, outcome.merged) };
    } else {
      kept.push('provider.yaml (written by hand: left as it is)');
      const declared = new Set(Object.keys(isNode(ours.schemas) ? ours.schemas : {}));
      const wanted = new Set(functions.filter((f) => !('handWritten' in f)).flatMap((f) => [...JSON.stringify(f.spec).matchAll(/#\/schemas\/([A-Za-z0-9_]+)/g)].map((m) => m[1]!)));
      const missing = [...wanted].filter((name) => !declared.has(name)).sort();
      if (missing.length > 0) fresh.provider.review.push(`schemas: the new functions refer to ${missing.join(', ')}; copy them from the import of a fresh folder into 'schemas'.`);
      const added = fresh.provider.review.filter((r) => r.startsWith('schemas:'));
      provider = { spec: ours, review: [...(Array.isArray(oursReview) ? oursReview.map(String) : []), ...added], handWritten: true };
    }
  }
  if (lost.length > 0) {
    throw new ImportError(`re-import refused: the document no longer has what these edits changed, so they would be lost: ${lost.join('; ')}. Move the edits elsewhere (or delete them), then import again.`);
  }
  return { files: { provider, functions }, kept };
}

/** A review item stays when it is new, or when the person has not yet resolved it; resolved ones do not come back. */
function mergedReview(fresh: string[], base: string[], ours: unknown, merged: Node): string[] {
  const open = new Set(Array.isArray(ours) ? ours.map(String) : []);
  return fresh.filter((item) => {
    if (item.startsWith('examples:') && Array.isArray(merged.examples) && merged.examples.length > 0) return false;
    return open.has(item) || !base.includes(item);
  });
}

function readSnapshot(text: string | undefined): Snapshot | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (isNode(value) && isNode(value.functions)) return value as unknown as Snapshot;
  } catch {
    // fall through to the error below
  }
  throw new ImportError(`${SNAPSHOT_FILE} is not what an import wrote; restore it from version control, or delete it to treat every file as written by hand.`);
}

/** Existing function files by `METHOD /path`: from the snapshot where it names them, else from their own request. */
function existingByOperation(existing: ReadonlyMap<string, string>, snapshot: Snapshot | undefined): { get(operation: string): { name: string; spec: Node } | undefined } {
  const out = new Map<string, { name: string; spec: Node }>();
  const byShape = new Map<string, string>();
  for (const [name, entry] of Object.entries(snapshot?.functions ?? {})) byShape.set(name, entry.operation);
  // By code unit, not localeCompare: which of two files for one operation wins must not follow the machine's locale.
  for (const [file, text] of [...existing].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!file.endsWith('.yaml') || file === 'provider.yaml') continue;
    const spec = readSpecYaml(text);
    if (!spec) continue;
    const name = file.slice(0, -'.yaml'.length);
    const request = isNode(spec.request) ? spec.request : {};
    const operation = byShape.get(name);
    if (operation) out.set(operation, { name, spec });
    else if (typeof request.method === 'string' && typeof request.path === 'string') {
      // A hand-written file names its placeholders its own way: match the path's shape.
      const key = shapeKey(`${request.method} ${request.path}`);
      if (!out.has(key)) out.set(key, { name, spec });
    }
  }
  return { get: (operation: string) => out.get(operation) ?? out.get(shapeKey(operation)) };
}

function shapeKey(operation: string): string {
  return operation.replace(/\{[^}]+\}/g, '{}');
}
