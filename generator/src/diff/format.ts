import type { CatalogDiff } from './types.js';

/** The diff as people read it: one block per package, breaking changes first. */
export function formatDiff(diff: CatalogDiff): string {
  if (diff.packages.length === 0) return `No package changed since ${diff.base}.\n`;
  const order = { major: 0, minor: 1, patch: 2 } as const;
  const blocks = diff.packages.map((p) => {
    const lines = [...p.changes].sort((a, b) => order[a.level] - order[b.level]).map((c) => `  ${c.level.padEnd(5)}  ${c.summary}`);
    return `${p.packageName} (${p.status}): ${p.bump}\n${lines.join('\n')}`;
  });
  return `Changes since ${diff.base}, per package:\n\n${blocks.join('\n\n')}\n`;
}
