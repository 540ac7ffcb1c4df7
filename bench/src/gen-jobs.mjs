// Issue 15: generation on worker threads (`generate --jobs N`) against one thread, on this machine.
// For each size, in fresh child processes and interleaved rounds: a full generate (empty output,
// no cache, so every provider is loaded and emitted) with each job count. Ratios are taken within
// a round against --jobs=1. Usage:
//   node src/gen-jobs.mjs [--sizes=100,1000] [--jobs=1,2,3] [--rounds=2] [--out=results/gen-jobs.json]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, childScript, node } from './proc.mjs';
import { summary } from './stats.mjs';
import { writeSynthCatalog } from './synth-specs.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const sizes = arg('sizes', '100,1000').split(',').map(Number);
const jobCounts = arg('jobs', '1,2,3').split(',').map(Number);
const rounds = Number(arg('rounds', '2'));
const outFile = join(BENCH_DIR, arg('out', 'results/gen-jobs.json'));
const log = (m) => process.stderr.write(`${m}\n`);

const base = mkdtempSync(join(os.tmpdir(), 'switchboard-bench-jobs-'));
const results = { startedAt: new Date().toISOString(), machine: { cpus: os.availableParallelism(), cpuModel: os.cpus()[0]?.model, node: process.version, loadAvgStart: os.loadavg() }, rounds, sizes: [] };
try {
  for (const providers of sizes) {
    const root = join(base, `p${providers}`);
    const functions = writeSynthCatalog(root, providers);
    const runs = Object.fromEntries(jobCounts.map((j) => [j, []]));
    for (let round = 0; round < rounds; round++) {
      for (const jobs of jobCounts) {
        rmSync(join(root, 'packages'), { recursive: true, force: true });
        log(`gen-jobs ${providers} providers, round ${round + 1}/${rounds}: --jobs=${jobs}`);
        const r = await node(childScript('generate-run-child.mjs'), [root, '--no-cache', `--jobs=${jobs}`], { timeoutMs: 900_000 });
        if (r.kind !== 'written') throw new Error(`generate --jobs=${jobs} gave ${r.kind}`);
        runs[jobs].push({ wallMs: r._wallMs, maxRssMiB: r.maxRssMiB, workers: r.stats.workers });
      }
    }
    const one = runs[jobCounts[0]];
    results.sizes.push({
      providers,
      functions,
      byJobs: jobCounts.map((jobs) => ({
        jobs,
        workers: runs[jobs][0].workers,
        wallMs: summary(runs[jobs].map((r) => r.wallMs)),
        functionsPerSecond: summary(runs[jobs].map((r) => functions / (r.wallMs / 1000))),
        maxRssMiB: summary(runs[jobs].map((r) => r.maxRssMiB)),
        speedupOverFirst: summary(runs[jobs].map((r, i) => one[i].wallMs / r.wallMs)),
      })),
    });
  }
  results.machine.loadAvgEnd = os.loadavg();
  writeFileSync(outFile, `${JSON.stringify(results, null, 1)}\n`);
  for (const size of results.sizes) {
    for (const row of size.byJobs) log(`${size.providers} providers --jobs=${row.jobs} (${row.workers} workers): ${Math.round(row.wallMs.median)} ms, ${Math.round(row.functionsPerSecond.median)} fn/s, ${Math.round(row.maxRssMiB.median)} MiB, ${row.speedupOverFirst.median.toFixed(2)}× --jobs=${jobCounts[0]}`);
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
