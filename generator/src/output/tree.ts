import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Build products and installs that live inside generated packages but are not generated. */
const NOT_OURS = new Set(['node_modules', 'dist', '.turbo']);
/** Release notes Changesets writes beside a package's package.json (`changeset version`): kept, never stale. */
const KEPT_BY_CHANGESETS = 'CHANGELOG.md';

/** Files currently under `dir` (project-relative, forward slashes), skipping build products. */
export function listOwnedFiles(rootDir: string, dir: string): string[] {
  const absolute = join(rootDir, dir);
  if (!existsSync(absolute)) return [];
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(rootDir, relative), { withFileTypes: true })) {
      if (NOT_OURS.has(entry.name)) continue;
      const child = posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      // Only at a package's root, where Changesets puts it.
      else if (!(relative === dir && entry.name === KEPT_BY_CHANGESETS)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

export function readIfExists(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
