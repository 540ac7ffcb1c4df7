import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Build products and installs that live inside generated packages but are not generated. */
const NOT_OURS = new Set(['node_modules', 'dist', '.turbo']);

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
      else out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

export function readIfExists(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
