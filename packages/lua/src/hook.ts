/**
 * The CPU/wall hook: a count hook every HOOK_EVERY instructions that compares the wall clock with
 * the active run's deadline, and reads the thread's CPU time only once that has passed. wasmoon's built-in timeout raises a Lua error, which pcall swallows; this one, once
 * tripped, re-arms itself at every instruction and yields out of the thread when it can, so the
 * driver abandons the thread and no Lua handler ever sees it. Where yielding is impossible (a
 * table.sort comparator, a gsub callback) it raises an error instead, and keeps doing so at every
 * instruction until the script is back somewhere it can yield.
 *
 * Hooks are per thread; lua_newthread copies the creator's hook, so setting it on the main state
 * before creating the script thread covers the script and every coroutine it creates.
 */
import { activeRun } from './run-state.js';
import { LUA_MASKCOUNT } from './vm/raw.js';
import type { Ptr, State } from './vm/raw.js';
import type { Vm } from './vm/vm.js';

const HOOK_EVERY = 1000;

function hookPointer(vm: Vm): Ptr {
  return vm.once('cpu-hook', () => {
    const ptr: Ptr = vm.lua.addFunction((L: State) => {
      const run = activeRun();
      if (!run) return;
      if (!run.tripped) {
        const now = run.clock.now();
        if (now < run.deadline || !run.overrun(now)) return;
      }
      vm.lua._lua_sethook(L, ptr, LUA_MASKCOUNT, 1);
      if (vm.lua._lua_isyieldable(L)) {
        vm.lua._lua_yieldk(L, 0, 0, 0);
        return;
      }
      vm.pushString(L, run.tripMessage());
      vm.lua._lua_error(L);
    }, 'vii');
    return ptr;
  });
}

export function installHook(vm: Vm, L: State): void {
  vm.lua._lua_sethook(L, hookPointer(vm), LUA_MASKCOUNT, HOOK_EVERY);
}
