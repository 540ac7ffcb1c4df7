// Heap kept alive per client object: N clients made and held, bytes of heap (after full GCs)
// divided by N. Needs --expose-gc. Prints one JSON line.
const [which, countArg] = process.argv.slice(2);
const N = Number(countArg);

const makers = {
  'ours telnyx': async () => { const { Telnyx } = await import('@switchboard/telnyx'); return () => new Telnyx({ apiKey: 'KEY' }); },
  'ours retell': async () => { const { Retell } = await import('@switchboard/retell-ai'); return () => new Retell({ apiKey: 'KEY' }); },
  'official telnyx': async () => { const { default: Telnyx } = await import('telnyx'); return () => new Telnyx({ apiKey: 'KEY' }); },
  'official retell-sdk': async () => { const { default: Retell } = await import('retell-sdk'); return () => new Retell({ apiKey: 'KEY' }); },
};

const make = await makers[which]();
// The first client loads lazily-built module state (shared by every later client); not counted.
make();
globalThis.gc(); globalThis.gc();
const before = process.memoryUsage().heapUsed;
const kept = new Array(N);
for (let i = 0; i < N; i++) kept[i] = make();
globalThis.gc(); globalThis.gc();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ which, clients: kept.length, bytesPerClient: (after - before) / N }));
