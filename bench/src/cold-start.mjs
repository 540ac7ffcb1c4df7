// Part 5: cold start. Whole-process wall time (monotonic clock), CPU and peak RSS (from
// /usr/bin/time) of importing a client package and of `switchboard --help`, each run
// alternating with a bare `node -e 0` so the import cost is a paired difference. Also the
// time to first response (load, construct, one loopback request) for ours vs raw fetch.
import { BENCH_DIR, REPO_ROOT, childScript, run } from './proc.mjs';
import { pairedDiff, pairedRatio, summary } from './stats.mjs';
import { startServer } from './client-overhead.mjs';
import { join } from 'node:path';

const imp = (spec, extra = '') => ['--input-type=module', '-e', `await import(${JSON.stringify(spec)});${extra}`];

export async function coldStart({ runs = 10, log = () => {} }) {
  const server = await startServer();
  const node = process.execPath;
  const cases = [
    { name: "import '@switchboard/telnyx'", args: imp('@switchboard/telnyx') },
    { name: "import '@switchboard/telnyx' + new Telnyx()", args: ['--input-type=module', '-e', "const { Telnyx } = await import('@switchboard/telnyx'); new Telnyx({ apiKey: 'k', env: {} });"] },
    { name: "import '@switchboard/retell-ai'", args: imp('@switchboard/retell-ai') },
    { name: "import 'telnyx' (official SDK)", args: imp('telnyx') },
    { name: "import 'retell-sdk' (official SDK)", args: imp('retell-sdk') },
    { name: 'switchboard --help', args: [join(REPO_ROOT, 'packages/cli/dist/bin.js'), '--help'], cwd: REPO_ROOT },
    { name: 'switchboard lua --sandbox -e "return 1"', args: [join(REPO_ROOT, 'packages/cli/dist/bin.js'), 'lua', '--sandbox', '-e', 'return 1'], cwd: REPO_ROOT },
    { name: 'switchboard lua --sandbox: one list_phone_numbers call', args: [join(REPO_ROOT, 'packages/cli/dist/bin.js'), 'lua', '--sandbox', '-e', 'local r = app.integrations.telnyx.list_phone_numbers{} return #r.data'], cwd: REPO_ROOT },
    { name: 'first response: raw fetch (telnyx.send)', args: [childScript('client-child.mjs'), 'telnyx.send', 'fetch', 'seq', '0', String(server.port), '0', '0'] },
    { name: 'first response: raw node:http (telnyx.send)', args: [childScript('client-child.mjs'), 'telnyx.send', 'http', 'seq', '0', String(server.port), '0', '0'] },
    { name: 'first response: ours (telnyx.send)', args: [childScript('client-child.mjs'), 'telnyx.send', 'ours', 'seq', '0', String(server.port), '0', '0'] },
    { name: 'first response: official telnyx SDK', args: [childScript('client-child.mjs'), 'telnyx.send', 'sdk', 'seq', '0', String(server.port), '0', '0'] },
  ];
  const results = [];
  try {
    for (const c of cases) {
      log(`  cold start: ${c.name}`);
      const wall = [], base = [], cpu = [], rss = [];
      for (let i = 0; i <= runs; i++) {
        const a = await run(node, c.args, { cwd: c.cwd ?? BENCH_DIR, rusage: true });
        if (a.code !== 0) throw new Error(`${c.name} exited ${a.code}: ${a.stderr.slice(-1500)}`);
        const b = await run(node, ['-e', '0'], { cwd: BENCH_DIR, rusage: true });
        if (i === 0) continue; // warm-up pair
        wall.push(a.wallMs);
        base.push(b.wallMs);
        cpu.push(a.usage.cpuS * 1000);
        rss.push(a.usage.maxRssMiB);
      }
      results.push({ name: c.name, wallMs: summary(wall), baselineWallMs: summary(base), costOverNodeMs: pairedDiff(wall, base), ratioOverNode: pairedRatio(wall, base), cpuMs: summary(cpu), maxRssMiB: summary(rss) });
    }
  } finally {
    await server.stop();
  }
  return { runs, results };
}
