/** Edit distance between two names (insert, delete, substitute). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * Up to five close names, nearest first, and none much farther than the nearest (`too` suggests
 * `to`, not also `from`). The candidates always come from the catalog or the command table.
 */
export function suggestions(word: string, candidates: readonly string[]): string[] {
  const close = [...new Set(candidates)]
    .map((c) => ({ c, d: distance(word, c) }))
    .filter(({ c, d }) => d <= Math.max(3, Math.floor(word.length / 2)) || (word.length > 2 && (c.includes(word) || word.includes(c))))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  const nearest = close[0]?.d ?? 0;
  return close
    .filter(({ c, d }) => d <= nearest + 1 || c.includes(word))
    .slice(0, 5)
    .map(({ c }) => c);
}

/** "Did you mean a, b?" or nothing. */
export function didYouMean(word: string, candidates: readonly string[], show: (name: string) => string = (n) => n): string | undefined {
  const close = suggestions(word, candidates);
  return close.length ? `Did you mean ${close.map(show).join(', ')}?` : undefined;
}
