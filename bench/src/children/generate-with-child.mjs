// One `generate` in a fresh process with a generator given by path (another checkout's or an
// older build's `dist/index.js`), with the generation cache: prints the outcome, per-phase timings
// and this process's peak RSS as one JSON line. Usage: node generate-with-child.mjs <generatorEntry> <projectRoot>
import { pathToFileURL } from 'node:url';

const t0 = performance.now();
const { generate } = await import(pathToFileURL(process.argv[2]).href);
const tImported = performance.now();
const result = generate({ rootDir: process.argv[3] });
const out = { kind: result.kind, files: result.files ?? 0, stats: result.stats, timings: result.timings, importMs: tImported - t0, totalMs: performance.now() - t0, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
if (result.kind === 'written') out.summary = { written: result.summary.written.length, removed: result.summary.removed.length, unchanged: result.summary.unchanged };
if (result.kind === 'invalid') out.diagnostics = result.diagnostics.slice(0, 5).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
console.log(JSON.stringify(out));
