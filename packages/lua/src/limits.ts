/**
 * Checking the limits a caller passes, so a bad one fails up front with the option named instead
 * of deep inside the run: `memoryBytes: 1` made wasmoon abort ("Aborted(native code called
 * abort())") while building the engine, and a time over 2^31-1 ms makes Node's setTimeout fire at
 * once, which would kill every script straight away.
 */
import { DEFAULT_LIMITS } from './types.js';
import type { LuaLimits } from './types.js';

/** Below this the engine and prelude (about 40 KiB) leave a script too little to do anything useful. */
export const MIN_MEMORY_BYTES = 256 * 1024;
/** The wasm heap all engines of a thread share cannot grow past 2 GiB. */
export const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;
/** Node's timers take at most 2^31-1 ms; larger delays fire immediately. */
export const MAX_TIME_MS = 2 ** 31 - 1;
/** A JS string cannot hold much more than 512 MiB, and the output is one string. */
export const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

interface Bound {
  unit: 'bytes' | 'ms';
  min: number;
  max: number;
  whole: boolean;
}

const BOUNDS: Record<keyof LuaLimits, Bound> = {
  memoryBytes: { unit: 'bytes', min: MIN_MEMORY_BYTES, max: MAX_MEMORY_BYTES, whole: true },
  cpuMs: { unit: 'ms', min: Number.MIN_VALUE, max: MAX_TIME_MS, whole: false },
  wallMs: { unit: 'ms', min: Number.MIN_VALUE, max: MAX_TIME_MS, whole: false },
  outputBytes: { unit: 'bytes', min: 1, max: MAX_OUTPUT_BYTES, whole: true },
};

/** A limit out of range. `option` names the LuaLimits field, so a CLI can name its own flag instead. */
export class LuaLimitError extends RangeError {
  constructor(readonly option: keyof LuaLimits, readonly value: unknown, readonly expected: string) {
    super(`LuaLimits.${option} must be ${expected}, got ${String(value)}`);
    this.name = 'LuaLimitError';
  }
}

/** What a limit must be, in words, e.g. "a whole number of bytes from 262144 to 1073741824". */
export function describeLimit(option: keyof LuaLimits): string {
  const b = BOUNDS[option];
  const kind = b.whole ? `a whole number of ${b.unit}` : `a positive number of ${b.unit}`;
  return b.min > 1 ? `${kind} from ${b.min} to ${b.max}` : `${kind}, at most ${b.max}`;
}

/** The defaults with `limits` applied; throws LuaLimitError for the first value out of range. */
export function validateLimits(limits: Partial<LuaLimits> = {}): LuaLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const option of Object.keys(BOUNDS) as (keyof LuaLimits)[]) {
    const value: unknown = limits[option];
    if (value === undefined) continue;
    const b = BOUNDS[option];
    const ok = typeof value === 'number' && Number.isFinite(value) && value > 0 && value >= b.min && value <= b.max
      && (!b.whole || Number.isInteger(value));
    if (!ok) throw new LuaLimitError(option, value, describeLimit(option));
    out[option] = value;
  }
  return out;
}
