import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { PhaseTiming } from '../phase-clock.js';
import type { ProviderWork, WorkInput } from './provider-work.js';

/** A provider job as a worker gets it; a worker never gets a cached model (those are done in the pipeline's thread). */
export type JobInput = Omit<WorkInput, 'cached'>;

/**
 * What each worker is started with: every job of the run, the shared claim and control words, and
 * its port for replies. `claims[k]` is FREE until someone takes job k; `control` holds the run's
 * state (see the indexes below).
 */
export interface PoolSetup {
  /** The module that does the work (a URL); tests name one that fails to load. Default: `worker-loop.js` beside the entry file. */
  loop?: string;
  jobs: JobInput[];
  claims: SharedArrayBuffer;
  control: SharedArrayBuffer;
  reply: MessagePort;
}

export type PoolReply = { index: number; work: ProviderWork; timings: PhaseTiming[] } | { index: number; error: { message: string; stack?: string } };

/** A worker's answer: posted on its port, then counted, so the pipeline's wait on the count wakes. */
export function postReply(setup: PoolSetup, reply: PoolReply, transfer: ArrayBuffer[] = []): void {
  setup.reply.postMessage(reply, transfer);
  const control = new Int32Array(setup.control);
  Atomics.add(control, REPLIES, 1);
  Atomics.notify(control, REPLIES);
}

/** An error as a reply carries it: what a thrown value says, and where, when it has a stack. */
export const errorReply = (index: number, error: unknown, prefix = ''): PoolReply => ({
  index,
  error: { message: `${prefix}${error instanceof Error ? error.message : String(error)}`, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) },
});

/** `claims[k]`: nobody has job k yet, a worker has it, or the pipeline's thread does. */
export const FREE = 0;
export const BY_WORKER = 1;
export const BY_PIPELINE = 2;
/** `control[REPLIES]` counts replies posted; `control[LIMIT]` is the last job a worker may take; `control[CLOSED]` is 1 once the run is over. */
export const REPLIES = 0;
export const LIMIT = 1;
export const CLOSED = 2;
/** The first job a worker may take: the pipeline's thread has reached it. */
export const NEXT = 3;

/**
 * The worker's compiled file. The same relative URL leads there from `src/parallel` (tests run the
 * generator from its TypeScript source, with dist/ built by their global setup) and from
 * `dist/parallel`, so the worker always runs compiled code.
 */
const WORKER_FILE = new URL('../../dist/parallel/provider-worker.js', import.meta.url);

/**
 * The process's Node options for the workers, without `--input-type`: a process started with
 * `node --input-type=module -e …` may run the generator, but a worker started from a file with that
 * option refuses to start (ERR_INPUT_TYPE_NOT_ALLOWED).
 */
function workerExecArgv(): string[] {
  const kept: string[] = [];
  const given = process.execArgv;
  for (let i = 0; i < given.length; i++) {
    if (given[i] === '--input-type') i++;
    else if (!given[i]!.startsWith('--input-type=')) kept.push(given[i]!);
  }
  return kept;
}

/** How long every worker may go without finishing anything before the run fails instead of waiting forever (a worker that ran out of memory never answers). */
const STALLED_MS = 300_000;

/** Jobs a worker may take beyond the one the pipeline's thread is at, per worker: enough to keep each busy, few enough to bound what waits in memory. */
const WINDOW_PER_WORKER = 3;

/**
 * Worker threads that load and emit providers (`workOnProvider` with the default emitters) beside
 * the pipeline's thread, which takes the jobs in catalog order and does each one no worker has
 * taken itself. A job is claimed once, by whoever gets to it first (a compare-and-swap on a shared
 * word): the pipeline's thread from the front, each worker from the far end of a window ahead of
 * it, so the pipeline rarely meets a job still in progress, and a slower or busier thread simply
 * does fewer. `generate` stays synchronous: `take` blocks until a worker's job is done, waiting on a
 * shared counter the workers bump after each reply (`Atomics.wait`) and reading replies with
 * `receiveMessageOnPort`. The output does not depend on who did which job.
 */
export class ProviderPool {
  private readonly claims: Int32Array;
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * 4));
  private readonly window: number;
  private readonly workers: Array<{ worker: Worker; port: MessagePort }> = [];
  private readonly arrived = new Map<number, PoolReply>();
  /** A worker that could not start (it replies once, with index -1): every later `take` fails with it. */
  private fatal: Error | null = null;

  /**
   * `size` workers for `jobs`, or null when there is no compiled worker to start (a source tree never built).
   * @param shares false: the pipeline's thread takes no job itself, so every job is a worker's (tests)
   * @param loop the workers' work module, for tests of a worker that cannot start
   */
  static start(size: number, jobs: JobInput[], shares = true, loop?: string): ProviderPool | null {
    if (size < 1 || !existsSync(fileURLToPath(WORKER_FILE))) return null;
    return new ProviderPool(size, jobs, shares, loop);
  }

  private constructor(size: number, jobs: JobInput[], private readonly shares: boolean, loop: string | undefined) {
    this.claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, jobs.length)));
    this.window = WINDOW_PER_WORKER * size;
    Atomics.store(this.control, LIMIT, Math.min(jobs.length - 1, this.window));
    for (let i = 0; i < size; i++) {
      const channel = new MessageChannel();
      const setup: PoolSetup = { ...(loop ? { loop } : {}), jobs, claims: this.claims.buffer as SharedArrayBuffer, control: this.control.buffer as SharedArrayBuffer, reply: channel.port2 };
      const worker = new Worker(WORKER_FILE, { workerData: setup, transferList: [channel.port2], execArgv: workerExecArgv() });
      // Never what keeps the process alive: every run closes its pool before it returns.
      worker.unref();
      // A worker that fails before its loop runs reports it only as this event, delivered after the
      // synchronous run has returned (its jobs were this thread's): kept, never an uncaught crash of the host.
      worker.on('error', (error) => {
        this.fatal ??= error;
      });
      this.workers.push({ worker, port: channel.port1 });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Job `k` for the pipeline's thread, in order: true when it is this thread's to do (no worker had
   * taken it), false when a worker has it (then `take` it). Either way the window moves on past it.
   */
  claim(k: number): boolean {
    const mine = this.shares && Atomics.compareExchange(this.claims, k, FREE, BY_PIPELINE) === FREE;
    // A job left to the workers must stay within their reach until one takes it.
    Atomics.store(this.control, NEXT, mine ? k + 1 : k);
    Atomics.store(this.control, LIMIT, Math.min(this.claims.length - 1, k + 1 + this.window));
    Atomics.notify(this.control, LIMIT);
    return mine;
  }

  /** Job `k`'s work and the worker's phase timings, once done; a job that threw throws here. */
  take(k: number): { work: ProviderWork; timings: PhaseTiming[] } {
    let progressAt = Date.now();
    for (;;) {
      const seen = Atomics.load(this.control, REPLIES);
      if (this.drain()) progressAt = Date.now();
      if (this.fatal) throw this.fatal;
      const reply = this.arrived.get(k);
      if (reply) {
        this.arrived.delete(k);
        if ('error' in reply) throw Object.assign(new Error(reply.error.message), reply.error.stack ? { stack: reply.error.stack } : {});
        return reply;
      }
      if (Date.now() - progressAt > STALLED_MS) throw new Error(`no generator worker thread has finished a provider for ${STALLED_MS / 1000} s; run with --jobs 1 to generate in one thread`);
      Atomics.wait(this.control, REPLIES, seen, 1000);
    }
  }

  /** Whether any reply came. */
  private drain(): boolean {
    let any = false;
    for (const { port } of this.workers) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const reply = message.message as PoolReply;
        any = true;
        if (reply.index === -1) this.fatal ??= new Error('error' in reply ? reply.error.message : 'a generator worker thread could not start');
        else this.arrived.set(reply.index, reply);
      }
    }
    return any;
  }

  close(): void {
    Atomics.store(this.control, CLOSED, 1);
    Atomics.notify(this.control, LIMIT);
    for (const { worker, port } of this.workers) {
      void worker.terminate();
      port.close();
    }
    this.workers.length = 0;
  }
}
