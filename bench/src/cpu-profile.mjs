// Summarises a V8 .cpuprofile: self time by function and by package, top entries.
import { readFileSync } from 'node:fs';

const pkgOf = (url) => {
  if (!url) return '(native/gc)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  const g = url.match(/\/(generator|packages\/[^/]+)\//);
  if (g) return `switchboard ${g[1]}`;
  return url.startsWith('node:') ? 'node core' : url.replace(/^file:\/\//, '');
};

export function summarizeProfile(file, top = 15) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dts = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dts[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map();
  const pkg = new Map();
  for (const [id, us] of self) {
    const { callFrame: cf } = byId.get(id);
    const where = cf.url ? `${cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(generator|packages)\//, '$1/')}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'} ${where}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const p = pkgOf(cf.url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  // Inclusive time of the project's own functions (a sample counts once per distinct frame on its stack).
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const { callFrame: cf } = byId.get(cur);
      if (!/\/(generator|packages\/[^/]+)\/dist\//.test(cf.url) || !cf.functionName) continue;
      const key = `${cf.functionName} ${cf.url.replace(/^.*\/(generator|packages\/[^/]+)\/dist\//, '$1/')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + us);
    }
  }
  const rank = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, byPackage: rank(pkg), selfByFunction: rank(fn), inclusiveOwnFunctions: rank(incl) };
}
