import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic } from '../load/diagnostics.js';
import { loadCatalog } from '../load/index.js';
import type { Catalog } from '../model.js';

/** Why a catalog could not be loaded for comparison; the message says what to do. */
export class CatalogUnavailableError extends Error {}

const SPECS = 'specs';

/**
 * The catalog as it was at a git ref. `specs/` at that ref is extracted into a temporary
 * directory with `git archive`, so the working tree, the index and HEAD are never touched.
 * A ref without `specs/` gives an empty catalog (every package is then new).
 */
export function loadCatalogAtRef(repoRoot: string, ref: string): Catalog {
  const commit = resolveCommit(repoRoot, ref);
  if (!git(repoRoot, ['ls-tree', '--name-only', commit, '--', SPECS]).trim()) return { providers: [] };
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-diff-'));
  try {
    const archive = execFileSync('git', ['archive', '--format=tar', commit, SPECS], { cwd: repoRoot, maxBuffer: 512 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    return loadOrExplain(join(dir, SPECS), `the specs at ${ref}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The catalog in the working tree's `specs/` (uncommitted edits included). */
export function loadWorkingCatalog(repoRoot: string): Catalog {
  const specsDir = join(repoRoot, SPECS);
  if (!existsSync(specsDir)) throw new CatalogUnavailableError(`no specs/ directory in ${repoRoot}.`);
  return loadOrExplain(specsDir, 'the specs in the working tree');
}

function loadOrExplain(specsDir: string, what: string): Catalog {
  const loaded = loadCatalog(specsDir);
  if (loaded.ok) return loaded.catalog;
  const shown = loaded.diagnostics.slice(0, 5).map((d) => `  ${formatDiagnostic(d)}`);
  const more = loaded.diagnostics.length > shown.length ? [`  … and ${loaded.diagnostics.length - shown.length} more`] : [];
  throw new CatalogUnavailableError(`${what} do not load (${loaded.diagnostics.length} problem(s)); fix them before comparing:\n${[...shown, ...more].join('\n')}`);
}

function resolveCommit(repoRoot: string, ref: string): string {
  // A ref starting with '-' would be read as an option by git.
  if (ref.startsWith('-') || ref.length === 0) throw new CatalogUnavailableError(`'${ref}' is not a git ref; give a branch, tag or commit such as main or HEAD~1.`);
  try {
    return git(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  } catch {
    throw new CatalogUnavailableError(`'${ref}' names no commit in ${repoRoot}; give a branch, tag or commit such as main or HEAD~1.`);
  }
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
