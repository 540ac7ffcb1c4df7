import type { IntegrationCall, LuaHostFunctions } from '../src/index.js';

/** A host whose integration handler records calls and answers with `reply(call)`. */
export function fakeHost(reply: (call: IntegrationCall) => unknown = () => ({})): LuaHostFunctions & { calls: IntegrationCall[] } {
  const calls: IntegrationCall[] = [];
  return {
    calls,
    async integration(call) {
      calls.push(call);
      return reply(call);
    },
  };
}

/** Small limits so limit tests finish quickly. */
export const FAST = { cpuMs: 300, wallMs: 3000 };
