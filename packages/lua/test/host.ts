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

/**
 * A small CPU budget so limit tests finish quickly, and a wall-clock limit far above it: on a
 * loaded machine 300 ms of CPU time can take many seconds of wall time, and a CPU-limit test must
 * end on the CPU limit, not on the wall clock.
 */
export const FAST = { cpuMs: 300, wallMs: 600_000 };
