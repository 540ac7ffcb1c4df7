// Part 2: client overhead. Starts the canned server in its own process, then for several
// rounds runs every op's group of variants [fetch, ours, sdk, http] in fresh processes,
// sequentially and at concurrency 50, rotating the op order each round and reversing the
// group order on odd rounds. Ratios are paired within a round (same machine state).
// One extra profiled run of our client shows where its CPU goes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, childScript, node } from './proc.mjs';
import { pairedDiff, pairedRatio, summary } from './stats.mjs';
import { summarizeProfile } from './cpu-profile.mjs';

export const OPS = ['telnyx.send', 'telnyx.get', 'telnyx.list', 'retell.create'];
export const VARIANTS = ['fetch', 'fetch+abort', 'ours', 'ours+fetch', 'sdk', 'http'];
export const MODES = ['seq', 'conc'];

/** Starts server.mjs; resolves with { port, bodyBytes, stop() } (stop kills only that child). */
export function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript('server.mjs')], { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => code !== 0 && code !== null && reject(new Error(`server exited ${code}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        const info = JSON.parse(out.slice(0, nl));
        resolve({
          ...info,
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

export async function clientOverhead({ rounds = 3, n = 2000, warmup = 300, maxMs = 5000, concurrency = 50, profile = true, log = () => {} }) {
  const server = await startServer();
  const runs = []; // { round, op, variant, mode, ...result }
  let ourProfile = null;
  try {
    for (let round = 0; round < rounds; round++) {
      const ops = OPS.map((_, i) => OPS[(i + round) % OPS.length]);
      for (const op of ops) {
        const group = round % 2 ? [...VARIANTS].reverse() : VARIANTS;
        for (const mode of MODES) {
          for (const variant of group) {
            log(`  client round ${round + 1}/${rounds}: ${op} ${variant} ${mode}`);
            const r = await node(childScript('client-child.mjs'), [op, variant, mode, n, server.port, warmup, maxMs, concurrency], { timeoutMs: maxMs + 60_000 });
            runs.push({ round, op, variant, mode, calls: r.calls, callsPerSec: r.callsPerSec, cpuUsPerCall: r.cpuUsPerCall, rssMiB: r.rssMiB });
          }
        }
      }
    }
    if (profile) {
      log('  client: one profiled run of our client (telnyx.send, seq)');
      const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-prof-'));
      try {
        const r = await node(childScript('client-child.mjs'), ['telnyx.send', 'ours', 'seq', n, server.port, warmup, maxMs], { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], timeoutMs: maxMs + 60_000 });
        const p = summarizeProfile(join(dir, readdirSync(dir)[0]), 12);
        const callsProfiled = r.calls + warmup + 1;
        const runtime = p.byPackage.find((x) => x.name === 'switchboard packages/runtime');
        ourProfile = { callsProfiled, runtimeSelfUsPerCall: runtime ? (runtime.ms * 1000) / callsProfiled : null, byPackage: p.byPackage, inclusiveOwnFunctions: p.inclusiveOwnFunctions.map((f) => ({ ...f, usPerCall: (f.ms * 1000) / callsProfiled })), selfByFunction: p.selfByFunction };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await server.stop();
  }

  const pick = (op, variant, mode, key) => [...Array(rounds).keys()].map((round) => runs.find((r) => r.round === round && r.op === op && r.variant === variant && r.mode === mode)?.[key]);
  const table = [];
  for (const op of OPS) {
    for (const mode of MODES) {
      const row = { op, mode, variants: {} };
      for (const v of VARIANTS) row.variants[v] = { callsPerSec: summary(pick(op, v, mode, 'callsPerSec')), cpuUsPerCall: summary(pick(op, v, mode, 'cpuUsPerCall')), rssMiB: summary(pick(op, v, mode, 'rssMiB')) };
      const tp = (v) => pick(op, v, mode, 'callsPerSec');
      const cpu = (v) => pick(op, v, mode, 'cpuUsPerCall');
      row.ratios = {
        oursOverFetch: pairedRatio(tp('ours'), tp('fetch')),
        oursOverSdk: pairedRatio(tp('ours'), tp('sdk')),
        sdkOverFetch: pairedRatio(tp('sdk'), tp('fetch')),
        httpOverFetch: pairedRatio(tp('http'), tp('fetch')),
        abortOverFetch: pairedRatio(tp('fetch+abort'), tp('fetch')),
        // Issue 14's aims are CPU per call: ours on node:http against raw node:http and the SDK, ours on fetch against raw fetch.
        oursCpuOverHttp: pairedRatio(cpu('ours'), cpu('http')),
        oursCpuOverSdk: pairedRatio(cpu('ours'), cpu('sdk')),
        oursFetchCpuOverFetch: pairedRatio(cpu('ours+fetch'), cpu('fetch')),
        oursOverSdkThroughput: pairedRatio(tp('ours'), tp('sdk')),
      };
      row.extraCpuUs = { ours: pairedDiff(cpu('ours'), cpu('fetch')), sdk: pairedDiff(cpu('sdk'), cpu('fetch')), http: pairedDiff(cpu('http'), cpu('fetch')), abort: pairedDiff(cpu('fetch+abort'), cpu('fetch')), oursOverAbort: pairedDiff(cpu('ours'), cpu('fetch+abort')) };
      table.push(row);
    }
  }
  return { config: { rounds, n, warmup, maxMs, concurrency, bodyBytes: server.bodyBytes }, results: table, ourProfile, runs };
}
