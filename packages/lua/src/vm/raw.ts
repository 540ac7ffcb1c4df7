/**
 * The raw Lua C API as wasmoon's emscripten module exports it (`module._lua_*`).
 * wasmoon's own wrappers go through emscripten's generic `ccall` and its value conversion
 * has the defects listed in the lua-runtime note (no lua_checkstack, NUL truncation, proxies),
 * so the host talks to these exports directly. wasmoon's `.d.ts` does not type them.
 *
 * Pointers and `int` are numbers (wasm32); `lua_Integer` is a 64-bit BigInt.
 */
export type State = number;
export type Ptr = number;

export interface RawLua {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  addFunction(fn: (...args: number[]) => number | void, signature: string): Ptr;
  removeFunction(ptr: Ptr): void;
  _malloc(size: number): Ptr;
  _free(ptr: Ptr): void;

  _lua_gettop(L: State): number;
  _lua_settop(L: State, idx: number): void;
  _lua_absindex(L: State, idx: number): number;
  _lua_pushvalue(L: State, idx: number): void;
  _lua_rotate(L: State, idx: number, n: number): void;
  _lua_checkstack(L: State, n: number): number;
  _lua_type(L: State, idx: number): number;
  _lua_toboolean(L: State, idx: number): number;
  _lua_isinteger(L: State, idx: number): number;
  _lua_tointegerx(L: State, idx: number, isnum: Ptr): bigint;
  _lua_tonumberx(L: State, idx: number, isnum: Ptr): number;
  _lua_tolstring(L: State, idx: number, len: Ptr): Ptr;
  _lua_touserdata(L: State, idx: number): Ptr;
  _lua_topointer(L: State, idx: number): Ptr;
  _lua_next(L: State, idx: number): number;
  _lua_getmetatable(L: State, idx: number): number;
  _lua_setmetatable(L: State, idx: number): number;
  _lua_rawequal(L: State, a: number, b: number): number;
  _lua_rawgeti(L: State, idx: number, n: bigint): number;
  _lua_rawget(L: State, idx: number): number;
  _lua_rawlen(L: State, idx: number): bigint | number;
  _lua_rawseti(L: State, idx: number, n: bigint): void;
  _lua_rawset(L: State, idx: number): void;
  _lua_createtable(L: State, narr: number, nrec: number): void;
  _lua_pushnil(L: State): void;
  _lua_pushboolean(L: State, b: number): void;
  _lua_pushinteger(L: State, n: bigint): void;
  _lua_pushnumber(L: State, n: number): void;
  _lua_pushlstring(L: State, s: Ptr, len: number): Ptr;
  _lua_pushlightuserdata(L: State, p: Ptr): void;
  _lua_pushcclosure(L: State, fn: Ptr, n: number): void;
  _lua_error(L: State): number;
  _lua_newthread(L: State): State;
  _lua_resume(L: State, from: State, narg: number, nres: Ptr): number;
  _lua_yieldk(L: State, nresults: number, ctx: number, k: Ptr): number;
  _lua_isyieldable(L: State): number;
  _lua_sethook(L: State, fn: Ptr, mask: number, count: number): void;
  _lua_pcallk(L: State, nargs: number, nresults: number, errfunc: number, ctx: number, k: Ptr): number;
  _luaL_loadbufferx(L: State, buf: Ptr, size: number, name: Ptr, mode: Ptr): number;
  _luaL_ref(L: State, t: number): number;
  _luaL_tolstring(L: State, idx: number, len: Ptr): Ptr;
  _luaL_getmetafield(L: State, idx: number, name: Ptr): number;
  _luaL_where(L: State, level: number): void;
  _luaL_traceback(L: State, L1: State, msg: Ptr, level: number): void;
  _lua_concat(L: State, n: number): void;
}

/** lua.h status codes. */
export const LUA_OK = 0;
export const LUA_YIELD = 1;
export const LUA_ERRRUN = 2;
export const LUA_ERRSYNTAX = 3;
export const LUA_ERRMEM = 4;

/** lua.h type tags. */
export const T_NONE = -1;
export const T_NIL = 0;
export const T_BOOLEAN = 1;
export const T_LIGHTUSERDATA = 2;
export const T_NUMBER = 3;
export const T_STRING = 4;
export const T_TABLE = 5;
export const T_FUNCTION = 6;
export const T_USERDATA = 7;
export const T_THREAD = 8;

const TYPE_NAMES = ['nil', 'boolean', 'userdata', 'number', 'string', 'table', 'function', 'userdata', 'thread'];
export function typeName(tag: number): string {
  return TYPE_NAMES[tag] ?? 'no value';
}

/** LUAI_MAXSTACK = 1e6, so LUA_REGISTRYINDEX = -1e6 - 1000. */
export const LUA_REGISTRYINDEX = -1_001_000;
export const LUA_MASKCOUNT = 8;
