// Part 6: heap per client object, ours against the official SDKs, each in a fresh process
// (one per client kind and round), so module state and earlier runs do not mix in.
import { childScript, node } from './proc.mjs';
import { summary } from './stats.mjs';

export const CLIENTS = ['ours telnyx', 'ours retell', 'official telnyx', 'official retell-sdk'];

export async function clientHeap({ rounds = 3, clients = 20_000, log = () => {} } = {}) {
  const samples = Object.fromEntries(CLIENTS.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) {
    for (const which of CLIENTS) {
      const r = await node(childScript('heap-child.mjs'), [which, String(clients)], { nodeArgs: ['--expose-gc'] });
      samples[which].push(r.bytesPerClient);
      log(`  round ${round + 1}: ${which} ${r.bytesPerClient.toFixed(0)} B per client`);
    }
  }
  return { rounds, clients, bytesPerClient: Object.fromEntries(CLIENTS.map((c) => [c, summary(samples[c])])) };
}
