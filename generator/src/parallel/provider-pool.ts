import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { PhaseTiming } from '../phase-clock.js';
import type { ProviderWork, WorkInput } from './provider-work.js';

/** What each worker is started with: the count it bumps after every reply, and its port for replies. */
export interface PoolSetup {
  state: SharedArrayBuffer;
  reply: MessagePort;
}

/** One provider to load and emit; a worker never gets a cached model (those are done in the pipeline's thread). */
export interface PoolJob {
  index: number;
  input: Omit<WorkInput, 'cached'>;
}

export type PoolReply = { index: number; work: ProviderWork; timings: PhaseTiming[] } | { index: number; error: { message: string; stack?: string } };

/**
 * The worker's compiled file. The same relative URL leads there from `src/parallel` (tests run the
 * generator from its TypeScript source, with dist/ built by their global setup) and from
 * `dist/parallel`, so the worker always runs compiled code.
 */
const WORKER_FILE = new URL('../../dist/parallel/provider-worker.js', import.meta.url);

/** How long every worker may go without finishing anything before the run fails instead of waiting forever (a worker that ran out of memory never answers). */
const STALLED_MS = 300_000;

interface Slot {
  worker: Worker;
  port: MessagePort;
  outstanding: number;
}

/**
 * Worker threads that load and emit providers (`workOnProvider` with the default emitters) while
 * the pipeline's thread compares, stages and writes what came before. `generate` stays synchronous:
 * `take` blocks until the job asked for is done, waiting on a shared counter the workers bump after
 * each reply (`Atomics.wait`) and reading replies with `receiveMessageOnPort`. Replies may come in
 * any order; the pipeline takes them in catalog order, so the output does not depend on which
 * worker was faster.
 */
export class ProviderPool {
  private readonly state = new Int32Array(new SharedArrayBuffer(4));
  private readonly slots: Slot[] = [];
  private readonly arrived = new Map<number, PoolReply>();
  private readonly owners = new Map<number, Slot>();
  /** A worker that could not start (it replies once, with index -1): every later `take` fails with it. */
  private fatal: Error | null = null;

  /** A pool of `size` workers, or null when there is no compiled worker to start (a source tree never built). */
  static start(size: number): ProviderPool | null {
    if (size < 1 || !existsSync(fileURLToPath(WORKER_FILE))) return null;
    return new ProviderPool(size);
  }

  private constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const channel = new MessageChannel();
      const setup: PoolSetup = { state: this.state.buffer as SharedArrayBuffer, reply: channel.port2 };
      const worker = new Worker(WORKER_FILE, { workerData: setup, transferList: [channel.port2] });
      // Never what keeps the process alive: every run closes its pool before it returns.
      worker.unref();
      this.slots.push({ worker, port: channel.port1, outstanding: 0 });
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Hand job `index` to the least busy worker. */
  submit(index: number, input: PoolJob['input']): void {
    const slot = this.slots.reduce((least, s) => (s.outstanding < least.outstanding ? s : least));
    slot.outstanding++;
    this.owners.set(index, slot);
    const job: PoolJob = { index, input };
    slot.worker.postMessage(job);
  }

  /** Job `index`'s work and the worker's phase timings, once done; a job that threw throws here. */
  take(index: number): { work: ProviderWork; timings: PhaseTiming[] } {
    if (!this.owners.has(index) && !this.arrived.has(index)) throw new Error(`provider job ${index} was never submitted`);
    let progressAt = Date.now();
    for (;;) {
      const seen = Atomics.load(this.state, 0);
      if (this.drain()) progressAt = Date.now();
      if (this.fatal) throw this.fatal;
      const reply = this.arrived.get(index);
      if (reply) {
        this.arrived.delete(index);
        if ('error' in reply) throw Object.assign(new Error(reply.error.message), reply.error.stack ? { stack: reply.error.stack } : {});
        return reply;
      }
      if (Date.now() - progressAt > STALLED_MS) throw new Error(`no generator worker thread has finished a provider for ${STALLED_MS / 1000} s; run with --jobs 1 to generate in one thread`);
      Atomics.wait(this.state, 0, seen, 1000);
    }
  }

  /** Whether any reply came. */
  private drain(): boolean {
    let any = false;
    for (const slot of this.slots) {
      for (let message = receiveMessageOnPort(slot.port); message; message = receiveMessageOnPort(slot.port)) {
        const reply = message.message as PoolReply;
        any = true;
        if (reply.index === -1) {
          this.fatal ??= new Error('error' in reply ? reply.error.message : 'a generator worker thread could not start');
          continue;
        }
        this.owners.delete(reply.index);
        slot.outstanding--;
        this.arrived.set(reply.index, reply);
      }
    }
    return any;
  }

  close(): void {
    for (const slot of this.slots) {
      void slot.worker.terminate();
      slot.port.close();
    }
    this.slots.length = 0;
  }
}
