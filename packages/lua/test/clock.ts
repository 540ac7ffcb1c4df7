import type { RunClock, WallTimer } from '../src/run-clock.js';

/**
 * A clock for limit tests, so they do not depend on machine speed. Every wall-clock read (the CPU
 * hook reads it every 1000 instructions) is a step of work: wall time advances `wallStep` and CPU
 * time `cpuStep` (less than wallStep models a thread the OS keeps descheduling). `wait(ms)` moves
 * wall time alone, as waiting for the host does. Timers fire when wall time reaches them.
 */
export class SteppingClock implements RunClock {
  wallMs = 0;
  cpuMs = 0;
  private timers: { at: number; fire(): void }[] = [];

  constructor(private readonly wallStep = 1, private readonly cpuStep = wallStep) {}

  now(): number {
    this.wallMs += this.wallStep;
    this.cpuMs += this.cpuStep;
    this.fireDue();
    return this.wallMs;
  }

  cpu(): number {
    return this.cpuMs;
  }

  after(ms: number): WallTimer {
    let entry!: { at: number; fire(): void };
    const expired = new Promise<void>((resolve) => (entry = { at: this.wallMs + ms, fire: resolve }));
    this.timers.push(entry);
    return { expired, cancel: () => void (this.timers = this.timers.filter((t) => t !== entry)) };
  }

  wait(ms: number): void {
    this.wallMs += ms;
    this.fireDue();
  }

  private fireDue(): void {
    const due = this.timers.filter((t) => t.at <= this.wallMs);
    this.timers = this.timers.filter((t) => t.at > this.wallMs);
    for (const t of due) t.fire();
  }
}
