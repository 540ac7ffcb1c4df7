// One loadCatalog in a fresh process: prints its wall time and outcome as one JSON line.
// Usage: node load-child.mjs <projectRoot> [generatorDistIndex]; the second argument lets an
// A/B run load the same catalog with another build (a baseline checkout's generator/dist/index.js).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, dist] = process.argv.slice(2);
const { loadCatalog } = await import(dist ? pathToFileURL(dist).href : '@switchboard/generator');
const t0 = performance.now();
const result = loadCatalog(join(root, 'specs'));
const loadMs = performance.now() - t0;
const functions = result.ok ? result.catalog.providers.reduce((n, p) => n + p.functions.length, 0) : 0;
console.log(JSON.stringify({ ok: result.ok, functions, loadMs, diagnostics: result.ok ? [] : result.diagnostics.slice(0, 3) }));
