import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogDiff, PackageDiff } from './types.js';

const CHANGESET_DIR = '.changeset';

/** The changeset file for one package's spec changes: Changesets' own format, bump level in the front matter. */
export function changesetText(diff: PackageDiff, base: string): string {
  const order = { major: 0, minor: 1, patch: 2 } as const;
  const lines = [...diff.changes].sort((a, b) => order[a.level] - order[b.level]).map((c) => `- ${c.level}: ${oneLine(c.summary)}`);
  return `---\n${JSON.stringify(diff.packageName)}: ${diff.bump}\n---\n\n${headline(diff)} (spec changes since ${oneLine(base)}):\n\n${lines.join('\n')}\n`;
}

/** The file a package's computed changeset goes in: one per package, so writing again replaces it. */
export const changesetPath = (provider: string) => `${CHANGESET_DIR}/spec-diff-${provider}.md`;

/**
 * Write a changeset for every package that still exists and changed. A removed package has no
 * package.json left for Changesets to bump, so it gets none (the diff still reports it).
 */
export function writeChangesets(repoRoot: string, diff: CatalogDiff): string[] {
  mkdirSync(join(repoRoot, CHANGESET_DIR), { recursive: true });
  const written: string[] = [];
  for (const pkg of diff.packages.filter((p) => p.status !== 'removed')) {
    const path = changesetPath(pkg.provider);
    writeFileSync(join(repoRoot, path), changesetText(pkg, diff.base));
    written.push(path);
  }
  return written;
}

function headline(diff: PackageDiff): string {
  if (diff.status === 'added') return 'New package';
  const breaking = diff.changes.filter((c) => c.level === 'major').length;
  return breaking > 0 ? `Breaking: ${breaking} change(s) need code changes` : diff.bump === 'minor' ? 'New features' : 'Fixes and documentation';
}

// A summary line must stay one markdown list item; spec text may contain newlines.
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
