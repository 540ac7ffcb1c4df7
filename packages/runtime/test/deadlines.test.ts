/**
 * The one timer that keeps the Node transport's attempt deadlines: every attempt
 * must end at its own deadline, whatever order the deadlines come in, and never
 * after it has been taken back.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { Deadlines } from '../src/deadlines.js';

const realSetTimeout = globalThis.setTimeout;
afterEach(() => {
  globalThis.setTimeout = realSetTimeout;
});

function expiry(deadlines: Deadlines, ms: number): { expired: Promise<number>; entry: ReturnType<Deadlines['add']> } {
  let done: (at: number) => void = () => {};
  const expired = new Promise<number>((resolve) => (done = resolve));
  const entry = deadlines.add(ms, () => done(performance.now()));
  return { expired, entry };
}

describe('deadlines', () => {
  it('a shorter deadline added after a longer one still ends first, at its own time', async () => {
    const deadlines = new Deadlines();
    const started = performance.now();
    const long = expiry(deadlines, 60_000);
    const short = expiry(deadlines, 30);
    const at = await short.expired;
    expect(at - started).toBeGreaterThanOrEqual(29);
    // The long one is still pending: taken back, it never fires.
    deadlines.remove(long.entry);
  });

  it('expires every deadline in flight, each once, in order', async () => {
    const deadlines = new Deadlines();
    const fired: number[] = [];
    const all = [40, 10, 25].map((ms) => expiry(deadlines, ms).expired.then(() => fired.push(ms)));
    await Promise.all(all);
    expect(fired).toEqual([10, 25, 40]);
  });

  it('a deadline taken back does not fire', async () => {
    const deadlines = new Deadlines();
    let fired = false;
    const entry = deadlines.add(10, () => (fired = true));
    deadlines.remove(entry);
    const later = expiry(deadlines, 40);
    await later.expired;
    expect(fired).toBe(false);
  });

  it('a timer armed with timer functions that were swapped out since (fake timers) is armed again', async () => {
    const deadlines = new Deadlines();
    // A fake setTimeout whose timers never fire, as after a test framework restores the real ones.
    globalThis.setTimeout = (() => ({ unref() {} })) as unknown as typeof setTimeout;
    const stale = deadlines.add(20, () => {});
    globalThis.setTimeout = realSetTimeout;
    const later = expiry(deadlines, 30);
    await later.expired;
    deadlines.remove(stale);
  });
});
