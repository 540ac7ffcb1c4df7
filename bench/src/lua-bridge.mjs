// Part 4: the Lua bridge. Runs lua-child.mjs against the canned server when @switchboard/lua
// is installed and built; otherwise returns { skipped } with the reason.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, childScript, node, run } from './proc.mjs';
import { startServer } from './client-overhead.mjs';
import { pairedDiff, summary } from './stats.mjs';

/**
 * The CLI's sandbox mode end to end: `switchboard lua --sandbox -e <loop of K calls>` minus
 * the same loop without calls, per call (each round is one pair of fresh processes).
 */
async function cliSandbox(k, rounds) {
  const bin = join(REPO_ROOT, 'packages/cli/dist/bin.js');
  const loop = (body) => `local n = 0 for i = 1, ${k} do ${body} end return n`;
  const withCall = loop('local r = app.integrations.telnyx.list_phone_numbers{} n = n + #r.data');
  const without = loop('local r = {data = {1}} n = n + #r.data');
  const perCall = [];
  for (let i = 0; i < rounds; i++) {
    const a = await run(process.execPath, [bin, 'lua', '--sandbox', '--json', '-e', withCall], { cwd: REPO_ROOT });
    const b = await run(process.execPath, [bin, 'lua', '--sandbox', '--json', '-e', without], { cwd: REPO_ROOT });
    if (a.code !== 0 || b.code !== 0) throw new Error(`switchboard lua --sandbox failed: ${a.stderr.slice(-800)} ${b.stderr.slice(-800)}`);
    perCall.push(((a.wallMs - b.wallMs) / k) * 1000);
  }
  return { k, perCallUs: summary(perCall) };
}

export async function luaBridge({ k = 2000, rounds = 5, cliK = 500, cliRounds = 3 } = {}) {
  const dist = join(REPO_ROOT, 'packages/lua/dist/index.js');
  if (!existsSync(dist)) return { skipped: 'packages/lua is not built (no packages/lua/dist/index.js)' };
  try {
    await import('@switchboard/lua');
  } catch (e) {
    return { skipped: `@switchboard/lua does not load: ${e.message}` };
  }
  const server = await startServer();
  try {
    const r = await node(childScript('lua-child.mjs'), [server.port, k, rounds], { nodeArgs: ['--expose-gc'], timeoutMs: 300_000 });
    return {
      k,
      rounds,
      responseBytes: r.responseBytes,
      vmStart: { coldFirstRunMs: r.coldFirstRunMs, warmRunMs: summary(r.startMs), poolColdMs: r.poolColdMs, poolWarmRunMs: summary(r.poolWarmMs) },
      perCall: {
        bridgeOnlyUs: summary(r.bridgeUs),
        sameCallFromJsUs: summary(r.bridgeJsUs),
        bridgeOverheadUs: pairedDiff(r.bridgeUs, r.bridgeJsUs),
        viaHttpLuaUs: summary(r.httpLuaUs),
        viaHttpTsUs: summary(r.httpTsUs),
        viaHttpOverheadUs: pairedDiff(r.httpLuaUs, r.httpTsUs),
        viaHttpCpuOverheadUs: pairedDiff(r.httpLuaCpuUs, r.httpTsCpuUs),
        poolBridgeOnlyUs: summary(r.poolCallUs),
      },
      memoryPerVmBytes: r.memoryPerVmBytes,
      parkedVms: r.parkedVms,
      cliSandbox: await cliSandbox(cliK, cliRounds),
    };
  } finally {
    await server.stop();
  }
}
