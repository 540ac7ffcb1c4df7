/**
 * `@switchboard/runtime/node`: the Node transport, for callers who want their
 * own agents (a proxy, other pool sizes). Kept out of the main entry so a
 * browser bundle never meets `node:http`.
 */

export { nodeTransport, type NodeAgents, type NodeTransportOptions } from './transport-node.js';
