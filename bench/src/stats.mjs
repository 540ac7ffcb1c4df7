// Small statistics and formatting helpers shared by every part.

/** min / median / max of a list of numbers (null when empty). */
export function summary(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { min: xs[0], median, max: xs[xs.length - 1], n: xs.length };
}

/** Least-squares slope of log(y) against log(x): the growth exponent (1 = linear). */
export function logLogSlope(points) {
  const pts = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)]);
  if (pts.length < 2) return null;
  const mx = pts.reduce((s, [x]) => s + x, 0) / pts.length;
  const my = pts.reduce((s, [, y]) => s + y, 0) / pts.length;
  const sxy = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, predict: (x) => Math.exp(my - slope * mx + slope * Math.log(x)) };
}

/** Least-squares line y = a + b·x (for extrapolating linear-ish costs). */
export function linearFit(points) {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const b = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return { a: my - b * mx, b, predict: (x) => my - b * mx + b * x };
}

export const fmt = (v, digits = 0) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "min / median / max" with the median in bold-free plain text (the table is for a terminal). */
export const mmm = (s, digits = 0) => (s ? `${fmt(s.min, digits)} / ${fmt(s.median, digits)} / ${fmt(s.max, digits)}` : '—');

/** Plain-text table: rows are arrays of strings, the first row is the header. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Markdown table from the same rows. */
export function mdTable(rows) {
  const esc = (c) => String(c ?? '').replace(/\|/g, '\\|');
  return [
    `| ${rows[0].map(esc).join(' | ')} |`,
    `| ${rows[0].map(() => '---').join(' | ')} |`,
    ...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** Per-round ratios a[i]/b[i] summarised; pairs runs made back to back in the same round. */
export function pairedRatio(as, bs) {
  const n = Math.min(as.length, bs.length);
  const r = [];
  for (let i = 0; i < n; i++) if (bs[i]) r.push(as[i] / bs[i]);
  return summary(r);
}

/** Per-round differences a[i]-b[i] summarised. */
export function pairedDiff(as, bs) {
  const n = Math.min(as.length, bs.length);
  const r = [];
  for (let i = 0; i < n; i++) r.push(as[i] - bs[i]);
  return summary(r);
}
