// One full `generate` in a fresh process: prints its per-phase timings, the outcome and
// this process's peak RSS as one JSON line. Usage: node generate-child.mjs <projectRoot>
import { generate } from '@switchboard/generator';

const t0 = performance.now();
const result = generate({ rootDir: process.argv[2] });
const totalMs = performance.now() - t0;
const out = { kind: result.kind, files: result.files ?? 0, timings: result.timings, totalMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, heapUsedMiB: process.memoryUsage().heapUsed / 2 ** 20 };
if (result.kind === 'written') out.summary = { written: result.summary.written.length, removed: result.summary.removed.length, unchanged: result.summary.unchanged };
if (result.kind === 'invalid') out.diagnostics = result.diagnostics.slice(0, 5).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
console.log(JSON.stringify(out));
