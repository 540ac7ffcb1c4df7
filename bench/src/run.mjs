// `npm run bench`: runs the five parts, prints the tables and writes results/latest.json
// and results/latest.md. Options: --quick (small sizes, for trying it out),
// --parts=gen,client,bundle,lua,cold,heap (default: all), and for the client part
// --client-rounds=N and --client-calls=N (default 3 rounds of 2,000 calls per run; issue 14's own
// measurement was 5 rounds of 5,000) and --client-warmup=N (calls before the timed ones, default 300:
// the timed calls then still pay for much of the JIT's work on the call path; 3,000 measures the
// settled cost a long-running process pays per call).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, REPO_ROOT } from './proc.mjs';
import { mdTable, mmm, table } from './stats.mjs';
import { genScaling } from './gen-scaling.mjs';
import { clientOverhead } from './client-overhead.mjs';
import { bundleSize } from './bundle-size.mjs';
import { luaBridge } from './lua-bridge.mjs';
import { coldStart } from './cold-start.mjs';
import { clientHeap } from './client-heap.mjs';
import { aims, bundleTable, clientTables, coldTable, genTables, luaTable } from './report.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const partsArg = args.find((a) => a.startsWith('--parts='));
const parts = new Set(partsArg ? partsArg.slice(8).split(',') : ['bundle', 'cold', 'heap', 'client', 'lua', 'gen']);
const log = (m) => process.stderr.write(`${m}\n`);
const numberArg = (name) => {
  const given = args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (given === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(given)) throw new Error(`--${name} takes a whole number of 1 or more, not ${JSON.stringify(given)}`);
  return Number(given);
};
const clientRounds = numberArg('client-rounds');
const clientCalls = numberArg('client-calls');
const clientWarmup = numberArg('client-warmup');

const config = quick
  ? { gen: { sizes: [{ providers: 3, runs: 1, warmup: true }, { providers: 10, runs: 1 }], profileAt: 10 }, client: { rounds: 1, n: 300, warmup: 50, maxMs: 2000 }, lua: { k: 300, rounds: 2 }, cold: { runs: 3 }, heap: { rounds: 1, clients: 2000 } }
  : {
      gen: {
        sizes: [
          { providers: 10, runs: 3, warmup: true },
          { providers: 30, runs: 3 },
          { providers: 100, runs: 3 },
          { providers: 300, runs: 1 },
        ],
        profileAt: 100,
      },
      client: { rounds: 3, n: 2000, warmup: 300, maxMs: 5000 },
      lua: { k: 2000, rounds: 5 },
      cold: { runs: 10 },
      heap: { rounds: 3, clients: 20_000 },
    };
if (clientRounds) config.client.rounds = clientRounds;
if (clientCalls) config.client.n = clientCalls;
if (clientWarmup) config.client.warmup = clientWarmup;

const machine = () => ({
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  v8: process.versions.v8,
  undici: process.versions.undici,
  os: `${os.type()} ${os.release()}`,
  loadAvg: os.loadavg().map((x) => +x.toFixed(2)),
});

function render(results) {
  const ok = (x) => x && !x.error;
  results.aims = aims({ generation: ok(results.generation) && results.generation, client: ok(results.client) && results.client, bundle: ok(results.bundle) && results.bundle, lua: ok(results.lua) && results.lua, cold: ok(results.cold) && results.cold, heap: ok(results.heap) && results.heap, hasNodeTransport: results.hasNodeTransport });

  // Render every table twice: plain text for the terminal, markdown for RESULTS.md.
  const sections = [];
  const m = results.machineAtStart;
  sections.push(['Machine', [['cpus', 'memory', 'node', 'undici (fetch)', 'os', 'load avg start → end', 'total run'], [`${m.cpus} × ${m.cpuModel}`, `${m.memoryGiB} GiB`, m.node, m.undici, m.os, `${m.loadAvg.join(' ')} → ${results.machineAtEnd.loadAvg.join(' ')}`, `${results.totalSeconds.toFixed(0)} s`]]]);
  if (ok(results.generation)) {
    const t = genTables(results.generation);
    sections.push(['1. Generation scaling (full generate from an empty output tree, child process per run)', t.rows], ['1. Per-phase timings', t.phases]);
    if (t.profile) sections.push(['1. Where the generator spends its CPU', t.profile]);
    const ec = results.generation.exampleCheck;
    if (ec) sections.push(['1. Synthetic examples sent through the generated clients', [['providers checked', 'examples', 'mismatches'], [ec.providers, ec.examples, ec.mismatches.length ? ec.mismatches.slice(0, 3).join(' | ') : 'none']]]);
  }
  if (ok(results.client)) {
    const t = clientTables(results.client);
    sections.push([`2. Client overhead (N=${results.client.config.n} per run after ${results.client.config.warmup} warm-up calls, ${results.client.config.rounds} rounds, conc=${results.client.config.concurrency})`, t.rows], ['2. Paired ratios (per round, then min / median / max)', t.ratios]);
    if (t.profile) sections.push(['2. Where our client spends its CPU', t.profile]);
  }
  if (ok(results.bundle)) sections.push(['3. Bundle size (esbuild, minify, esm, es2022, browser and node; gzip -9)', bundleTable(results.bundle)]);
  if (ok(results.lua)) sections.push(['4. Lua bridge', luaTable(results.lua)]);
  if (ok(results.heap)) sections.push([`6. Heap per client object (${results.heap.clients} clients held, full GC before and after, ${results.heap.rounds} rounds, fresh process each)`, [['client', 'bytes per client (min / median / max)'], ...Object.entries(results.heap.bytesPerClient).map(([name, s]) => [name, mmm(s)])]]);
  if (ok(results.cold)) sections.push([`5. Cold start (${results.cold.runs} runs after a warm-up, each paired with \`node -e 0\`)`, coldTable(results.cold)]);
  sections.push(['Aims (issue 7)', [['aim', 'measured', 'met'], ...results.aims.map((a) => [a.aim, a.measured, a.met === null ? 'skipped' : a.met === 'partly' ? 'partly' : a.met ? 'yes' : 'NO'])]]);
  for (const [name, r] of Object.entries({ generation: results.generation, client: results.client, bundle: results.bundle, lua: results.lua, cold: results.cold, heap: results.heap })) {
    if (r?.error) sections.push([`${name}: FAILED`, [['error'], [r.error.split('\n')[0]]]]);
  }

  const text = sections.map(([title, rows]) => `\n${title}\n${table(rows.map((r) => r.map(String)))}`).join('\n');
  const md = `<!-- generated by bench/src/run.mjs at ${results.startedAt} -->\n` + sections.map(([title, rows]) => `### ${title}\n\n${mdTable(rows)}`).join('\n\n') + '\n';
  process.stdout.write(`${text}\n`);
  const outDir = join(BENCH_DIR, 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'latest.md'), md);
  log(`\nwrote bench/results/latest.json and bench/results/latest.md (${results.totalSeconds.toFixed(0)} s)`);
}

if (args.includes('--render')) {
  // Re-render tables and aims from the last run's JSON without measuring again.
  render(JSON.parse(readFileSync(join(BENCH_DIR, 'results', 'latest.json'), 'utf8')));
} else {
  const started = Date.now();
  const results = { startedAt: new Date(started).toISOString(), quick, config, machineAtStart: machine(), parts: {} };
  const runtimeOptions = readFileSync(join(REPO_ROOT, 'packages/runtime/dist/options.d.ts'), 'utf8');
  results.hasNodeTransport = /\btransport\??:/.test(runtimeOptions);

  async function part(name, title, fn) {
    if (!parts.has(name)) return;
    log(`\n== ${title}`);
    const t0 = Date.now();
    try {
      results[name === 'gen' ? 'generation' : name] = await fn();
    } catch (e) {
      results[name === 'gen' ? 'generation' : name] = { error: String(e.stack ?? e) };
      log(`  FAILED: ${e.message}`);
    }
    results.parts[name] = { seconds: (Date.now() - t0) / 1000 };
  }

  await part('bundle', '3. Bundle size', () => bundleSize());
  await part('cold', '5. Cold start', () => coldStart({ ...config.cold, log }));
  await part('heap', '6. Heap per client', () => clientHeap({ ...config.heap, log }));
  await part('client', '2. Client overhead', () => clientOverhead({ ...config.client, log }));
  await part('lua', '4. Lua bridge', () => luaBridge(config.lua));
  await part('gen', '1. Generation scaling', () => genScaling({ ...config.gen, log }));
  results.totalSeconds = (Date.now() - started) / 1000;
  results.machineAtEnd = machine();
  render(results);
}
