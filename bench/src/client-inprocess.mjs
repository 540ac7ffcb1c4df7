// Client overhead in one process, interleaved: raw node:http keep-alive, our client on its
// Node transport, raw fetch and our client given fetch take turns in blocks of calls against
// the canned server (its own process), so every variant sees the same machine state. Reports
// the median CPU µs per call of each variant and its ratio to the raw baseline of its kind.
// Usage: node bench/src/client-inprocess.mjs [--op=telnyx.send|telnyx.list|retell.create] [--blocks=8] [--n=2000] [--out=file.json] [--parts]
// (--op: the write (default), the paginated read, or Retell's write, as in client-overhead.mjs;
// --parts adds our transport alone on a built request, and `core.prepare` alone; --only=a,b keeps those variants.)
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { startServer } from './client-overhead.mjs';

const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);
const BLOCKS = arg('blocks', 8), N = arg('n', 2000);
const out = process.argv.find((a) => a.startsWith('--out='))?.slice(6);
const OP = process.argv.find((a) => a.startsWith('--op='))?.slice(5) ?? 'telnyx.send';
const server = await startServer();
const origin = `http://127.0.0.1:${server.port}`;
const TELNYX_KEY = 'KEY0123456789ABCDEF_sandbox';
const RETELL_KEY = 'key_0a1b2c3d4e5f60718293a4b5_sandbox';
const SMS = { from: '+13125550123', to: '+19175550188', text: 'Hello from Switchboard!' };
// The identical request each raw variant sends and the call our client makes for it.
const { Telnyx, sendSmsOperation } = await import('@switchboard/telnyx');
const { Retell } = await import('@switchboard/retell-ai');
const OPS = {
  'telnyx.send': { method: 'POST', path: '/v2/messages', key: TELNYX_KEY, body: SMS, client: (o) => new Telnyx({ apiKey: TELNYX_KEY, baseURL: `${origin}/v2`, env: {}, ...o }), call: (c) => c.sendSms(SMS) },
  'telnyx.list': { method: 'GET', path: '/v2/phone_numbers', key: TELNYX_KEY, body: null, client: (o) => new Telnyx({ apiKey: TELNYX_KEY, baseURL: `${origin}/v2`, env: {}, ...o }), call: (c) => c.listPhoneNumbers() },
  'retell.create': { method: 'POST', path: '/v2/create-phone-call', key: RETELL_KEY, body: { from_number: '+14157774444', to_number: '+12137774445' }, client: (o) => new Retell({ apiKey: RETELL_KEY, baseURL: origin, env: {}, ...o }), call: (c) => c.createPhoneCall({ options: OPS['retell.create'].body }) },
};
const spec = OPS[OP];
if (!spec) throw new Error(`unknown --op=${OP}; one of ${Object.keys(OPS).join(', ')}`);
const KEY = spec.key;
const bodyText = () => (spec.body ? JSON.stringify(spec.body) : undefined);
const headers = { authorization: `Bearer ${KEY}`, accept: 'application/json', 'user-agent': `switchboard/0.1.0 (node ${process.versions.node})`, 'accept-encoding': 'gzip, deflate, br', ...(spec.body ? { 'content-type': 'application/json' } : {}) };

const agent = new http.Agent({ keepAlive: true });
const rawHttp = () =>
  new Promise((resolve, reject) => {
    const body = bodyText();
    const req = http.request(origin + spec.path, { method: spec.method, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) }, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
const rawFetch = async () => (await fetch(origin + spec.path, { method: spec.method, headers, body: bodyText() })).json();

const ours = spec.client({});
const oursFetch = spec.client({ fetch: globalThis.fetch });
const { nodeTransport } = await import('@switchboard/runtime/node');
const transport = nodeTransport();
const { fetchTransport } = await import('@switchboard/runtime');
const viaFetch = fetchTransport(globalThis.fetch);
// Our transport alone on the request our client builds for the SMS (with the real key), and the JSON parse.
const smsClient = OPS['telnyx.send'].client({});
const prepared = { ...smsClient.core.prepare(sendSmsOperation, SMS), headers: { ...smsClient.core.prepare(sendSmsOperation, SMS).headers, authorization: `Bearer ${TELNYX_KEY}` } };
const limits = { timeoutMs: 60_000 };
// The same with an injected timer (one setTimeout per attempt) instead of the socket's timeout.
const timerLimits = { timeoutMs: 60_000, startTimer: (ms, fire) => { const t = setTimeout(fire, ms); return () => clearTimeout(t); } };
const variants = {
  http: rawHttp,
  ours: () => spec.call(ours),
  ...(process.argv.includes('--parts') ? { transport: () => transport(prepared, limits).then((r) => JSON.parse(r.text)), 'transport+timer': () => transport(prepared, timerLimits).then((r) => JSON.parse(r.text)), 'fetch-transport': () => viaFetch(prepared, limits).then((r) => JSON.parse(r.text)), prepare: () => Promise.resolve(smsClient.core.prepare(sendSmsOperation, SMS)) } : {}),
  fetch: rawFetch,
  'ours+fetch': () => spec.call(oursFetch),
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
const result = { op: OP, blocks: BLOCKS, n: N, loadavg: (await import('node:os')).loadavg(), cpuUsPerCall: {}, ratio: {} };
for (const [k, xs] of Object.entries(samples)) result.cpuUsPerCall[k] = { median: +median(xs).toFixed(1), min: +Math.min(...xs).toFixed(1), max: +Math.max(...xs).toFixed(1) };
for (const [k, xs] of Object.entries(ratios)) result.ratio[`${k}/${baseline[k]}`] = { median: +median(xs).toFixed(3), min: +Math.min(...xs).toFixed(3), max: +Math.max(...xs).toFixed(3) };
console.log(JSON.stringify(result, null, 1));
if (out) writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
