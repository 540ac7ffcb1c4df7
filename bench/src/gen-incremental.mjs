// Issue 15: generation at catalog scale. For each size, in fresh child processes:
//   - the bare cost of reading and parsing (with positions) every spec file;
//   - a full generate from an empty output tree and an empty generation cache;
//   - the same with nothing changed (everything from the cache);
//   - one function file edited, then regenerated.
// Ratios are taken within one round. Usage:
//   node src/gen-incremental.mjs [--sizes=100,1000] [--rounds=1] [--heap=256] [--out=results/gen-incremental.json]
// --heap=N adds one more full generate per size under `node --max-old-space-size=N`: V8 grows its
// heap far past what is live when memory is plentiful, so this shows how much peak RSS is garbage.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, childScript, node } from './proc.mjs';
import { logLogSlope, summary } from './stats.mjs';
import { touchTarget, writeSynthCatalog } from './synth-specs.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const sizes = arg('sizes', '100,1000').split(',').map(Number);
const rounds = Number(arg('rounds', '1'));
const heapCap = arg('heap', null);
const outFile = join(BENCH_DIR, arg('out', 'results/gen-incremental.json'));
const log = (m) => process.stderr.write(`${m}\n`);

async function generateRun(root, extra = [], nodeArgs = []) {
  const r = await node(childScript('generate-run-child.mjs'), [root, ...extra], { timeoutMs: 900_000, nodeArgs });
  if (r.kind !== 'written') throw new Error(`generate on ${root} gave ${r.kind}: ${JSON.stringify(r.diagnostics ?? r)}`);
  return { wallMs: r._wallMs, inProcessMs: r.totalMs, maxRssMiB: r.maxRssMiB, stats: r.stats, summary: r.summary, phases: Object.fromEntries(r.timings.map((t) => [t.phase, Math.round(t.ms)])) };
}

const base = mkdtempSync(join(os.tmpdir(), 'switchboard-bench-gen15-'));
const results = { startedAt: new Date().toISOString(), machine: { cpus: os.availableParallelism(), cpuModel: os.cpus()[0]?.model, node: process.version, loadAvgStart: os.loadavg() }, rounds, sizes: [] };
try {
  for (const providers of sizes) {
    const root = join(base, `p${providers}`);
    const functions = writeSynthCatalog(root, providers);
    const measured = [];
    for (let round = 0; round < rounds; round++) {
      log(`gen15 ${providers} providers, round ${round + 1}/${rounds}: bare parse`);
      const parse = await node(childScript('parse-child.mjs'), [join(root, 'specs')], { timeoutMs: 900_000 });
      rmSync(join(root, 'packages'), { recursive: true, force: true });
      rmSync(join(root, 'node_modules'), { recursive: true, force: true });
      log(`gen15 ${providers} providers: full generate (empty output, empty cache)`);
      const full = await generateRun(root);
      log(`gen15 ${providers} providers: nothing changed`);
      const unchanged = await generateRun(root);
      const t = touchTarget(root);
      const original = readFileSync(t.file, 'utf8');
      writeFileSync(t.file, original.replace(t.from, t.to));
      log(`gen15 ${providers} providers: one function file edited`);
      const edited = await generateRun(root);
      writeFileSync(t.file, original);
      measured.push({ parse: { wallMs: parse._wallMs, inProcessMs: parse.totalMs, maxRssMiB: parse.maxRssMiB }, full, unchanged, edited });
    }
    let capped = null;
    if (heapCap) {
      rmSync(join(root, 'packages'), { recursive: true, force: true });
      rmSync(join(root, 'node_modules'), { recursive: true, force: true });
      log(`gen15 ${providers} providers: full generate under --max-old-space-size=${heapCap}`);
      try {
        capped = { heapMiB: Number(heapCap), ...(await generateRun(root, [], [`--max-old-space-size=${heapCap}`])) };
      } catch (error) {
        // Running out of heap is a finding (the live set is larger than the cap), not a reason to lose the round.
        capped = { heapMiB: Number(heapCap), failed: String(error.message).split('\n').find((l) => /heap|memory/i.test(l)) ?? 'failed' };
      }
    }
    const s = (f) => summary(measured.map(f));
    results.sizes.push({
      providers,
      functions,
      runs: measured,
      capped,
      parseWallMs: s((m) => m.parse.wallMs),
      parseInProcessMs: s((m) => m.parse.inProcessMs),
      fullWallMs: s((m) => m.full.wallMs),
      fullInProcessMs: s((m) => m.full.inProcessMs),
      fullMaxRssMiB: s((m) => m.full.maxRssMiB),
      fullOverParse: s((m) => m.full.wallMs / m.parse.wallMs),
      fullOverParseInProcess: s((m) => m.full.inProcessMs / m.parse.inProcessMs),
      functionsPerSecond: s((m) => functions / (m.full.wallMs / 1000)),
      unchangedWallMs: s((m) => m.unchanged.wallMs),
      editedWallMs: s((m) => m.edited.wallMs),
      editedOverFull: s((m) => m.edited.wallMs / m.full.wallMs),
    });
    rmSync(root, { recursive: true, force: true });
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
const pts = (f) => results.sizes.map((r) => [r.functions, f(r)]);
results.growthExponent = {
  fullWall: logLogSlope(pts((r) => r.fullWallMs.median))?.slope ?? null,
  fullInProcess: logLogSlope(pts((r) => r.fullInProcessMs.median))?.slope ?? null,
  peakRss: logLogSlope(pts((r) => r.fullMaxRssMiB.median))?.slope ?? null,
};
results.machine.loadAvgEnd = os.loadavg();
writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

const f0 = (x) => (x === null || x === undefined ? '—' : Math.round(x).toLocaleString('en-US'));
const f2 = (x) => (x === null || x === undefined ? '—' : x.toFixed(2));
const rows = [
  '| providers (functions) | bare parse | full generate | full ÷ parse | functions/s | peak RSS | nothing changed | one file edited | edited ÷ full |',
  '|---|---|---|---|---|---|---|---|---|',
  ...results.sizes.map(
    (r) =>
      `| ${r.providers} (${r.functions}) | ${f0(r.parseWallMs.median)} ms | ${f0(r.fullWallMs.median)} ms | ${f2(r.fullOverParse.median)}× (in-process ${f2(r.fullOverParseInProcess.median)}×) | ${f0(r.functionsPerSecond.median)} | ${f0(r.fullMaxRssMiB.median)} MiB | ${f0(r.unchangedWallMs.median)} ms | ${f0(r.editedWallMs.median)} ms | ${f2(r.editedOverFull.median)}× |`,
  ),
];
console.log(rows.join('\n'));
for (const r of results.sizes.filter((r) => r.capped)) {
  console.log(`${r.providers} providers, full generate under a ${r.capped.heapMiB} MiB heap: ${r.capped.failed ?? `${f0(r.capped.wallMs)} ms, peak RSS ${f0(r.capped.maxRssMiB)} MiB`}`);
}
console.log(`growth exponent (full wall, in-process, peak RSS): ${f2(results.growthExponent.fullWall)}, ${f2(results.growthExponent.fullInProcess)}, ${f2(results.growthExponent.peakRss)}`);
