/** What a change asks of the package version (semver): breaking, additive, or neither. */
export type Bump = 'major' | 'minor' | 'patch';

export const BUMPS: readonly Bump[] = ['patch', 'minor', 'major'];

export const higher = (a: Bump, b: Bump): Bump => (BUMPS.indexOf(a) >= BUMPS.indexOf(b) ? a : b);

/** One change a package's users can notice, with the bump it needs. */
export interface Change {
  level: Bump;
  /** Canonical name of the function it concerns, or null for the provider as a whole. */
  function: string | null;
  /** One sentence naming what changed, e.g. `parameter 'media_urls' removed`. */
  summary: string;
}

export interface PackageDiff {
  provider: string;
  packageName: string;
  status: 'added' | 'removed' | 'changed';
  /** The highest level among `changes`. */
  bump: Bump;
  changes: Change[];
}

export interface CatalogDiff {
  /** The git ref compared against the working tree. */
  base: string;
  /** Only packages with at least one change, by provider id. */
  packages: PackageDiff[];
}
