// Quick side-by-side of a few client variants for one op and mode, alternated over rounds in
// fresh processes (the issue-14 method, narrowed): for trying a change to the runtime's hot path
// before a full `run.mjs --parts=client`. Prints CPU µs per call per round and the paired ratios
// against the first variant.
// Usage: node bench/src/client-quick.mjs --op=retell.create --mode=conc --variants=http,ours [--rounds=5] [--n=5000]
import { join } from 'node:path';
import { BENCH_DIR, node } from './proc.mjs';
import { startServer } from './client-overhead.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const op = args.op ?? 'retell.create';
const mode = args.mode ?? 'conc';
const variants = (args.variants ?? 'http,ours').split(',');
const rounds = Number(args.rounds ?? 5);
const n = Number(args.n ?? 5000);
const child = join(BENCH_DIR, 'src', 'children', 'client-child.mjs');

const server = await startServer();
try {
  const cpu = Object.fromEntries(variants.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...variants].reverse() : variants;
    for (const variant of order) {
      const r = await node(child, [op, variant, mode, n, server.port, 300, 20_000, 50], { cwd: BENCH_DIR, timeoutMs: 80_000 });
      cpu[variant].push(r.cpuUsPerCall);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const [base] = variants;
  for (const v of variants) {
    const ratios = cpu[v].map((x, i) => x / cpu[base][i]);
    console.log(`${op} ${mode} ${v}: µs ${cpu[v].map((x) => x.toFixed(0)).join(' / ')}; ÷ ${base} median ${median(ratios).toFixed(3)}`);
  }
} finally {
  await server.stop();
}
