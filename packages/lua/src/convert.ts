/**
 * Lua <-> JSON-shaped JS values, over the raw C API.
 *
 * Policy (lua-runtime note, section 6):
 * - depth is capped at MAX_DEPTH and every level calls lua_checkstack (wasmoon's converter does
 *   neither and corrupts wasm memory at ~20 levels);
 * - strings go by length, so NUL bytes survive; invalid UTF-8 from Lua becomes U+FFFD;
 * - JS numbers become Lua integers only when Number.isSafeInteger (1e20 stays a float);
 * - JS null inside an array becomes `json.null` (lightuserdata NULL), which reads back as JSON
 *   null, so the array keeps its length and `ipairs` visits every item; an object's null field is
 *   left out of host results (so `if r.next then` is false for a null link) and is `json.null`
 *   in json.decode's tables, which must keep every key for a round trip;
 * - objects pushed into Lua (json.decode and host results alike) remember their key order (a weak
 *   table in the registry maps each to its key list), so json.encode writes them back in the order
 *   they came in;
 * - JS arrays become sequences carrying the `json.array` metatable, so `[]` survives a round trip;
 *   a Lua table is an array when its keys are 1..n (holes allowed while not too sparse) or it is
 *   empty and marked;
 * - only data crosses: functions are dropped, class instances give their own enumerable fields.
 */
import {
  LUA_REGISTRYINDEX, T_BOOLEAN, T_LIGHTUSERDATA, T_NIL, T_NONE, T_NUMBER, T_STRING, T_TABLE, typeName,
} from './vm/raw.js';
import type { State } from './vm/raw.js';
import type { Vm } from './vm/vm.js';

export const MAX_DEPTH = 200;
/** Lua -> JS only: stops `t = {t, t}` chains from expanding exponentially on the host thread. */
const MAX_VALUES = 1_000_000;

export class ConversionError extends Error {}

/** Number.MAX_SAFE_INTEGER as the BigInt the VM's 64-bit integers arrive as. */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** strict: json.encode and call arguments (unsupported values are errors). lenient: print, dump, results. */
export type ReadMode = 'strict' | 'lenient';

/**
 * How pushed data looks in Lua: `result` for host results (a null field is absent), `decoded` for
 * json.decode (a null field is json.null); array items that are null are json.null in both, and
 * both keep key order.
 */
export type PushMode = 'result' | 'decoded';

/** Registry references the converter needs: the json.array metatable and the weak table of decoded key orders. */
export interface ConverterRefs {
  arrayMetatable: number;
  keyOrder: number;
}

export class Converter {
  /**
   * @param maxReadBytes string bytes one read may copy into JS. A Lua value cannot hold more string
   * bytes than the script's memory limit unless it repeats references, which the copy expands
   * (a thousand references to a 1 MB string would be 1 GB in JS), so that limit is the natural cap.
   */
  constructor(private readonly vm: Vm, private readonly refs: ConverterRefs, private readonly maxReadBytes: number) {}

  /** Reads the Lua value at `idx` as JSON-shaped data. Never runs Lua code and never allocates in Lua. */
  read(L: State, idx: number, mode: ReadMode): unknown {
    const reader = new Reader(this.vm, L, mode, this.refs, this.maxReadBytes);
    return reader.value(this.vm.lua._lua_absindex(L, idx), 0);
  }

  /** Pushes `value` onto L. May raise a Lua memory error (longjmp); call only inside a C function. */
  push(L: State, value: unknown, mode: PushMode = 'result'): void {
    new Pusher(this.vm, L, this.refs, mode).value(value, 0);
  }

  pushArrayMetatable(L: State): void {
    this.vm.lua._lua_rawgeti(L, LUA_REGISTRYINDEX, BigInt(this.refs.arrayMetatable));
  }
}

class Reader {
  private readonly ancestors = new Set<number>();
  private count = 0;
  private bytes = 0;

  constructor(
    private readonly vm: Vm,
    private readonly L: State,
    private readonly mode: ReadMode,
    private readonly refs: ConverterRefs,
    private readonly maxBytes: number,
  ) {}

  value(idx: number, depth: number): unknown {
    if (++this.count > MAX_VALUES) throw new ConversionError(`value has more than ${MAX_VALUES} elements`);
    const { lua } = this.vm;
    const tag = lua._lua_type(this.L, idx);
    switch (tag) {
      case T_NONE:
      case T_NIL:
        return null;
      case T_BOOLEAN:
        return lua._lua_toboolean(this.L, idx) !== 0;
      case T_NUMBER:
        return this.number(idx);
      case T_STRING:
        return this.string(idx);
      case T_TABLE:
        return this.table(idx, depth + 1);
      default:
        // json.null is light userdata NULL; other light userdata are host tokens, not data.
        if (tag === T_LIGHTUSERDATA && lua._lua_touserdata(this.L, idx) === 0) return null;
        if (this.mode === 'strict') throw new ConversionError(`cannot convert a ${typeName(tag)} to JSON`);
        return `<${typeName(tag)}>`;
    }
  }

  private string(idx: number): string {
    this.bytes += this.vm.byteLength(this.L, idx);
    if (this.bytes > this.maxBytes) {
      throw new ConversionError(`value holds more than ${this.maxBytes} bytes of strings (each reference to a shared string counts again)`);
    }
    return this.vm.readString(this.L, idx);
  }

  private number(idx: number): number {
    const { lua } = this.vm;
    if (lua._lua_isinteger(this.L, idx)) {
      const integer = lua._lua_tointegerx(this.L, idx, 0);
      // Lua's integers are 64-bit; a JSON number past 2^53 would arrive as a neighbour (another id, another record).
      if (this.mode === 'strict' && (integer > MAX_EXACT || integer < -MAX_EXACT)) {
        throw new ConversionError(`the integer ${integer} is beyond what a JSON number carries exactly (±${MAX_EXACT}); pass it as a string`);
      }
      return Number(integer);
    }
    const n = lua._lua_tonumberx(this.L, idx, 0);
    if (!Number.isFinite(n) && this.mode === 'strict') throw new ConversionError(`cannot convert ${n} to JSON`);
    return n;
  }

  private table(idx: number, depth: number): unknown {
    const { lua } = this.vm;
    const L = this.L;
    if (depth > MAX_DEPTH) throw new ConversionError(`value is nested deeper than ${MAX_DEPTH} levels`);
    const id = lua._lua_topointer(L, idx);
    if (this.ancestors.has(id)) {
      if (this.mode === 'strict') throw new ConversionError('cannot convert a table that contains itself');
      return '<circular>';
    }
    if (!lua._lua_checkstack(L, 4)) throw new ConversionError('Lua stack exhausted while converting a table');
    this.ancestors.add(id);
    const keys: (string | number)[] = [];
    const values: unknown[] = [];
    let sequenceKeys = true;
    let maxIndex = 0;
    lua._lua_pushnil(L);
    while (lua._lua_next(L, idx)) {
      const keyTag = lua._lua_type(L, -2);
      if (keyTag === T_NUMBER && lua._lua_isinteger(L, -2)) {
        const k = Number(lua._lua_tointegerx(L, -2, 0));
        keys.push(k);
        if (k < 1) sequenceKeys = false;
        else if (k > maxIndex) maxIndex = k;
      } else {
        sequenceKeys = false;
        keys.push(this.key(keyTag));
      }
      values.push(this.value(lua._lua_gettop(L), depth));
      lua._lua_settop(L, -2);
    }
    this.ancestors.delete(id);
    if (keys.length === 0) return this.isMarkedArray(idx) ? [] : {};
    const order = sequenceKeys ? null : this.decodedOrder(idx);
    // Holes are kept as null while at least half the slots are used (cjson's rule, so [1,nil,3] stays an array).
    if (sequenceKeys && (maxIndex <= keys.length * 2 || maxIndex <= 10)) {
      const out: unknown[] = new Array<unknown>(maxIndex).fill(null);
      keys.forEach((k, i) => (out[(k as number) - 1] = values[i]));
      return out;
    }
    const entries = keys.map((k, i) => [String(k), values[i]] as const);
    if (order) {
      // Decoded keys first, in their order (integer-like keys would still come first in a JS object: JSON.stringify's rule).
      const rank = new Map(order.map((k, i) => [k, i]));
      entries.sort((a, b) => (rank.get(a[0]) ?? Infinity) - (rank.get(b[0]) ?? Infinity));
    }
    return Object.fromEntries(entries);
  }

  /** The key order json.decode recorded for the table at idx, or null. Reads only; allocates nothing in Lua. */
  private decodedOrder(idx: number): string[] | null {
    const { lua } = this.vm;
    const L = this.L;
    lua._lua_rawgeti(L, LUA_REGISTRYINDEX, BigInt(this.refs.keyOrder));
    lua._lua_pushvalue(L, idx);
    if (lua._lua_rawget(L, -2) !== T_TABLE) {
      lua._lua_settop(L, -3);
      return null;
    }
    const order: string[] = [];
    const n = Number(lua._lua_rawlen(L, -1));
    for (let i = 1; i <= n; i++) {
      if (lua._lua_rawgeti(L, -1, BigInt(i)) === T_STRING) order.push(this.vm.readString(L, -1));
      lua._lua_settop(L, -2);
    }
    lua._lua_settop(L, -3);
    return order;
  }

  private key(tag: number): string {
    const { lua } = this.vm;
    if (tag === T_STRING) return this.string(-2);
    if (tag === T_NUMBER) return String(lua._lua_tonumberx(this.L, -2, 0));
    if (this.mode === 'strict') throw new ConversionError(`cannot convert a table key of type ${typeName(tag)} to JSON`);
    if (tag === T_BOOLEAN) return String(lua._lua_toboolean(this.L, -2) !== 0);
    return `<${typeName(tag)}>`;
  }

  private isMarkedArray(idx: number): boolean {
    const { lua } = this.vm;
    if (!lua._lua_getmetatable(this.L, idx)) return false;
    lua._lua_rawgeti(this.L, LUA_REGISTRYINDEX, BigInt(this.refs.arrayMetatable));
    const marked = lua._lua_rawequal(this.L, -1, -2) !== 0;
    lua._lua_settop(this.L, -3);
    return marked;
  }
}

class Pusher {
  private readonly ancestors = new Set<object>();

  constructor(private readonly vm: Vm, private readonly L: State, private readonly refs: ConverterRefs, private readonly mode: PushMode) {}

  private pushNull(): void {
    if (this.mode === 'decoded') this.vm.lua._lua_pushlightuserdata(this.L, 0);
    else this.vm.lua._lua_pushnil(this.L);
  }

  value(v: unknown, depth: number): void {
    const { lua } = this.vm;
    switch (typeof v) {
      case 'boolean':
        return lua._lua_pushboolean(this.L, v ? 1 : 0);
      case 'number':
        return Number.isSafeInteger(v) ? lua._lua_pushinteger(this.L, BigInt(v)) : lua._lua_pushnumber(this.L, v);
      case 'bigint':
        return v >= -(2n ** 63n) && v < 2n ** 63n ? lua._lua_pushinteger(this.L, v) : lua._lua_pushnumber(this.L, Number(v));
      case 'string':
        return this.vm.pushString(this.L, v);
      case 'object':
        if (v === null) return this.pushNull();
        return this.object(v, depth + 1);
      default: // undefined, functions, symbols: not data
        return lua._lua_pushnil(this.L);
    }
  }

  private object(v: object, depth: number): void {
    const { lua } = this.vm;
    const L = this.L;
    if (depth > MAX_DEPTH) throw new ConversionError(`value is nested deeper than ${MAX_DEPTH} levels`);
    const json = (v as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function') return this.value(json.call(v), depth - 1);
    if (this.ancestors.has(v)) throw new ConversionError('cannot convert an object that contains itself');
    if (!lua._lua_checkstack(L, 4)) throw new ConversionError('Lua stack exhausted while converting an object');
    this.ancestors.add(v);
    if (Array.isArray(v)) {
      lua._lua_createtable(L, v.length, 0);
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        // A hole would end `ipairs` and make `#` undefined: an array's null keeps its place as json.null.
        if (item === null) lua._lua_pushlightuserdata(L, 0);
        else if (item === undefined) continue;
        else this.value(item, depth);
        lua._lua_rawseti(L, -2, BigInt(i + 1));
      }
      lua._lua_rawgeti(L, LUA_REGISTRYINDEX, BigInt(this.refs.arrayMetatable));
      lua._lua_setmetatable(L, -2);
    } else {
      const keys = Object.keys(v);
      lua._lua_createtable(L, 0, keys.length);
      const kept: string[] = [];
      for (const key of keys) {
        const item: unknown = (v as Record<string, unknown>)[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol' || (item === null && this.mode === 'result')) continue;
        this.vm.pushString(L, key);
        this.value(item, depth);
        lua._lua_rawset(L, -3);
        kept.push(key);
      }
      // Results remember their order as decoded data does, so dump and json.encode show a
      // provider's object in the order the provider sent it.
      if (kept.length > 1) this.recordOrder(kept);
    }
    this.ancestors.delete(v);
  }

  /** keyOrder[table on top] = {keys...}; the table is weakly keyed, so the list goes when the object does. */
  private recordOrder(keys: string[]): void {
    const { lua } = this.vm;
    const L = this.L;
    lua._lua_rawgeti(L, LUA_REGISTRYINDEX, BigInt(this.refs.keyOrder));
    lua._lua_pushvalue(L, -2);
    lua._lua_createtable(L, keys.length, 0);
    keys.forEach((key, i) => {
      this.vm.pushString(L, key);
      lua._lua_rawseti(L, -2, BigInt(i + 1));
    });
    lua._lua_rawset(L, -3);
    lua._lua_settop(L, -2);
  }
}
