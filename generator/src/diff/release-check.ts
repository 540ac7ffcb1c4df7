import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogAtRef, loadWorkingCatalog } from './catalog-at-ref.js';
import { compareCatalogs } from './compare-catalogs.js';
import type { CatalogDiff, PackageDiff } from './types.js';

export type ReleaseCheck =
  | { kind: 'skipped'; reason: string }
  | { kind: 'checked'; base: string; diff: CatalogDiff; unrecorded: PackageDiff[] };

const MAIN_BRANCHES = ['main', 'origin/main'];

/**
 * Where breaking changes are counted from: `SWITCHBOARD_RELEASE_BASE` when set, otherwise the
 * merge-base of HEAD with main, so a branch answers for what it changes and nothing older.
 * Null when neither exists (a shallow clone without main).
 */
export function releaseBase(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env['SWITCHBOARD_RELEASE_BASE']) return env['SWITCHBOARD_RELEASE_BASE'];
  for (const branch of MAIN_BRANCHES) {
    try {
      return execFileSync('git', ['merge-base', 'HEAD', branch], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // Not this name; try the next.
    }
  }
  return null;
}

/**
 * Every package whose specs changed in a breaking way since `base` must have a major bump on
 * record: a pending changeset that says `major` for it, or (once `changeset version` has consumed
 * it) a package.json whose major version is above the one at `base`.
 */
export async function checkBreakingChangesRecorded(repoRoot: string, base: string | null): Promise<ReleaseCheck> {
  if (base === null) return { kind: 'skipped', reason: `no base to compare with: no branch main or origin/main, and SWITCHBOARD_RELEASE_BASE is not set.` };
  const diff = compareCatalogs(base, loadCatalogAtRef(repoRoot, base), loadWorkingCatalog(repoRoot));
  const breaking = diff.packages.filter((p) => p.bump === 'major' && p.status === 'changed');
  if (breaking.length === 0) return { kind: 'checked', base, diff, unrecorded: [] };
  // Imported here, not at the top: the generator's entry point exports this module, and every generate would pay for loading Changesets.
  const pending = existsSync(join(repoRoot, '.changeset')) ? await (await import('@changesets/read')).default(repoRoot) : [];
  const majorOnRecord = new Set(pending.flatMap((c) => c.releases.filter((r) => r.type === 'major').map((r) => r.name)));
  const unrecorded = breaking.filter((p) => !majorOnRecord.has(p.packageName) && !majorRaised(repoRoot, base, p.provider));
  return { kind: 'checked', base, diff, unrecorded };
}

function majorRaised(repoRoot: string, base: string, provider: string): boolean {
  const file = `packages/clients/${provider}/package.json`;
  const major = (text: string | null) => {
    const version: unknown = text === null ? null : (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? Number(version.split('.')[0]) : null;
  };
  const now = major(existsSync(join(repoRoot, file)) ? readFileSync(join(repoRoot, file), 'utf8') : null);
  let then: number | null = null;
  try {
    then = major(execFileSync('git', ['show', `${base}:${file}`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
  return now !== null && then !== null && now > then;
}

/** The check's verdict in words, one line per package still owing a major bump. */
export function formatReleaseCheck(result: ReleaseCheck): string {
  if (result.kind === 'skipped') return `breaking-change check skipped: ${result.reason}\n`;
  if (result.unrecorded.length === 0) return `breaking-change check: every breaking spec change since ${result.base.slice(0, 12)} has a major bump on record.\n`;
  const lines = result.unrecorded.map((p) => `  ${p.packageName}: ${p.changes.filter((c) => c.level === 'major').map((c) => c.summary).join('; ')}`);
  return `breaking-change check failed: these packages changed in a breaking way since ${result.base.slice(0, 12)} without a major bump in a pending changeset:\n${lines.join('\n')}\nRecord it with: npx switchboard diff ${result.base.slice(0, 12)} --write-changeset (or npx changeset, choosing major).\n`;
}
