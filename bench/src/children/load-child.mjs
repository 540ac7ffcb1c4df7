// One loadCatalog in a fresh process: prints its wall time and outcome as one JSON line.
// Usage: node load-child.mjs <projectRoot> [generatorDistIndex]; the second argument lets an
// A/B run load the same catalog with another build (a baseline checkout's generator/dist/index.js).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, dist] = process.argv.slice(2);
const { loadCatalog } = await import(dist ? pathToFileURL(dist).href : '@switchboard/generator');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = loadCatalog(join(root, 'specs'));
const loadMs = performance.now() - t0;
// CPU time as well as wall: on a shared machine it moves less with what else is running.
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const functions = result.ok ? result.catalog.providers.reduce((n, p) => n + p.functions.length, 0) : 0;
console.log(JSON.stringify({ ok: result.ok, functions, loadMs, cpuMs, diagnostics: result.ok ? [] : result.diagnostics.slice(0, 3) }));
