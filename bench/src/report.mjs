// Turns the results object into tables (terminal and markdown) and the aims verdicts.
import { fmt, mmm } from './stats.mjs';

const KB = (b) => `${fmt(b / 1024, 1)} KiB`;
const pct = (x) => `${fmt(x * 100, 1)}%`;

export function genTables(g) {
  const rows = [['providers × 10 fns', 'runs', 'files', 'wall s (min / med / max)', 'in-process s', 'peak RSS MiB', 'regen after touching 1 fn, s']];
  for (const s of g.sizes) {
    rows.push([`${s.providers} (${s.functions} fns)`, `${s.runs}${s.warmup ? ' + warm-up' : ''}`, fmt(s.files), mmm(s.wallMs && { min: s.wallMs.min / 1000, median: s.wallMs.median / 1000, max: s.wallMs.max / 1000 }, 2), fmt(s.inProcessMs.median / 1000, 2), mmm(s.maxRssMiB), s.touch ? fmt(s.touch.wallMs / 1000, 2) : '—']);
  }
  const a = g.at1000;
  rows.push([`1000 (10000 fns)${a.measured ? '' : ' EXTRAPOLATED'}`, a.measured ? '' : 'power law, 2 largest', '', fmt(a.wallMs / 1000, 1), '', fmt(a.maxRssMiB), fmt(a.touchWallMs / 1000, 1)]);
  const lin = g.linearPerFunction;
  if (!a.measured && lin) rows.push(['1000 (10000 fns) EXTRAPOLATED', 'linear fit, all sizes', '', '', `${fmt((lin.fixedMs + lin.msPerFunction * 10000) / 1000, 1)} (${fmt(lin.fixedMs)} ms + ${fmt(lin.msPerFunction, 1)} ms/fn)`, '', '']);
  const phaseNames = Object.keys(g.sizes[0].phasesMs);
  const phases = [['phase (median ms)', ...g.sizes.map((s) => `${s.providers} prov.`), 'exponent (all / 2 largest)', ...(a.measured ? [] : ['1000 prov. (extrap.)'])]];
  for (const p of phaseNames) phases.push([p, ...g.sizes.map((s) => fmt(s.phasesMs[p].median)), `${fmt(g.growthExponent.phases[p], 2)} / ${fmt(g.growthExponent.phasesLocal[p], 2)}`, ...(a.measured ? [] : [fmt(a.phasesMs[p])])]);
  const totalIn = g.sizes.map((s) => fmt(s.inProcessMs.median));
  phases.push(['total in-process', ...totalIn, `${fmt(g.growthExponent.inProcess, 2)} / ${fmt(g.growthExponent.inProcessLocal, 2)}`, ...(a.measured ? [] : [''])]);
  const profile = g.profile
    ? [['CPU profile at ' + g.profile.providers + ' providers: project function (inclusive)', 'ms', 'share'], ...g.profile.inclusiveOwnFunctions.slice(0, 10).map((f) => [f.name, fmt(f.ms), pct(f.share)]), ['— by package (self time) —', '', ''], ...g.profile.byPackage.slice(0, 6).map((f) => [f.name, fmt(f.ms), pct(f.share)])]
    : null;
  return { rows, phases, profile };
}

export function clientTables(c) {
  const rows = [['op', 'mode', 'variant', 'calls/s (min / med / max)', 'CPU µs/call (min / med / max)', 'RSS MiB (med)']];
  for (const r of c.results) for (const [v, s] of Object.entries(r.variants)) rows.push([r.op, r.mode, v, mmm(s.callsPerSec), mmm(s.cpuUsPerCall), fmt(s.rssMiB?.median)]);
  const ratios = [['op', 'mode', 'ours CPU ÷ node:http CPU', 'ours CPU ÷ SDK CPU', 'ours+fetch CPU ÷ fetch CPU', 'ours ÷ SDK (calls/s)', 'ours ÷ fetch (calls/s)', 'node:http ÷ fetch (calls/s)', 'SDK CPU µs above fetch']];
  for (const r of c.results) ratios.push([r.op, r.mode, mmm(r.ratios.oursCpuOverHttp, 2), mmm(r.ratios.oursCpuOverSdk, 2), mmm(r.ratios.oursFetchCpuOverFetch, 2), mmm(r.ratios.oursOverSdkThroughput, 2), mmm(r.ratios.oursOverFetch, 2), mmm(r.ratios.httpOverFetch, 2), mmm(r.extraCpuUs.sdk)]);
  const profile = c.ourProfile
    ? [['our client (telnyx.send, seq) under --cpu-prof: runtime function (inclusive)', 'µs/call', 'share'], ...c.ourProfile.inclusiveOwnFunctions.slice(0, 10).map((f) => [f.name, fmt(f.usPerCall, 1), pct(f.share)]), ['— self time by package —', '', ''], ...c.ourProfile.byPackage.slice(0, 5).map((f) => [f.name, fmt((f.ms * 1000) / c.ourProfile.callsProfiled, 1), pct(f.share)])]
    : null;
  return { rows, ratios, profile };
}

export function bundleTable(b) {
  const rows = [['program', 'platform', 'minified', 'min + gzip', 'modules', 'where the bytes are (minified)']];
  for (const r of b) rows.push([r.program, r.platform + (r.nodeImports.length ? ` (imports ${r.nodeImports.join(', ')})` : ''), `${fmt(r.minifiedBytes)} B`, `${fmt(r.gzipBytes)} B (${KB(r.gzipBytes)})`, fmt(r.modules), Object.entries(r.areas).slice(0, 3).map(([k, v]) => `${k} ${fmt(v)}`).join(', ') + (r.biggest[0] ? `; top: ${r.biggest[0].group} ${fmt(r.biggest[0].bytes)}` : '')]);
  return rows;
}

export function luaTable(l) {
  if (l.skipped) return [['Lua bridge', 'skipped'], ['reason', l.skipped]];
  const us = (s) => mmm(s, 1);
  return [
    ['Lua bridge measure', 'value (min / med / max)'],
    ['first Lua run in a fresh process (wasm compile + engine + run), ms', fmt(l.vmStart.coldFirstRunMs, 1)],
    ['warm VM start + trivial run (runLua), ms', mmm(l.vmStart.warmRunMs, 2)],
    ['LuaPool: new pool + worker + first run, ms', fmt(l.vmStart.poolColdMs, 1)],
    ['LuaPool: warm trivial run, ms', mmm(l.vmStart.poolWarmRunMs, 2)],
    [`bridge only (canned ${l.responseBytes} B reply): Lua call, µs`, us(l.perCall.bridgeOnlyUs)],
    ['  same async function awaited from JS, µs', us(l.perCall.sameCallFromJsUs)],
    ['  => bridge overhead per call, µs', us(l.perCall.bridgeOverheadUs)],
    ['via our client + local HTTP server: from Lua, µs', us(l.perCall.viaHttpLuaUs)],
    ['  same call from TypeScript, µs', us(l.perCall.viaHttpTsUs)],
    ['  => Lua overhead per call, wall µs', us(l.perCall.viaHttpOverheadUs)],
    ['  => Lua overhead per call, CPU µs (whole process, incl. the Lua loop)', us(l.perCall.viaHttpCpuOverheadUs)],
    ['LuaPool (worker thread) bridge only, µs per call', us(l.perCall.poolBridgeOnlyUs)],
    [`\`switchboard lua --sandbox\` (CLI, mock handlers): per call, µs (loop of ${l.cliSandbox.k} minus empty loop)`, us(l.cliSandbox.perCallUs)],
    [`memory per VM (${l.parkedVms} parked VMs): RSS / JS heap / external, bytes`, `${fmt(l.memoryPerVmBytes.rss)} / ${fmt(l.memoryPerVmBytes.heapUsed)} / ${fmt(l.memoryPerVmBytes.external)}`],
  ];
}

export function coldTable(c) {
  const rows = [['command (fresh process)', 'wall ms (min / med / max)', 'cost over `node -e 0`, ms (paired)', 'CPU ms (med)', 'peak RSS MiB (med)']];
  for (const r of c.results) rows.push([r.name, mmm(r.wallMs), mmm(r.costOverNodeMs), fmt(r.cpuMs.median), fmt(r.maxRssMiB.median, 1)]);
  return rows;
}

/** Every aim of issue 7 with the figure it is judged on and whether it is met. */
export function aims(res) {
  const out = [];
  const add = (aim, measured, met, note = '') => out.push({ aim, measured, met, note });
  const g = res.generation;
  if (g) {
    const a = g.at1000;
    const tag = a.measured ? '' : ' (extrapolated)';
    const lin = g.linearPerFunction;
    const linS = lin ? (lin.fixedMs + lin.msPerFunction * 10_000) / 1000 : null;
    add('generate 1,000 providers × 10 functions in < 10 s', `${fmt(a.wallMs / 1000, 1)} s${tag}` + (a.measured || !lin ? '' : ` (power law through the two largest sizes); ${fmt(linS, 1)} s by a linear fit (${fmt(lin.msPerFunction, 1)} ms per function)`), a.wallMs < 10_000 && (a.measured || linS < 10));
    add('… in < 500 MB peak RSS', `${fmt((a.maxRssMiB * 2 ** 20) / 1e6)} MB${tag}`, (a.maxRssMiB * 2 ** 20) / 1e6 < 500);
    add('growth is linear (log-log exponent ≈ 1)', `in-process time: ${fmt(g.growthExponent.inProcess, 2)} over all sizes, ${fmt(g.growthExponent.inProcessLocal, 2)} between the two largest; peak RSS ${fmt(g.growthExponent.rssLocal, 2)}`, g.growthExponent.inProcessLocal <= 1.1);
    add('one changed provider regenerates in < 1 s', `${fmt(a.touchWallMs / 1000, 1)} s at 1,000 providers${tag}; ${fmt(g.sizes[0].touch?.wallMs / 1000, 2)} s at ${g.sizes[0].providers}`, a.touchWallMs < 1000);
  }
  const c = res.client;
  if (c) {
    // Issue 14's aims, each a range of medians over the ops (a write, a read, a Retell write) × sequential/concurrent.
    const range = (key, mode) => {
      const values = c.results.filter((r) => mode === undefined || r.mode === mode).map((r) => r.ratios[key].median);
      return { lo: Math.min(...values), hi: Math.max(...values) };
    };
    const http = range('oursCpuOverHttp');
    add('CPU per call with the Node transport ≤ 1.15× raw node:http keep-alive', `${fmt(http.lo, 2)}–${fmt(http.hi, 2)}×`, http.hi <= 1.15);
    const sdk = range('oursCpuOverSdk');
    add('… and ≤ 0.5× the official SDKs', `${fmt(sdk.lo, 2)}–${fmt(sdk.hi, 2)}×`, sdk.hi <= 0.5);
    const viaFetch = range('oursFetchCpuOverFetch');
    add('CPU per call with the fetch transport ≤ 1.1× raw fetch', `${fmt(viaFetch.lo, 2)}–${fmt(viaFetch.hi, 2)}×`, viaFetch.hi <= 1.1);
    const conc = range('oursOverSdkThroughput', 'conc');
    add('throughput at 50 in flight ≥ 2× the official SDKs', `${fmt(conc.lo, 2)}–${fmt(conc.hi, 2)}×`, conc.lo >= 2);
  }
  const b = res.bundle;
  if (b) {
    const browser = b.filter((x) => x.platform === 'browser');
    const shake = browser.find((x) => x.program.includes('createCore, sendSms'));
    const withClass = browser.find((x) => x.program === 'ours: import { Telnyx }');
    add('one-SMS program ≤ 4 KB min+gzip standalone, ≤ 6 KB with the class (browser build)', `${fmt(shake.gzipBytes)} B tree-shaken; ${fmt(withClass.gzipBytes)} B with the class`, shake.gzipBytes <= 4096 && withClass.gzipBytes <= 6144);
  }
  const h = res.heap;
  if (h) {
    const ours = Object.entries(h.bytesPerClient).filter(([name]) => name.startsWith('ours'));
    const worst = Math.max(...ours.map(([, s]) => s.median));
    add('heap per client ≤ 2 KB', ours.map(([name, s]) => `${name} ${fmt(s.median)} B`).join('; '), worst <= 2048);
  }
  const l = res.lua;
  if (l && !l.skipped) {
    add('Lua → JS integration call ≤ 50 µs overhead', `${fmt(l.perCall.bridgeOverheadUs.median, 1)} µs bridge only; ${fmt(l.perCall.viaHttpOverheadUs.median, 1)} µs measured through HTTP (noisier)`, l.perCall.bridgeOverheadUs.median <= 50);
    const warmOk = l.vmStart.warmRunMs.median <= 50;
    const coldOk = l.vmStart.coldFirstRunMs <= 50;
    const cli = res.cold?.results?.find((r) => r.name.startsWith('switchboard lua --sandbox -e'));
    const cliOk = !cli || cli.costOverNodeMs.median <= 50;
    add('a Lua run starts in ≤ 50 ms', `library: ${fmt(l.vmStart.warmRunMs.median, 2)} ms per run once loaded, ${fmt(l.vmStart.coldFirstRunMs, 1)} ms for the first run in a fresh process (wasm compile), LuaPool ${fmt(l.vmStart.poolColdMs)} ms cold` + (cli ? `; CLI \`switchboard lua -e "return 1"\`: ${fmt(cli.wallMs.median)} ms wall, ${fmt(cli.costOverNodeMs.median)} ms over bare node` : ''), warmOk && coldOk && cliOk ? true : warmOk && coldOk ? 'partly' : false);
  } else if (l) {
    add('Lua aims', 'skipped', null, l.skipped);
  }
  return out;
}
