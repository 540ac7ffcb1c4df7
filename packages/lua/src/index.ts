/**
 * @switchboard/lua: runs untrusted Lua 5.4 scripts (wasmoon) in a sandbox with CPU, memory,
 * wall-clock and output limits, and routes `app.integrations.*` calls to the caller's bridge.
 * `runLua` runs in-process; `LuaPool` runs in worker threads that can be killed when a script is
 * stuck inside C code (a pathological string.find) where no hook can reach it.
 */
import { bridgeFor } from './bridge.js';
import { runScript } from './run.js';
import { validateLimits } from './limits.js';
import type { LuaHostFunctions, LuaLimits, LuaRunResult, LuaScriptOptions } from './types.js';

export { DEFAULT_LIMITS } from './types.js';
export { describeLimit, LuaLimitError, MAX_MEMORY_BYTES, MAX_OUTPUT_BYTES, MAX_TIME_MS, MIN_MEMORY_BYTES, validateLimits } from './limits.js';
export { MAX_MATCHES, MAX_PATTERN_BYTES, MAX_SUBJECT_BYTES } from './host-limits.js';
export { MAX_DEPTH } from './convert.js';
export type { IntegrationCall, LuaDocs, LuaErrorKind, LuaHostFunctions, LuaLimits, LuaMcp, LuaRepl, LuaRunResult, LuaScriptOptions, McpQuery } from './types.js';
export { LuaPool } from './pool.js';
export { LuaHostError } from './host-error.js';
export { REPL_CONTINUATION, REPL_PROMPT, REPL_SCRIPT } from './repl.js';
export type { LuaPoolOptions } from './pool.js';

/** Runs `code` in a fresh engine on this thread (engines share one wasm instance). */
export async function runLua(code: string, host: LuaHostFunctions, limits?: Partial<LuaLimits>, script: LuaScriptOptions = {}): Promise<LuaRunResult> {
  return runScript(code, bridgeFor(host), validateLimits(limits), undefined, script.name);
}
