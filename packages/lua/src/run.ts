/**
 * The driver: one fresh engine per run, the script on its own thread with chunk name "=script",
 * resumed until it returns, fails, trips a limit, or yields a host call to await.
 * Never uses wasmoon's doString path (its results pile up on the global stack, wasmoon #109).
 */
import { ConversionError } from './convert.js';
import { AWAIT_TOKEN, createEngine } from './engine.js';
import { systemClock } from './run-clock.js';
import type { RunClock, WallTimer } from './run-clock.js';
import { enterRun, leaveRun, RunState } from './run-state.js';
import type { HostBridge } from './run-state.js';
import type { LuaErrorKind, LuaLimits, LuaRunResult } from './types.js';
import {
  LUA_ERRMEM, LUA_ERRSYNTAX, LUA_OK, LUA_YIELD, T_LIGHTUSERDATA, T_NIL, T_NUMBER, T_STRING, T_TABLE, typeName,
} from './vm/raw.js';
import type { State } from './vm/raw.js';
import { acquireVm, releaseVm } from './vm/vm.js';
import type { Vm } from './vm/vm.js';

const MEMORY_MESSAGE = 'not enough memory';
/** The `__name` of the prelude's error tables (ERROR_MT). */
const HOST_ERROR_NAME = 'switchboard.error';

/**
 * A chunk name on one line, as a file name ("@name"): Lua prints at most 59 characters of a chunk
 * name, and shortens a file name from the front ("...dir/report.lua"), where a plain name ("=name")
 * would lose its end, the file's own name.
 */
export function chunkName(name: string | undefined): string {
  return `@${(name ?? 'script').replace(/[\r\n]+/g, ' ')}`;
}

export async function runScript(code: string, bridge: HostBridge, limits: LuaLimits, clock: RunClock = systemClock(), name?: string): Promise<LuaRunResult> {
  // Loading the wasm instance (once per thread) is not the script's time.
  const vm = await acquireVm();
  const run = new RunState(bridge, limits, clock);
  const { engine, G } = await createEngine(vm, run);
  const wall = wallTimer(run);
  try {
    const T = vm.lua._lua_newthread(G);
    const loaded = vm.load(T, code, chunkName(name));
    if (loaded !== LUA_OK) {
      const kind = loaded === LUA_ERRMEM ? 'memory_limit' : loaded === LUA_ERRSYNTAX ? 'syntax' : 'runtime';
      return finish(run, null, { kind, message: errorMessage(vm, run, T) });
    }
    for (;;) {
      const status = resume(vm, run, T);
      if (run.tripped) return finish(run, null, { kind: run.tripped, message: run.tripMessage() });
      if (status === LUA_OK) return finishWithValues(vm, run, T);
      if (status !== LUA_YIELD) {
        const details = hostErrorDetails(vm, run, T);
        const message = details?.message ?? errorMessage(vm, run, T);
        const kind: LuaErrorKind = status === LUA_ERRMEM || message === MEMORY_MESSAGE ? 'memory_limit' : 'runtime';
        if (kind !== 'runtime') return finish(run, null, { kind, message });
        // The run is over: lift the memory cap so writing the traceback cannot fail for want of memory outside a protected call.
        engine.global.setMemoryMax(undefined);
        return finish(run, null, { kind, message, traceback: traceback(vm, G, T), ...(details ? { details: details.fields } : {}) });
      }
      const id = awaitedCall(vm, run, T);
      if (id === undefined) {
        return finish(run, null, { kind: 'runtime', message: 'attempt to yield from outside a coroutine' });
      }
      if ((await Promise.race([run.settled(id).then(() => false), wall.expired.then(() => true)])) === true) {
        run.trip('wall_limit');
        return finish(run, null, { kind: 'wall_limit', message: run.tripMessage() });
      }
    }
  } finally {
    wall.cancel();
    engine.global.close();
    releaseVm(vm);
  }
}

/** Runs the thread until it yields or ends, with the hook deadline set to the CPU budget left. */
function resume(vm: Vm, run: RunState, T: State): number {
  run.beginSlice();
  const previous = enterRun(run);
  try {
    vm.lua.HEAPU32[vm.outPtr >> 2] = 0;
    return vm.lua._lua_resume(T, 0, 0, vm.outPtr);
  } finally {
    leaveRun(previous);
    run.endSlice();
  }
}

/** The call id if the thread yielded (AWAIT token, id); pops the yielded values. */
function awaitedCall(vm: Vm, run: RunState, T: State): number | undefined {
  const { lua } = vm;
  const count = lua.HEAPU32[vm.outPtr >> 2] ?? 0;
  let id: number | undefined;
  if (count === 2 && lua._lua_type(T, -2) === T_LIGHTUSERDATA && lua._lua_touserdata(T, -2) === AWAIT_TOKEN
    && lua._lua_type(T, -1) === T_NUMBER) {
    id = Number(lua._lua_tointegerx(T, -1, 0));
  }
  lua._lua_settop(T, -count - 1);
  return id !== undefined && run.has(id) ? id : undefined;
}

function finishWithValues(vm: Vm, run: RunState, T: State): LuaRunResult {
  const count = vm.lua._lua_gettop(T);
  const values: unknown[] = [];
  try {
    for (let i = 1; i <= count; i++) values.push(run.converter.read(T, i, 'lenient'));
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    return finish(run, null, { kind: 'runtime', message: `result: ${err.message}` });
  }
  return finish(run, count === 0 ? null : count === 1 ? values[0] : values, null);
}

/**
 * The dead thread's call stack, as luaL_traceback writes it, without the prelude's own frames (a
 * host call's wrapper) that say nothing about the script. Read on the main state: T's stack is
 * left as the error left it, which is what makes it readable at all.
 */
function traceback(vm: Vm, G: State, T: State): string | undefined {
  const top = vm.lua._lua_gettop(G);
  try {
    vm.lua._luaL_traceback(G, T, 0, 0);
    const prelude = (line: string | undefined) => line !== undefined && /^\s*prelude:\d+:/.test(line);
    const raw = vm.readString(G, -1).split('\n');
    // A host call's error is raised by the prelude's wrapper: its `error` frame is ours, not the script's.
    const lines = raw.filter((line, i) => !prelude(line) && !/^\s*\[C\]: in \?$/.test(line) && !(/^\s*\[C\]: in function 'error'$/.test(line) && prelude(raw[i + 1])));
    return lines.length > 1 ? lines.join('\n') : undefined;
  } catch {
    return undefined;
  } finally {
    vm.lua._lua_settop(G, top);
  }
}

/**
 * The message and fields of an uncaught host-call failure (the prelude's switchboard.error table,
 * told by its `__name`, read without running Lua), or undefined for any other error value.
 */
function hostErrorDetails(vm: Vm, run: RunState, T: State): { message: string; fields: Record<string, unknown> } | undefined {
  if (vm.lua._lua_type(T, -1) !== T_TABLE) return undefined;
  const tag = vm.lua._luaL_getmetafield(T, -1, vm.cString('__name'));
  if (tag === T_NIL) return undefined; // nothing was pushed
  const name = tag === T_STRING ? vm.readString(T, -1) : undefined;
  vm.lua._lua_settop(T, -2);
  if (name !== HOST_ERROR_NAME) return undefined;
  try {
    const { message, ...fields } = run.converter.read(T, -1, 'lenient') as Record<string, unknown>;
    return typeof message === 'string' ? { message, fields } : undefined;
  } catch {
    return undefined;
  }
}

/** The error value on top of T as text. Tables are shown as JSON, because __tostring would run Lua on a dead thread. */
function errorMessage(vm: Vm, run: RunState, T: State): string {
  const tag = vm.lua._lua_type(T, -1);
  if (tag === T_STRING) return vm.readString(T, -1);
  if (tag === T_NUMBER || tag === T_TABLE) {
    try {
      return JSON.stringify(run.converter.read(T, -1, 'lenient'));
    } catch {
      return `(error object is a ${typeName(tag)} value)`;
    }
  }
  return `(error object is a ${typeName(tag)} value)`;
}

function finish(run: RunState, result: unknown, error: LuaRunResult['error']): LuaRunResult {
  return {
    ok: error === null,
    output: run.output.toString(),
    result: error === null ? result : null,
    error,
    durationMs: run.clock.now() - run.startedAt,
  };
}

function wallTimer(run: RunState): WallTimer {
  return run.clock.after(run.wallDeadline - run.clock.now());
}
