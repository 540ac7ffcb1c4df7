// A/B of our client between two built checkouts of this repository, in one run: the same
// client-child.mjs calls (our client on its Node transport, and the official SDK as the
// reference) run from each checkout's bench folder, so each imports that checkout's built
// runtime and clients. Rounds alternate which checkout goes first; ratios are paired per round.
// Usage: node bench/src/client-ab.mjs --other=/path/to/built/checkout [--rounds=5] [--n=2000]
//   [--warmup=300] [--ops=telnyx.send,telnyx.get,telnyx.list,retell.create]
// Prints a JSON summary: per op × mode, CPU µs per call and calls/s as min / median / max over
// rounds for each side, and the paired ratios this/other and each side against the SDK.
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { BENCH_DIR, node } from './proc.mjs';
import { summary } from './stats.mjs';
import { startServer, OPS } from './client-overhead.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
if (!args.other) throw new Error('--other=<built checkout> is required');
const rounds = Number(args.rounds ?? 5);
const n = Number(args.n ?? 2000);
const warmup = Number(args.warmup ?? 300);
const ops = args.ops ? args.ops.split(',') : OPS;
const maxMs = 5000;
const sides = { this: BENCH_DIR, other: join(args.other, 'bench') };
const childOf = (side) => join(sides[side], 'src', 'children', 'client-child.mjs');

const server = await startServer();
const runs = [];
const load = [loadavg()];
try {
  for (let round = 0; round < rounds; round++) {
    for (const op of ops) {
      for (const mode of ['seq', 'conc']) {
        const order = round % 2 ? ['other', 'this', 'sdk'] : ['sdk', 'this', 'other'];
        for (const who of order) {
          const side = who === 'sdk' ? 'this' : who;
          const variant = who === 'sdk' ? 'sdk' : 'ours';
          const r = await node(childOf(side), [op, variant, mode, n, server.port, warmup, maxMs, 50], { cwd: sides[side], timeoutMs: maxMs + 60_000 });
          runs.push({ round, op, mode, who, cpuUsPerCall: r.cpuUsPerCall, callsPerSec: r.callsPerSec });
          process.stderr.write(`round ${round + 1}/${rounds} ${op} ${mode} ${who}: ${r.cpuUsPerCall.toFixed(0)} µs, ${r.callsPerSec.toFixed(0)}/s\n`);
        }
      }
    }
    load.push(loadavg());
  }
} finally {
  await server.stop();
}

const pick = (op, mode, who, key) => [...Array(rounds).keys()].map((round) => runs.find((r) => r.round === round && r.op === op && r.mode === mode && r.who === who)?.[key]);
const ratio = (a, b) => a.map((x, i) => x / b[i]);
const round2 = (s) => s && Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : Math.round(v * 100) / 100]));
const rows = [];
for (const op of ops) {
  for (const mode of ['seq', 'conc']) {
    const key = mode === 'seq' ? 'cpuUsPerCall' : 'callsPerSec';
    const [t, o, s] = ['this', 'other', 'sdk'].map((who) => pick(op, mode, who, key));
    rows.push({ op, mode, measure: key, this: round2(summary(t)), other: round2(summary(o)), sdk: round2(summary(s)), thisOverOther: round2(summary(ratio(t, o))), thisOverSdk: round2(summary(ratio(t, s))), otherOverSdk: round2(summary(ratio(o, s))) });
  }
}
console.log(JSON.stringify({ rounds, n, warmup, loadAverages: load.map((l) => l.map((x) => Math.round(x * 100) / 100)), rows }, null, 1));
