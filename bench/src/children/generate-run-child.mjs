// One `generate` in a fresh process, with the generation cache unless --no-cache: prints the
// outcome, what the cache saved (stats), per-phase timings and this process's peak RSS as one
// JSON line. Usage: node generate-run-child.mjs <projectRoot> [--no-cache] [--jobs=N]
import { generate } from '@switchboard/generator';

const t0 = performance.now();
const jobs = process.argv.find((a) => a.startsWith('--jobs='))?.slice(7);
const result = generate({ rootDir: process.argv[2], ...(process.argv.includes('--no-cache') ? { cacheDir: false } : {}), ...(jobs ? { jobs: Number(jobs) } : {}) });
const out = { kind: result.kind, files: result.files ?? 0, stats: result.stats, timings: result.timings, totalMs: performance.now() - t0, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
if (result.kind === 'written') out.summary = { written: result.summary.written.length, removed: result.summary.removed.length, unchanged: result.summary.unchanged };
if (result.kind === 'invalid') out.diagnostics = result.diagnostics.slice(0, 5).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
console.log(JSON.stringify(out));
