/**
 * Where a run reads time. The CPU limit is charged in CPU time of the running thread (so a loaded
 * machine that deschedules the script does not spend its budget), the wall-clock limit in wall
 * time. Tests inject a clock of their own, so no test depends on how fast the machine is.
 */
import { ownThreadCpuClock } from './cpu-clock.js';

export interface WallTimer {
  expired: Promise<void>;
  cancel(): void;
}

export interface RunClock {
  /** Monotonic wall-clock time in ms. */
  now(): number;
  /** CPU time this thread has used, in ms. Must never advance faster than now(). */
  cpu(): number;
  /** Resolves `expired` once `ms` of wall-clock time have passed. */
  after(ms: number): WallTimer;
}

function realTimer(ms: number): WallTimer {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, ms));
  });
  return { expired, cancel: () => clearTimeout(timer) };
}

let system: RunClock | undefined;

/** Wall time from performance.now(); CPU time from the thread's schedstat, or wall time where the OS has none. */
export function systemClock(): RunClock {
  if (!system) {
    const now = () => performance.now();
    system = { now, cpu: ownThreadCpuClock() ?? now, after: realTimer };
  }
  return system;
}
