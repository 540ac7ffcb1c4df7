/** Under Node (the `node` export condition): `node:http`/`node:https` with keep-alive agents. */
import { nodeTransport } from './transport-node.js';
import type { Transport } from './transport-types.js';

export const defaultTransport: Transport = nodeTransport();
