/**
 * The thread CPU clock the CPU limit is charged by: read through a kept-open descriptor, it must
 * agree with a fresh read of the same procfs file and advance as the thread works.
 */

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownThreadCpuClock } from '../src/cpu-clock.js';

const SCHEDSTAT = '/proc/thread-self/schedstat';
const freshRead = () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ', 1)[0]) / 1e6;

describe.runIf(existsSync(SCHEDSTAT))('ownThreadCpuClock (Linux schedstat)', () => {
  it('agrees with a fresh read of the file, and advances while the thread computes', () => {
    const clock = ownThreadCpuClock()!;
    expect(clock).toBeTypeOf('function');
    const before = freshRead();
    const first = clock();
    const after = freshRead();
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThanOrEqual(after);
    // Work until the clock moves (schedstat advances in scheduler ticks), bounded so it stops.
    let spins = 0;
    let x = 0;
    // At least once: the clock may already have moved since it was read, and x must still count work done.
    do for (let i = 0; i < 1e5; i++, spins++) x += Math.sqrt(i);
    while (clock() === first && spins < 1e9);
    expect(x).toBeGreaterThan(0);
    expect(clock()).toBeGreaterThan(first);
  });
});
