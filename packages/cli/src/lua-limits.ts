import { MAX_MEMORY_BYTES, MIN_MEMORY_BYTES } from '@switchboard/lua';
import { UsageError } from './io.js';

/**
 * `--memory-limit` bounds: the Lua host's own (below its floor the VM cannot load its prelude),
 * so a value the flag accepts is never refused later by the host with a stack trace.
 */
export const MEMORY_LIMIT_BYTES = { min: MIN_MEMORY_BYTES, max: MAX_MEMORY_BYTES } as const;

/**
 * `--cpu-limit` bounds, in seconds. The host's timers cannot count past 2^31 - 1 ms (a larger
 * delay fires at once), and a limit of an hour is already far beyond any agent script.
 */
export const CPU_LIMIT_SECONDS = { min: 0.001, max: 3600 } as const;

/** A numeric flag's text as a finite number within [min, max], or a usage error naming the flag. */
function boundedNumber(flag: string, raw: string, unit: string, bounds: { min: number; max: number }): number {
  // Number('') is 0 and Number(' 5 ') is 5: accept plain decimal or exponent notation only.
  const value = /^\s*[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?\s*$/i.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    throw new UsageError(`${flag} takes a number of ${unit} from ${bounds.min} to ${bounds.max}, not '${raw}'.`, { code: 'invalid_option_value' });
  }
  return value;
}

export function parseMemoryLimit(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : Math.floor(boundedNumber('--memory-limit', raw, 'bytes', MEMORY_LIMIT_BYTES));
}

export function parseCpuLimit(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : boundedNumber('--cpu-limit', raw, 'seconds', CPU_LIMIT_SECONDS);
}
