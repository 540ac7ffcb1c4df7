/**
 * @switchboard/lua: runs untrusted Lua 5.4 scripts (wasmoon) in a sandbox with CPU, memory,
 * wall-clock and output limits, and routes `app.integrations.*` calls to the caller's bridge.
 * `runLua` runs in-process; `LuaPool` runs in worker threads that can be killed when a script is
 * stuck inside C code (a pathological string.find) where no hook can reach it.
 */
import { bridgeFor } from './bridge.js';
import { runScript } from './run.js';
import { resolveLimits } from './types.js';
import type { LuaHostFunctions, LuaLimits, LuaRunResult } from './types.js';

export { DEFAULT_LIMITS } from './types.js';
export type { IntegrationCall, LuaDocs, LuaErrorKind, LuaHostFunctions, LuaLimits, LuaRunResult } from './types.js';
export { LuaPool } from './pool.js';
export type { LuaPoolOptions } from './pool.js';

/** Runs `code` in a fresh engine on this thread (engines share one wasm instance). */
export async function runLua(code: string, host: LuaHostFunctions, limits?: Partial<LuaLimits>): Promise<LuaRunResult> {
  return runScript(code, bridgeFor(host), resolveLimits(limits));
}
