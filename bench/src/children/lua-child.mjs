// Lua bridge measurements in one process (part 4). Usage: node lua-child.mjs <port> <K> <rounds>
// Prints one JSON line. The host's integration callback routes app.integrations.telnyx.<fn>
// to our generated Telnyx client pointed at the local canned server.
import { runLua, LuaPool } from '@switchboard/lua';
import { Telnyx } from '@switchboard/telnyx';

const [port, kArg, roundsArg] = process.argv.slice(2);
const K = Number(kArg), ROUNDS = Number(roundsArg);
const client = new Telnyx({ apiKey: 'KEY0123456789ABCDEF_sandbox', baseURL: `http://127.0.0.1:${port}/v2`, env: {} });
const camel = (s) => s.replace(/_(\w)/g, (_, c) => c.toUpperCase());
const httpHost = {
  integration: ({ path, args }) => {
    const [provider, fn] = path.split('.');
    if (provider !== 'telnyx') throw new Error(`unknown integration ${path}`);
    return client[camel(fn)](args[0] ?? {});
  },
};
// Same response, without HTTP: isolates the Lua ↔ JS bridge (argument and result conversion).
const canned = await client.listPhoneNumbers({});
const cannedHost = { integration: async () => canned };
const now = () => performance.now();
const mem = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
};

// 1. VM start: the first run in this process (wasm compile + engine), then warm trivial runs.
let t = now();
const first = await runLua('return 1', cannedHost);
if (!first.ok) throw new Error(`lua failed: ${JSON.stringify(first.error)}`);
const coldFirstRunMs = now() - t;
const startMs = [];
for (let i = 0; i < 200; i++) {
  t = now();
  await runLua('return 1', cannedHost);
  startMs.push(now() - t);
}

// Memory per VM, measured first while the process is otherwise idle: M runs parked inside a
// host call at once, against the same process after a few finished runs.
const M = 100;
for (let i = 0; i < 3; i++) await runLua('return 1', cannedHost);
globalThis.gc?.();
const before = mem();
let release;
const gate = new Promise((r) => (release = r));
let parked = 0;
let allParked;
const allIn = new Promise((r) => (allParked = r));
const parkHost = {
  integration: async () => {
    if (++parked === M) allParked();
    await gate;
    return canned;
  },
};
const runs = Array.from({ length: M }, () => runLua('local t = {} for i = 1, 100 do t[i] = i end\nlocal r = app.integrations.telnyx.list_phone_numbers{}\nreturn #r.data + #t', parkHost));
await allIn;
globalThis.gc?.();
const during = mem();
release();
const parkedResults = await Promise.all(runs);
if (!parkedResults.every((r) => r.ok)) throw new Error('parked runs failed');
const perVm = Object.fromEntries(Object.keys(before).map((k) => [k, (during[k] - before[k]) / M]));

// 2/3. Per-call cost: a Lua loop of K calls minus a Lua loop of K table constructions, against
// K awaited calls of the same function from TypeScript, alternated round by round.
const callScript = `local n = 0\nfor i = 1, ${K} do local r = app.integrations.telnyx.list_phone_numbers{} n = n + #r.data end\nreturn n`;
const loopScript = `local n = 0\nfor i = 1, ${K} do local r = {data = {1}} n = n + #r.data end\nreturn n`;
const rounds = { bridgeUs: [], bridgeJsUs: [], httpLuaUs: [], httpTsUs: [], httpLuaCpuUs: [], httpTsCpuUs: [] };
for (let round = 0; round < ROUNDS; round++) {
  const base = await runLua(loopScript, cannedHost);
  const bridged = await runLua(callScript, cannedHost);
  if (!bridged.ok || bridged.result !== K * canned.data.length) throw new Error(`bridge run failed: ${JSON.stringify(bridged.error ?? bridged.result)}`);
  rounds.bridgeUs.push(((bridged.durationMs - base.durationMs) / K) * 1000);
  t = now();
  for (let i = 0; i < K; i++) await cannedHost.integration({ path: 'telnyx.list_phone_numbers', args: [{}] });
  rounds.bridgeJsUs.push(((now() - t) / K) * 1000);

  let cpu = process.cpuUsage();
  const viaHttp = await runLua(callScript, httpHost);
  cpu = process.cpuUsage(cpu);
  if (!viaHttp.ok) throw new Error(`http run failed: ${JSON.stringify(viaHttp.error)}`);
  rounds.httpLuaUs.push(((viaHttp.durationMs - base.durationMs) / K) * 1000);
  rounds.httpLuaCpuUs.push((cpu.user + cpu.system) / K);
  cpu = process.cpuUsage();
  t = now();
  for (let i = 0; i < K; i++) await client.listPhoneNumbers({});
  rounds.httpTsUs.push(((now() - t) / K) * 1000);
  cpu = process.cpuUsage(cpu);
  rounds.httpTsCpuUs.push((cpu.user + cpu.system) / K);
}

// 5. The worker pool: start (first run includes the worker), warm trivial run, per call.
t = now();
const pool = new LuaPool({ size: 2 });
await pool.run('return 1', cannedHost);
const poolColdMs = now() - t;
const poolWarmMs = [];
for (let i = 0; i < 100; i++) {
  t = now();
  await pool.run('return 1', cannedHost);
  poolWarmMs.push(now() - t);
}
const poolCallUs = [];
for (let round = 0; round < ROUNDS; round++) {
  const base = await pool.run(loopScript, cannedHost);
  const r = await pool.run(callScript, cannedHost);
  poolCallUs.push(((r.durationMs - base.durationMs) / K) * 1000);
}
await pool.close();

console.log(JSON.stringify({ K, rounds: ROUNDS, coldFirstRunMs, startMs, ...rounds, poolColdMs, poolWarmMs, poolCallUs, memoryPerVmBytes: perVm, parkedVms: M, responseBytes: JSON.stringify(canned).length }));
