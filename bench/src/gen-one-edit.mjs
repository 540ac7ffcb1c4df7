// Issue 15: one edited function file in a synthetic catalog, regenerated, for one or more builds
// of the generator taking turns. Each build gets a catalog of its own (the cache is keyed by the
// generator's fingerprint, so two builds cannot share one), generated in full once; then every
// round edits one function file in each catalog (the same edit, then back: every run has exactly
// one changed file) and runs `generate` in a fresh child process per build, the order swapped each
// round. Reports the child's wall time and its per-phase timings, and ratios paired by round.
// Usage:
//   node src/gen-one-edit.mjs [--providers=1000] [--rounds=6] [--other=<generator dist/index.js>]... [--out=results/gen-one-edit.json]
// Without --other it measures this checkout's generator alone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_DIR, REPO_ROOT, childScript, node } from './proc.mjs';
import { pairedRatio, summary } from './stats.mjs';
import { touchTarget, writeSynthCatalog } from './synth-specs.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const providers = Number(arg('providers', '1000'));
const rounds = Number(arg('rounds', '6'));
const outFile = join(BENCH_DIR, arg('out', 'results/gen-one-edit.json'));
const builds = [join(REPO_ROOT, 'generator/dist/index.js'), ...args.filter((a) => a.startsWith('--other=')).map((a) => resolve(a.slice('--other='.length)))];
const log = (m) => process.stderr.write(`${m}\n`);

async function generateWith(entry, root) {
  const r = await node(childScript('generate-with-child.mjs'), [entry, root], { timeoutMs: 900_000 });
  if (r.kind !== 'written') throw new Error(`generate on ${root} gave ${r.kind}: ${JSON.stringify(r.diagnostics ?? r)}`);
  return { wallMs: r._wallMs, inProcessMs: r.totalMs, importMs: r.importMs, stats: r.stats, summary: r.summary, phases: Object.fromEntries(r.timings.map((t) => [t.phase, Math.round(t.ms)])) };
}

const base = mkdtempSync(join(os.tmpdir(), 'switchboard-bench-one-edit-'));
const results = { startedAt: new Date().toISOString(), machine: { cpus: os.availableParallelism(), node: process.version, loadAvgStart: os.loadavg() }, providers, rounds, builds: [] };
try {
  const roots = builds.map((entry, i) => {
    const root = join(base, `b${i}`);
    writeSynthCatalog(root, providers);
    return root;
  });
  for (const [i, entry] of builds.entries()) {
    log(`one-edit: full generate for ${entry}`);
    const full = await generateWith(entry, roots[i]);
    results.builds.push({ entry, full, edited: [] });
  }
  const targets = roots.map((root) => ({ ...touchTarget(root), original: readFileSync(touchTarget(root).file, 'utf8') }));
  for (let round = 0; round < rounds; round++) {
    const order = builds.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const t = targets[i];
      writeFileSync(t.file, round % 2 === 0 ? t.original.replace(t.from, t.to) : t.original);
      const edited = await generateWith(builds[i], roots[i]);
      if (edited.stats.emitted !== 1) throw new Error(`an edit of one file re-emitted ${edited.stats.emitted} providers`);
      results.builds[i].edited.push(edited);
      log(`one-edit round ${round + 1}/${rounds}, build ${i}: ${Math.round(edited.wallMs)} ms`);
    }
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
results.machine.loadAvgEnd = os.loadavg();
for (const b of results.builds) b.editedWallMs = summary(b.edited.map((e) => e.wallMs));
for (const b of results.builds.slice(1)) b.overFirst = pairedRatio(b.edited.map((e) => e.wallMs), results.builds[0].edited.map((e) => e.wallMs));
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

const f0 = (x) => Math.round(x).toLocaleString('en-US');
console.log(`${providers} providers, ${rounds} rounds, load ${results.machine.loadAvgStart.map((l) => l.toFixed(2)).join(' ')} → ${results.machine.loadAvgEnd.map((l) => l.toFixed(2)).join(' ')}`);
console.log('| build | full generate | one file edited (min / median / max) | ÷ first build (paired median) |');
console.log('|---|---|---|---|');
for (const b of results.builds) {
  const s = b.editedWallMs;
  console.log(`| ${b.entry} | ${f0(b.full.wallMs)} ms | ${f0(s.min)} / ${f0(s.median)} / ${f0(s.max)} ms | ${b.overFirst ? `${b.overFirst.median.toFixed(2)}×` : '—'} |`);
}
// The median edited run's phases of each build, largest first: where the time goes.
for (const b of results.builds) {
  const phases = {};
  for (const e of b.edited) for (const [k, v] of Object.entries(e.phases)) (phases[k] ??= []).push(v);
  const medians = Object.entries(phases).map(([k, v]) => [k, v.sort((x, y) => x - y)[Math.floor(v.length / 2)]]).sort((a, b) => b[1] - a[1]);
  console.log(`${b.entry}: import ${f0(summary(b.edited.map((e) => e.importMs)).median)} ms; ${medians.map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
