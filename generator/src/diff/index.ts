export { loadCatalogAtRef, loadWorkingCatalog, CatalogUnavailableError } from './catalog-at-ref.js';
export { compareCatalogs } from './compare-catalogs.js';
export { formatDiff } from './format.js';
export { changesetPath, changesetText, writeChangesets } from './changesets.js';
export { checkBreakingChangesRecorded, formatReleaseCheck, releaseBase, type ReleaseCheck } from './release-check.js';
export type { Bump, Change, CatalogDiff, PackageDiff } from './types.js';

import { loadCatalogAtRef, loadWorkingCatalog } from './catalog-at-ref.js';
import { compareCatalogs } from './compare-catalogs.js';
import type { CatalogDiff } from './types.js';

/** The catalog at `ref` against the working tree, per package. */
export function diffCatalogSince(repoRoot: string, ref: string): CatalogDiff {
  return compareCatalogs(ref, loadCatalogAtRef(repoRoot, ref), loadWorkingCatalog(repoRoot));
}
