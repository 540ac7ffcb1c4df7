/** Time spent in one named phase of a run, summed over every provider. */
export interface PhaseTiming {
  phase: string;
  ms: number;
}

/**
 * Phases interleave when providers stream through one at a time (load one, emit it, compare it),
 * so each phase's time is summed across providers; phases are listed in the order first entered.
 */
export class PhaseClock {
  private readonly totals = new Map<string, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  time<T>(phase: string, work: () => T): T {
    const start = this.now();
    try {
      return work();
    } finally {
      this.totals.set(phase, (this.totals.get(phase) ?? 0) + this.now() - start);
    }
  }

  /** Time spent in `phase` elsewhere (a worker thread's), added to this clock's. */
  add(phase: string, ms: number): void {
    this.totals.set(phase, (this.totals.get(phase) ?? 0) + ms);
  }

  timings(): PhaseTiming[] {
    return [...this.totals].map(([phase, ms]) => ({ phase, ms }));
  }
}
