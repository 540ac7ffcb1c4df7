/** Everywhere but Node (browsers, Deno, Bun, workers): the global `fetch`, looked up at call time. */
import { fetchTransport } from './transport.js';
import type { Transport } from './transport-types.js';

export const defaultTransport: Transport = fetchTransport();
