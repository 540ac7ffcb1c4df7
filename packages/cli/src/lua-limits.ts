import { UsageError } from './io.js';

/**
 * `--memory-limit` bounds. Below about 40 KB the Lua VM cannot even load its prelude (it aborts
 * inside wasm), so the floor leaves a script room to run; the ceiling is what 32-bit wasm memory
 * can address.
 */
export const MEMORY_LIMIT_BYTES = { min: 1024 * 1024, max: 4 * 1024 * 1024 * 1024 } as const;

/**
 * `--cpu-limit` bounds, in seconds. Timers cannot count past 2^31 - 1 ms (a larger delay fires at
 * once), and a limit of an hour is already far beyond any agent script.
 */
export const CPU_LIMIT_SECONDS = { min: 0.001, max: 3600 } as const;

/** A numeric flag's text as a finite number within [min, max], or a usage error naming the flag. */
function boundedNumber(flag: string, raw: string, unit: string, bounds: { min: number; max: number }): number {
  // Number('') is 0 and Number(' 5 ') is 5: accept plain decimal or exponent notation only.
  const value = /^\s*[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?\s*$/i.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    throw new UsageError(`${flag} takes a number of ${unit} from ${bounds.min} to ${bounds.max}, not '${raw}'.`);
  }
  return value;
}

export function parseMemoryLimit(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : Math.floor(boundedNumber('--memory-limit', raw, 'bytes', MEMORY_LIMIT_BYTES));
}

export function parseCpuLimit(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : boundedNumber('--cpu-limit', raw, 'seconds', CPU_LIMIT_SECONDS);
}
