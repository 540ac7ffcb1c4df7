/**
 * Attempt deadlines kept by one timer for all of them: an attempt costs a set entry instead of a
 * timer of its own. The timer is armed for the earliest deadline in flight; when it fires, every
 * attempt past its deadline is interrupted and the timer is armed again for the earliest left.
 * Attempts of one client share a timeout, so their deadlines come in order and the timer is set
 * once per timeout period, not once per attempt.
 *
 * Time is `performance.now()`, which a change of the wall clock cannot move. The timer does not
 * keep the process alive by itself (the attempt's socket does), like the socket timeout it replaces.
 */

/** One attempt's entry: what `remove` takes back once the attempt has ended. */
export interface Expiring {
  readonly at: number;
  readonly expire: (why: 'timeout') => void;
}

export class Deadlines {
  private readonly pending = new Set<Expiring>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the armed timer fires; Infinity when none is armed. */
  private timerAt = Infinity;
  /** The `setTimeout` that armed it: a test framework that swaps the timer functions (fake timers) drops the timers made with the old ones. */
  private armedWith: typeof setTimeout | undefined;

  /** Calls `expire('timeout')` once `ms` milliseconds have passed, unless `remove` came first. */
  add(ms: number, expire: (why: 'timeout') => void): Expiring {
    const entry: Expiring = { at: performance.now() + ms, expire };
    this.pending.add(entry);
    if (entry.at < this.timerAt) this.arm(entry.at);
    else if (this.armedWith !== globalThis.setTimeout) this.arm(this.timerAt);
    return entry;
  }

  /** The attempt ended: its deadline no longer matters. The timer stays; it finds nothing to do or re-arms for the next. */
  remove(entry: Expiring): void {
    this.pending.delete(entry);
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.armedWith = globalThis.setTimeout;
    // Node timers may fire a fraction of a millisecond before `performance.now()` reaches `at`:
    // such an entry is simply found on the next sweep, 1 ms later.
    this.timer = setTimeout(() => this.sweep(), Math.max(1, Math.ceil(at - performance.now())));
    (this.timer as { unref?: () => void }).unref?.();
  }

  private sweep(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = performance.now();
    const due: Expiring[] = [];
    let next = Infinity;
    for (const entry of this.pending) {
      if (entry.at <= now) due.push(entry);
      else if (entry.at < next) next = entry.at;
    }
    for (const entry of due) this.pending.delete(entry);
    if (next !== Infinity) this.arm(next);
    // After re-arming, so an `expire` that throws cannot leave the others without a timer.
    for (const entry of due) entry.expire('timeout');
  }
}
