// Issue 14/15: time of the client emitter alone (`clients`: every provider's package files from
// the model), for this checkout's generator and another build of it (`--other=<generator dir>`
// holding a `dist/`), on one synthetic catalog loaded once. Rounds take turns, order swapped
// every round; prints each side's median and the paired ratio (this / other).
// `node bench/src/client-emit-ab.mjs --other=/tmp/base/generator [--providers=100] [--rounds=9]`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { writeSynthCatalog } from './synth-specs.mjs';
import { REPO_ROOT } from './proc.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const other = arg('other');
if (!other) throw new Error('--other=<generator dir with a built dist/> is required');
const providers = Number(arg('providers', '100'));
const rounds = Number(arg('rounds', '9'));

const load = async (dir) => {
  const generator = await import(pathToFileURL(join(resolve(dir), 'dist/index.js')).href);
  return generator.emitters.find((e) => e.name === 'clients');
};
const sides = { this: await load(join(REPO_ROOT, 'generator')), other: await load(other) };
const { loadCatalog } = await import(pathToFileURL(join(REPO_ROOT, 'generator/dist/index.js')).href);

const root = mkdtempSync(join(tmpdir(), 'client-emit-ab-'));
try {
  writeSynthCatalog(root, providers);
  const loaded = loadCatalog(join(root, 'specs'));
  if (!loaded.ok) throw new Error('the synthetic catalog does not load');
  const catalog = loaded.catalog;
  const run = (emitter) => {
    const start = performance.now();
    let bytes = 0;
    for (const provider of catalog.providers) for (const file of emitter.split.provider(provider)) bytes += file.contents.length;
    return { ms: performance.now() - start, bytes };
  };
  // Warm-up: both sides once, so JIT and lazily built tables do not land in round 1.
  run(sides.this);
  run(sides.other);
  const times = { this: [], other: [] };
  const ratios = [];
  let bytes = {};
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? ['this', 'other'] : ['other', 'this'];
    const round = {};
    for (const side of order) {
      const r = run(sides[side]);
      round[side] = r.ms;
      bytes[side] = r.bytes;
      times[side].push(r.ms);
    }
    ratios.push(round.this / round.other);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f = (x) => x.toFixed(1);
  console.log(`client emitter, ${catalog.providers.length} synthetic providers, ${rounds} rounds, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`this:  median ${f(median(times.this))} ms, ${bytes.this.toLocaleString('en-US')} chars emitted`);
  console.log(`other: median ${f(median(times.other))} ms, ${bytes.other.toLocaleString('en-US')} chars emitted`);
  console.log(`paired ratio this/other: median ${median(ratios).toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)})`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
