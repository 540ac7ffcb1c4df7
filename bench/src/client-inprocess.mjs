// Client overhead in one process, interleaved: raw node:http keep-alive, our client on its
// Node transport, raw fetch and our client given fetch take turns in blocks of calls against
// the canned server (its own process), so every variant sees the same machine state. Reports
// the median CPU µs per call of each variant and its ratio to the raw baseline of its kind.
// Usage: node bench/src/client-inprocess.mjs [--blocks=8] [--n=2000] [--out=file.json] [--parts]
// (--parts adds our transport alone on a built request, and `core.prepare` alone; --only=a,b keeps those variants.)
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { startServer } from './client-overhead.mjs';

const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const BLOCKS = arg('blocks', 8), N = arg('n', 2000);
const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6);
const server = await startServer();
const origin = `http://127.0.0.1:${server.port}`;
const KEY = 'KEY0123456789ABCDEF_sandbox';
const SMS = { from: '+13125550123', to: '+19175550188', text: 'Hello from Switchboard!' };
const headers = { authorization: `Bearer ${KEY}`, accept: 'application/json', 'content-type': 'application/json' };

const agent = new http.Agent({ keepAlive: true });
const rawHttp = () =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify(SMS);
    const req = http.request(`${origin}/v2/messages`, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
const rawFetch = async () => (await fetch(`${origin}/v2/messages`, { method: 'POST', headers, body: JSON.stringify(SMS) })).json();

const { Telnyx } = await import('@switchboard/telnyx');
const ours = new Telnyx({ apiKey: KEY, baseURL: `${origin}/v2`, env: {} });
const oursFetch = new Telnyx({ apiKey: KEY, baseURL: `${origin}/v2`, env: {}, fetch: globalThis.fetch });
const { nodeTransport } = await import('@switchboard/runtime/node');
const { sendSmsOperation } = await import('@switchboard/telnyx');
const transport = nodeTransport();
const { fetchTransport } = await import('@switchboard/runtime');
const viaFetch = fetchTransport(globalThis.fetch);
// Our transport alone on the request our client builds (with the real key), and the JSON parse.
const prepared = { ...ours.core.prepare(sendSmsOperation, SMS), headers: { ...ours.core.prepare(sendSmsOperation, SMS).headers, authorization: `Bearer ${KEY}` } };
const limits = { timeoutMs: 60_000 };
// The same with an injected timer (one setTimeout per attempt) instead of the socket's timeout.
const timerLimits = { timeoutMs: 60_000, startTimer: (ms, fire) => { const t = setTimeout(fire, ms); return () => clearTimeout(t); } };
const variants = {
  http: rawHttp,
  ours: () => ours.sendSms(SMS),
  ...(process.argv.includes('--parts') ? { transport: () => transport(prepared, limits).then((r) => JSON.parse(r.text)), 'transport+timer': () => transport(prepared, timerLimits).then((r) => JSON.parse(r.text)), 'fetch-transport': () => viaFetch(prepared, limits).then((r) => JSON.parse(r.text)), prepare: () => Promise.resolve(ours.core.prepare(sendSmsOperation, SMS)) } : {}),
  fetch: rawFetch,
  'ours+fetch': () => oursFetch.sendSms(SMS),
};
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
if (only) for (const name of Object.keys(variants)) if (!only.includes(name)) delete variants[name];
const baseline = Object.fromEntries(Object.entries({ ours: 'http', 'ours+fetch': 'fetch', transport: 'http', 'fetch-transport': 'fetch' }).filter(([a, b]) => a in variants && b in variants));

for (const call of Object.values(variants)) for (let i = 0; i < 300; i++) await call();
const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const ratios = Object.fromEntries(Object.keys(baseline).map((k) => [k, []]));
for (let b = 0; b < BLOCKS; b++) {
  const names = Object.keys(variants);
  if (b % 2) names.reverse();
  const block = {};
  for (const name of names) {
    const call = variants[name];
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) await call();
    const c = process.cpuUsage(c0);
    block[name] = (c.user + c.system) / N;
    samples[name].push(block[name]);
  }
  for (const [name, base] of Object.entries(baseline)) ratios[name].push(block[name] / block[base]);
}
await server.stop();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = { blocks: BLOCKS, n: N, loadavg: (await import('node:os')).loadavg(), cpuUsPerCall: {}, ratio: {} };
for (const [k, xs] of Object.entries(samples)) result.cpuUsPerCall[k] = { median: +median(xs).toFixed(1), min: +Math.min(...xs).toFixed(1), max: +Math.max(...xs).toFixed(1) };
for (const [k, xs] of Object.entries(ratios)) result.ratio[`${k}/${baseline[k]}`] = { median: +median(xs).toFixed(3), min: +Math.min(...xs).toFixed(3), max: +Math.max(...xs).toFixed(3) };
console.log(JSON.stringify(result, null, 1));
if (out) writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
