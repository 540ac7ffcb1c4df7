import { LuaFactory } from 'wasmoon';
import type { LuaEngine } from 'wasmoon';
import type { Ptr, RawLua, State } from './raw.js';

const encoder = new TextEncoder();
// Non-fatal: invalid UTF-8 from Lua becomes U+FFFD instead of throwing (or, as wasmoon does, warning on the console).
const decoder = new TextDecoder('utf-8');

/** Strings up to this many UTF-8 bytes are staged in one reusable buffer instead of a malloc each. */
const SCRATCH_BYTES = 64 * 1024;

/**
 * The wasm heap only grows (lua-runtime note 2.2). Once a factory's heap passes this mark it is
 * retired: runs already on it finish, new runs get a fresh factory, and the old heap is freed by GC.
 */
const HEAP_HIGH_WATER_BYTES = 256 * 1024 * 1024;

/**
 * One wasm instance (one LuaFactory) and the helpers that talk to its raw exports.
 * Many engines (one per run) share it.
 */
export class Vm {
  readonly lua: RawLua;
  /** An int-sized slot for out-parameters (string lengths, resume result counts). */
  readonly outPtr: Ptr;
  private readonly scratch: Ptr;
  private readonly cStrings = new Map<string, Ptr>();
  private readonly memo = new Map<string, unknown>();

  private constructor(readonly factory: LuaFactory, lua: RawLua) {
    this.lua = lua;
    this.outPtr = lua._malloc(8);
    this.scratch = lua._malloc(SCRATCH_BYTES);
  }

  static async create(): Promise<Vm> {
    const factory = new LuaFactory();
    const wasm = await factory.getLuaModule();
    return new Vm(factory, wasm.module as unknown as RawLua);
  }

  /**
   * Proxies off: with wasmoon's default a class instance reaches Lua as a proxy and
   * `obj.constructor.constructor("...")()` runs host JS. We never use wasmoon's conversion,
   * and this keeps it closed even if something did.
   */
  createEngine(): Promise<LuaEngine> {
    return this.factory.createEngine({ enableProxy: false, injectObjects: false, traceAllocations: true });
  }

  heapBytes(): number {
    return this.lua.HEAPU8.length;
  }

  get overHighWater(): boolean {
    return this.heapBytes() > HEAP_HIGH_WATER_BYTES;
  }

  /** A NUL-terminated copy of `s` that lives as long as the Vm (for chunk names, field names). */
  cString(s: string): Ptr {
    let ptr = this.cStrings.get(s);
    if (ptr === undefined) {
      const bytes = encoder.encode(s);
      ptr = this.lua._malloc(bytes.length + 1);
      this.lua.HEAPU8.set(bytes, ptr);
      this.lua.HEAPU8[ptr + bytes.length] = 0;
      this.cStrings.set(s, ptr);
    }
    return ptr;
  }

  /** Per-Vm singletons (function pointers registered once per wasm instance). */
  once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  /** Pushes `s` as a Lua string with an explicit length, so embedded NULs survive. */
  pushString(L: State, s: string): void {
    const max = s.length * 3;
    if (max <= SCRATCH_BYTES) {
      const { written } = encoder.encodeInto(s, this.lua.HEAPU8.subarray(this.scratch, this.scratch + max));
      this.lua._lua_pushlstring(L, this.scratch, written);
      return;
    }
    this.pushBytes(L, encoder.encode(s));
  }

  pushBytes(L: State, bytes: Uint8Array): void {
    const ptr = this.lua._malloc(bytes.length || 1);
    if (!ptr) throw new RangeError(`cannot allocate ${bytes.length} bytes for a string`);
    // try/finally also runs when a Lua memory error longjmps out of pushlstring (emscripten throws through JS).
    try {
      this.lua.HEAPU8.set(bytes, ptr);
      this.lua._lua_pushlstring(L, ptr, bytes.length);
    } finally {
      this.lua._free(ptr);
    }
  }

  /** The string at `idx`, read with its length. Only call on values of type string (tolstring converts numbers in place). */
  readString(L: State, idx: number): string {
    const ptr = this.lua._lua_tolstring(L, idx, this.outPtr);
    return this.decode(ptr, this.lua.HEAPU32[this.outPtr >> 2] ?? 0);
  }

  /** The length in bytes of the string at `idx` (only call on values of type string), without copying it. */
  byteLength(L: State, idx: number): number {
    this.lua._lua_tolstring(L, idx, this.outPtr);
    return this.lua.HEAPU32[this.outPtr >> 2] ?? 0;
  }

  /** `tostring(v)` as Lua's print would show it (honours __tostring and __name). Pops nothing. */
  toDisplayString(L: State, idx: number): string {
    const ptr = this.lua._luaL_tolstring(L, idx, this.outPtr);
    const s = this.decode(ptr, this.lua.HEAPU32[this.outPtr >> 2] ?? 0);
    this.lua._lua_settop(L, -2);
    return s;
  }

  /** Loads UTF-8 source as a text-only chunk (never bytecode). Returns the Lua status. */
  load(L: State, source: string, chunkName: string): number {
    const bytes = encoder.encode(source);
    const ptr = this.lua._malloc(bytes.length || 1);
    try {
      this.lua.HEAPU8.set(bytes, ptr);
      return this.lua._luaL_loadbufferx(L, ptr, bytes.length, this.cString(chunkName), this.cString('t'));
    } finally {
      this.lua._free(ptr);
    }
  }

  private decode(ptr: Ptr, len: number): string {
    return decoder.decode(this.lua.HEAPU8.subarray(ptr, ptr + len));
  }
}

let current: Promise<Vm> | undefined;

/** The shared Vm of this thread, replaced once it passes the heap high-water mark. */
export function acquireVm(): Promise<Vm> {
  current ??= Vm.create().catch((err: unknown) => {
    current = undefined;
    throw err;
  });
  return current;
}

export function releaseVm(vm: Vm): void {
  if (vm.overHighWater && current) {
    void current.then((v) => {
      if (v === vm) current = undefined;
    });
  }
}
