// One client variant in one process: builds the call, checks one response, warms up,
// then times N calls sequentially or with C in flight, bounded by a time cap.
// Usage: node client-child.mjs <op> <variant> <seq|conc> <N> <port> <warmup> <maxMs> [C]
//   op: telnyx.send | telnyx.get | telnyx.list | retell.create
//   variant: fetch | fetch+abort | http | ours | ours+fetch | sdk
//   (ours: our client on its default Node transport, node:http keep-alive; ours+fetch: the same
//    client given the global fetch, i.e. the transport browsers and other runtimes get)
//   (fetch+abort is raw fetch wrapped the way @switchboard/runtime's attempt() wraps it: an
//    AbortController, a timeout timer, a racing abort promise around fetch and around the body
//    read, then JSON.parse of the text. It separates that machinery's cost from the rest.)
// Prints one JSON line: calls, callsPerSec, cpuUsPerCall, rssMiB, heapMiB.
import http from 'node:http';

const [op, variant, mode, nArg, portArg, warmupArg, maxMsArg, cArg] = process.argv.slice(2);
const N = Number(nArg), PORT = Number(portArg), WARMUP = Number(warmupArg), MAX_MS = Number(maxMsArg), C = Number(cArg ?? 50);
const origin = `http://127.0.0.1:${PORT}`;
const TELNYX_KEY = 'KEY0123456789ABCDEF_sandbox';
const RETELL_KEY = 'key_0a1b2c3d4e5f60718293a4b5_sandbox';

// The identical request every variant sends: method, path, JSON body, bearer auth.
const OPS = {
  'telnyx.send': { method: 'POST', path: '/v2/messages', key: TELNYX_KEY, body: { from: '+13125550123', to: '+19175550188', text: 'Hello from Switchboard!' }, check: (r) => r.data.id },
  'telnyx.get': { method: 'GET', path: '/v2/phone_numbers/1293384261075731499', key: TELNYX_KEY, body: null, check: (r) => r.data.phone_number },
  'telnyx.list': { method: 'GET', path: '/v2/phone_numbers', key: TELNYX_KEY, body: null, check: (r) => r.data[0].phone_number },
  'retell.create': { method: 'POST', path: '/v2/create-phone-call', key: RETELL_KEY, body: { from_number: '+14157774444', to_number: '+12137774445' }, check: (r) => r.call_id },
};
const spec = OPS[op];
if (!spec) throw new Error(`unknown op ${op}`);

async function makeCall() {
  const headers = { authorization: `Bearer ${spec.key}`, accept: 'application/json', 'user-agent': `switchboard/0.1.0 (node ${process.versions.node})`, 'accept-encoding': 'gzip, deflate, br', ...(spec.body ? { 'content-type': 'application/json' } : {}) };
  const bodyText = spec.body ? JSON.stringify(spec.body) : undefined;
  switch (variant) {
    case 'fetch':
      return async () => {
        const res = await fetch(origin + spec.path, { method: spec.method, headers, body: bodyText });
        return res.json();
      };
    case 'fetch+abort':
      return async () => {
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, 60_000);
        try {
          const aborted = new Promise((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
          aborted.catch(() => {});
          const res = await Promise.race([fetch(origin + spec.path, { method: spec.method, headers, body: bodyText, signal: controller.signal }), aborted]);
          const text = await Promise.race([res.text(), aborted]);
          return JSON.parse(text);
        } finally {
          clearTimeout(timer);
          void timedOut;
        }
      };
    case 'http': {
      const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
      return () =>
        new Promise((resolve, reject) => {
          const req = http.request(origin + spec.path, { method: spec.method, headers: { ...headers, ...(bodyText ? { 'content-length': Buffer.byteLength(bodyText) } : {}) }, agent }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
              try {
                resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
              } catch (e) {
                reject(e);
              }
            });
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end(bodyText);
        });
    }
    case 'ours':
    case 'ours+fetch': {
      const transport = variant === 'ours+fetch' ? { fetch: globalThis.fetch } : {};
      if (op.startsWith('telnyx')) {
        const { Telnyx } = await import('@switchboard/telnyx');
        const client = new Telnyx({ apiKey: spec.key, baseURL: `${origin}/v2`, env: {}, ...transport });
        if (op === 'telnyx.get') return () => client.getPhoneNumber({ phone_number_id: '1293384261075731499' });
        return op === 'telnyx.send' ? () => client.sendSms(spec.body) : () => client.listPhoneNumbers();
      } else {
        const { Retell } = await import('@switchboard/retell-ai');
        const client = new Retell({ apiKey: spec.key, baseURL: origin, env: {}, ...transport });
        return () => client.createPhoneCall({ options: spec.body });
      }
    }
    case 'sdk':
      if (op.startsWith('telnyx')) {
        const { default: Telnyx } = await import('telnyx');
        const client = new Telnyx({ apiKey: spec.key, baseURL: `${origin}/v2` });
        // The SDK's list returns a page object; awaiting it fetches and parses the page.
        if (op === 'telnyx.get') return () => client.phoneNumbers.retrieve('1293384261075731499');
        return op === 'telnyx.send' ? () => client.messages.send(spec.body) : async () => ({ data: (await client.phoneNumbers.list()).data });
      } else {
        const { default: Retell } = await import('retell-sdk');
        const client = new Retell({ apiKey: spec.key, baseURL: origin });
        return () => client.call.createPhoneCall(spec.body);
      }
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

const call = await makeCall();
const first = await call();
if (!spec.check(first)) throw new Error(`${op}/${variant}: unexpected response ${JSON.stringify(first).slice(0, 200)}`);
for (let i = 0; i < WARMUP; i++) await call();

let done = 0;
const deadline = performance.now() + MAX_MS;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
if (mode === 'seq') {
  while (done < N && performance.now() < deadline) {
    await call();
    done++;
  }
} else {
  let started = 0;
  const worker = async () => {
    while (started < N && performance.now() < deadline) {
      started++;
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: C }, worker));
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const mem = process.memoryUsage();
console.log(JSON.stringify({ op, variant, mode, calls: done, ms, callsPerSec: (done / ms) * 1000, cpuUsPerCall: (cpu.user + cpu.system) / done, rssMiB: mem.rss / 2 ** 20, heapMiB: mem.heapUsed / 2 ** 20 }));
