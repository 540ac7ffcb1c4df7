/**
 * Builds one engine for one run: wasmoon engine with allocation tracing and a memory cap, our CPU
 * hook, the host table and the prelude. Returns the main state; the caller closes the engine.
 */
import type { LuaEngine } from 'wasmoon';
import { Converter } from './convert.js';
import { installHook } from './hook.js';
import { hostFunctions } from './host-functions.js';
import { PRELUDE } from './prelude.js';
import { enterRun, leaveRun } from './run-state.js';
import type { RunState } from './run-state.js';
import { LUA_OK, LUA_REGISTRYINDEX } from './vm/raw.js';
import type { State } from './vm/raw.js';
import type { Vm } from './vm/vm.js';

/** The yielded token that marks a host call; scripts cannot create light userdata, so they cannot forge it. */
export const AWAIT_TOKEN = 1;

export async function createEngine(vm: Vm, run: RunState): Promise<{ engine: LuaEngine; G: State }> {
  const engine = await vm.createEngine();
  try {
    const G = engine.global.address;
    const { lua } = vm;
    engine.global.setMemoryMax(run.limits.memoryBytes);
    run.luaMemoryUsed = () => engine.global.getMemoryUsed();
    installHook(vm, G);

    // The json.array metatable lives in the registry so the converter can recognise it.
    lua._lua_createtable(G, 0, 1);
    vm.pushString(G, '__name');
    vm.pushString(G, 'json.array');
    lua._lua_rawset(G, -3);
    const arrayMetatable = lua._luaL_ref(G, LUA_REGISTRYINDEX);
    // Key orders of decoded objects, weakly keyed by the object (convert.ts).
    lua._lua_createtable(G, 0, 0);
    lua._lua_createtable(G, 0, 1);
    vm.pushString(G, '__mode');
    vm.pushString(G, 'k');
    lua._lua_rawset(G, -3);
    lua._lua_setmetatable(G, -2);
    const keyOrder = lua._luaL_ref(G, LUA_REGISTRYINDEX);
    run.converter = new Converter(vm, { arrayMetatable, keyOrder }, run.limits.memoryBytes);

    if (vm.load(G, PRELUDE, '=prelude') !== LUA_OK) throw new Error(`prelude does not compile: ${vm.readString(G, -1)}`);
    lua._lua_createtable(G, 0, 16);
    for (const [name, ptr] of hostFunctions(vm)) {
      vm.pushString(G, name);
      lua._lua_pushcclosure(G, ptr, 0);
      lua._lua_rawset(G, -3);
    }
    setField(vm, G, 'await_token', () => lua._lua_pushlightuserdata(G, AWAIT_TOKEN));
    setField(vm, G, 'null', () => lua._lua_pushlightuserdata(G, 0));
    setField(vm, G, 'array_mt', () => run.converter.pushArrayMetatable(G));
    setField(vm, G, 'has_docs', () => lua._lua_pushboolean(G, run.bridge.docs ? 1 : 0));
    setField(vm, G, 'has_mcp', () => lua._lua_pushboolean(G, run.bridge.mcp ? 1 : 0));
    setField(vm, G, 'has_repl', () => lua._lua_pushboolean(G, run.bridge.repl ? 1 : 0));

    const previous = enterRun(run);
    let status: number;
    try {
      status = lua._lua_pcallk(G, 1, 0, 0, 0, 0);
    } finally {
      leaveRun(previous);
    }
    if (status !== LUA_OK) throw new Error(`prelude failed: ${vm.readString(G, -1)}`);
    return { engine, G };
  } catch (err) {
    engine.global.close();
    throw err;
  }
}

function setField(vm: Vm, L: State, name: string, pushValue: () => void): void {
  vm.pushString(L, name);
  pushValue();
  vm.lua._lua_rawset(L, -3);
}
