/**
 * The pool's last-resort timer for a worker the CPU hook cannot stop (stuck in one C call). It
 * charges the worker thread's own CPU time when the OS gives it, so a worker that is descheduled
 * on a busy machine, or still starting, is not killed for time it never ran.
 */
import type { CpuClock } from './cpu-clock.js';

export interface Watchdog {
  cancel(): void;
}

/**
 * Calls `onOverrun` once `clock` has advanced `budgetMs` from now. The clock never runs ahead of
 * wall time, so it waits on a wall-clock timer for the budget still left and only then reads it.
 */
export function startWatchdog(clock: CpuClock, budgetMs: number, onOverrun: () => void): Watchdog {
  const start = clock();
  let timer: NodeJS.Timeout | undefined;
  const wait = (ms: number): void => {
    timer = setTimeout(() => {
      const left = budgetMs - (clock() - start);
      if (left <= 0) onOverrun();
      else wait(left);
    }, ms);
  };
  wait(budgetMs);
  return { cancel: () => clearTimeout(timer) };
}
