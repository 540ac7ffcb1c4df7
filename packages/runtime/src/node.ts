/**
 * `@switchboard/runtime/node`: the Node transport, for callers who want their
 * own agents (other pool sizes) or an HTTP proxy (`proxyFromEnv`). Kept out of the main entry so a
 * browser bundle never meets `node:http`.
 */

export { nodeTransport, type NodeAgents, type NodeTransportOptions } from './transport-node.js';
export { NoProxy, parseProxy, proxyFor, proxyFromEnv, ProxySettingError, type Proxy, type ProxySettings } from './proxy.js';
export { proxiedFetch } from './proxied-fetch.js';
