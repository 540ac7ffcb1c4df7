/**
 * The JS functions Lua calls (C closures), registered once per wasm instance and dispatched to
 * the active run. Public ones become globals through the prelude; `call` and `take` stay private
 * to it (they implement the await pattern).
 *
 * Errors: a thrown JS Error becomes a Lua error "script:N: <message>". A thrown number is
 * emscripten's longjmp (a Lua error unwinding through this frame) and must pass untouched.
 */
import { ConversionError } from './convert.js';
import { MAX_MATCHES, MAX_PATTERN_BYTES, MAX_SUBJECT_BYTES, tooLong, tooManyMatches } from './host-limits.js';
import type { HostAllowance } from './host-limits.js';
import * as regex from './regex.js';
import { activeRun, callLabel } from './run-state.js';
import type { CallKind, RunState } from './run-state.js';
import { T_LIGHTUSERDATA, T_NIL, T_NONE, T_NUMBER, T_STRING, T_TABLE, typeName } from './vm/raw.js';
import type { Ptr, State } from './vm/raw.js';
import type { Vm } from './vm/vm.js';

type HostFn = (vm: Vm, L: State, run: RunState) => number;

function argString(vm: Vm, L: State, i: number, fn: string, what: string): string {
  const tag = vm.lua._lua_type(L, i);
  if (tag !== T_STRING) throw new Error(`${fn}: expected string ${what}, got ${typeName(tag)}`);
  return vm.readString(L, i);
}

/** A string argument a helper works on in JS: refused over `maxBytes`, and its JS copy charged to the allowance. */
function boundedString(vm: Vm, L: State, i: number, fn: string, what: string, maxBytes: number, allowance: HostAllowance): string {
  const tag = vm.lua._lua_type(L, i);
  if (tag !== T_STRING) throw new Error(`${fn}: expected string ${what}, got ${typeName(tag)}`);
  const bytes = vm.byteLength(L, i);
  if (bytes > maxBytes) throw tooLong(fn, what, bytes, maxBytes);
  allowance.charge(bytes, `the ${what}`);
  return vm.readString(L, i);
}

function optString(vm: Vm, L: State, i: number, fn: string, what: string): string | undefined {
  const tag = vm.lua._lua_type(L, i);
  return tag === T_NIL || tag === T_NONE ? undefined : argString(vm, L, i, fn, what);
}

function optInteger(vm: Vm, L: State, i: number, fn: string, what: string): number | undefined {
  const tag = vm.lua._lua_type(L, i);
  if (tag === T_NIL || tag === T_NONE) return undefined;
  if (tag !== T_NUMBER) throw new Error(`${fn}: expected number ${what}, got ${typeName(tag)}`);
  return Math.trunc(vm.lua._lua_tonumberx(L, i, 0));
}

/** print's text for one value: tables (without __tostring) and json.null as compact JSON, the rest as tostring. */
function display(vm: Vm, L: State, i: number, run: RunState, pretty: boolean): string {
  const tag = vm.lua._lua_type(L, i);
  const isNull = tag === T_LIGHTUSERDATA && vm.lua._lua_touserdata(L, i) === 0;
  if (isNull || (tag === T_TABLE && !hasMetafield(vm, L, i, '__tostring'))) {
    return JSON.stringify(run.converter.read(L, i, 'lenient'), null, pretty ? 2 : undefined);
  }
  if (pretty && tag === T_STRING) return JSON.stringify(vm.readString(L, i));
  return vm.toDisplayString(L, i);
}

function hasMetafield(vm: Vm, L: State, i: number, name: string): boolean {
  if (vm.lua._luaL_getmetafield(L, i, vm.cString(name)) === T_NIL) return false;
  vm.lua._lua_settop(L, -2);
  return true;
}

function pushCaptures(vm: Vm, L: State, c: regex.Captures): void {
  const { lua } = vm;
  lua._lua_createtable(L, c.list.length, c.named.length);
  c.list.forEach((s, i) => {
    vm.pushString(L, s);
    lua._lua_rawseti(L, -2, BigInt(i + 1));
  });
  for (const [name, s] of c.named) {
    vm.pushString(L, name);
    vm.pushString(L, s);
    lua._lua_rawset(L, -3);
  }
}

function regexArgs(vm: Vm, L: State, fn: string, allowance: HostAllowance): [string, string, string | undefined] {
  return [
    boundedString(vm, L, 1, fn, 'subject', MAX_SUBJECT_BYTES, allowance),
    boundedString(vm, L, 2, fn, 'pattern', MAX_PATTERN_BYTES, allowance),
    optString(vm, L, 3, fn, 'flags'),
  ];
}

function withRegex<T>(fn: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof regex.RegexError) throw new Error(`${fn}: ${err.message}`);
    throw err;
  }
}

const FUNCTIONS: Record<string, HostFn> = {
  /**
   * call(kind, path, ...args) -> id | nil, message: starts a host call; the prelude then yields
   * until it settles. Argument errors are returned, not raised, so the prelude can blame the script line.
   */
  call(vm, L, run) {
    const kind = vm.readString(L, 1) as CallKind;
    const path = vm.readString(L, 2);
    const args: unknown[] = [];
    for (let i = 3, top = vm.lua._lua_gettop(L); i <= top; i++) {
      try {
        args.push(run.converter.read(L, i, 'strict'));
      } catch (err) {
        if (err instanceof ConversionError) {
          const name = callLabel(kind, path);
          vm.lua._lua_pushnil(L);
          vm.pushString(L, `${name}: argument ${i - 2}: ${err.message}`);
          return 2;
        }
        throw err;
      }
    }
    vm.lua._lua_pushinteger(L, BigInt(run.startCall(kind, path, args)));
    return 1;
  },

  /**
   * take(id) -> true, value | false, message[, fields]: fields (a table) when the failure carries
   * them (LuaHostError). Pushing happens here, inside a protected call, so a memory error is a Lua error.
   */
  take(vm, L, run) {
    const outcome = run.take(Number(vm.lua._lua_tointegerx(L, 1, 0)));
    if (!outcome) throw new Error('internal: host call result missing');
    if (!outcome.ok) {
      vm.lua._lua_pushboolean(L, 0);
      vm.pushString(L, outcome.message);
      if (!outcome.fields) return 2;
      const top = vm.lua._lua_gettop(L);
      try {
        run.converter.push(L, outcome.fields);
      } catch (err) {
        // Fields Lua cannot hold: the script still gets the message, as a string error.
        if (!(err instanceof ConversionError)) throw err;
        vm.lua._lua_settop(L, top);
        return 2;
      }
      return 3;
    }
    const top = vm.lua._lua_gettop(L);
    vm.lua._lua_pushboolean(L, 1);
    try {
      run.converter.push(L, outcome.value);
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      vm.lua._lua_settop(L, top);
      vm.lua._lua_pushboolean(L, 0);
      vm.pushString(L, `${outcome.label}: the response could not be converted: ${err.message}`);
    }
    return 2;
  },

  /** where(level) -> "script:N: ", the position error(message, level) would prefix (luaL_where). */
  where(vm, L) {
    vm.lua._luaL_where(L, Math.trunc(vm.lua._lua_tonumberx(L, 1, 0)));
    return 1;
  },

  print(vm, L, run) {
    const parts: string[] = [];
    for (let i = 1, top = vm.lua._lua_gettop(L); i <= top; i++) parts.push(display(vm, L, i, run, false));
    run.output.write(`${parts.join('\t')}\n`);
    return 0;
  },

  /** dump(...) pretty-prints each value on its own line and returns its arguments unchanged. */
  dump(vm, L, run) {
    const top = vm.lua._lua_gettop(L);
    if (top === 0) run.output.write('nil\n');
    for (let i = 1; i <= top; i++) run.output.write(`${display(vm, L, i, run, true)}\n`);
    return top;
  },

  json_encode(vm, L, run) {
    const pretty = vm.lua._lua_toboolean(L, 2) !== 0;
    let value: unknown;
    try {
      value = run.converter.read(L, 1, 'strict');
    } catch (err) {
      if (err instanceof ConversionError) throw new Error(`json.encode: ${err.message}`);
      throw err;
    }
    vm.pushString(L, JSON.stringify(value, null, pretty ? 2 : undefined));
    return 1;
  },

  json_decode(vm, L, run) {
    const allowance = run.allowance('json.decode');
    const text = boundedString(vm, L, 1, 'json.decode', 'argument', MAX_SUBJECT_BYTES, allowance);
    // JSON.parse builds its objects before any of them reaches Lua; charge at least the text again for them.
    allowance.charge(text.length, 'decoding the argument');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new Error(`json.decode: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      run.converter.push(L, value, 'decoded');
    } catch (err) {
      if (err instanceof ConversionError) throw new Error(`json.decode: ${err.message}`);
      throw err;
    }
    return 1;
  },

  regex_match(vm, L, run) {
    const [subject, pattern, flags] = regexArgs(vm, L, 'regex.match', run.allowance('regex.match'));
    const found = withRegex('regex.match', () => regex.match(subject, pattern, flags));
    if (found) pushCaptures(vm, L, found);
    else vm.lua._lua_pushnil(L);
    return 1;
  },

  /** Each match goes into the Lua table as it is found, so the Lua allocator charges it and JS holds one at a time. */
  regex_match_all(vm, L, run) {
    const [subject, pattern, flags] = regexArgs(vm, L, 'regex.match_all', run.allowance('regex.match_all'));
    vm.lua._lua_createtable(L, 0, 0);
    let count = 0;
    withRegex('regex.match_all', () => {
      for (const c of regex.eachMatch(subject, pattern, flags)) {
        if (++count > MAX_MATCHES) throw tooManyMatches('regex.match_all');
        pushCaptures(vm, L, c);
        vm.lua._lua_rawseti(L, -2, BigInt(count));
      }
    });
    run.converter.pushArrayMetatable(L);
    vm.lua._lua_setmetatable(L, -2);
    return 1;
  },

  regex_gsub(vm, L, run) {
    const fn = 'regex.gsub';
    const allowance = run.allowance(fn);
    const subject = boundedString(vm, L, 1, fn, 'subject', MAX_SUBJECT_BYTES, allowance);
    const pattern = boundedString(vm, L, 2, fn, 'pattern', MAX_PATTERN_BYTES, allowance);
    const replacement = boundedString(vm, L, 3, fn, 'replacement', MAX_SUBJECT_BYTES, allowance);
    const limit = optInteger(vm, L, 4, fn, 'limit');
    allowance.charge(subject.length, 'the result');
    const [out, count] = withRegex(fn, () => regex.gsub(subject, pattern, replacement, limit, (n, added) => {
      if (n > MAX_MATCHES) throw tooManyMatches(fn);
      if (added > 0) allowance.charge(added, 'the result');
    }));
    vm.pushString(L, out);
    vm.lua._lua_pushinteger(L, BigInt(count));
    return 2;
  },
};

function wrap(vm: Vm, fn: HostFn): (L: number) => number {
  return (L: number) => {
    let message: string;
    try {
      const run = activeRun();
      if (!run) throw new Error('internal: host function called outside a run');
      return fn(vm, L, run);
    } catch (err) {
      if (typeof err === 'number') throw err; // emscripten longjmp: a Lua error already in flight
      message = err instanceof Error ? err.message : String(err);
    }
    // Like luaL_error: prefix the calling script line ("script:3: ").
    vm.lua._luaL_where(L, 1);
    vm.pushString(L, message);
    vm.lua._lua_concat(L, 2);
    return vm.lua._lua_error(L);
  };
}

/** name -> C function pointer, created once per wasm instance (addFunction grows the wasm table). */
export function hostFunctions(vm: Vm): ReadonlyMap<string, Ptr> {
  return vm.once('host-functions', () =>
    new Map(Object.entries(FUNCTIONS).map(([name, fn]) => [name, vm.lua.addFunction(wrap(vm, fn), 'ii')])));
}
