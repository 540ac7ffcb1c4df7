import { mkdirSync, writeFileSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * Files written for one run: the first few in the calling thread, the rest on a thread of its own,
 * so creating thousands of them (most of a fresh run's write time is the kernel creating files, not
 * our code) overlaps with emitting the next provider instead of following it. A run that writes a
 * few files (an edit) never pays for starting the thread. `generate` stays synchronous: `flush`
 * blocks until every write handed over so far is done.
 *
 * Jobs are done in the order given, so a directory made with `mkdir` exists for the writes after it.
 * A failure is sticky: every later `flush` reports it, whoever asks, and later jobs are skipped.
 */
export class FileWrites {
  private thread: WriterThread | null = null;
  private directWrites = 0;
  private created: string[] = [];
  private failure: Error | null = null;

  /**
   * @param directFirst how many files are written in the calling thread before the writer thread starts
   * @param threadOptions the thread's code and how long it may do nothing before it counts as dead (tests replace them)
   */
  constructor(
    private readonly directFirst = DIRECT_FILES,
    private readonly threadOptions: ThreadOptions = {},
  ) {}

  write(path: string, contents: string | Uint8Array): void {
    if (this.thread === null && this.directWrites < this.directFirst) {
      this.directWrites++;
      writeFileSync(path, contents);
      return;
    }
    (this.thread ??= new WriterThread(this.threadOptions)).write(path, contents);
  }

  /** Make `dir` and its missing parents; the topmost one it created is in `takeCreated` once flushed. */
  mkdir(dir: string): void {
    if (this.thread) return this.thread.mkdir(dir);
    const made = mkdirSync(dir, { recursive: true });
    if (made !== undefined) this.created.push(made);
  }

  /** Wait for every job so far; the first failure of this run, if any. */
  flush(): Error | null {
    if (this.thread) {
      const flushed = this.thread.flush();
      this.created.push(...flushed.created);
      this.failure ??= flushed.failure;
    }
    return this.failure;
  }

  /** The directories `mkdir` created up to the last flush (each reported once). */
  takeCreated(): string[] {
    const created = this.created;
    this.created = [];
    return created;
  }

  /** Flush, then stop the thread. */
  close(): Error | null {
    const failure = this.flush();
    this.thread?.stop();
    this.thread = null;
    return failure;
  }
}

/** Files staged in the calling thread before the rest go to the writer thread. */
const DIRECT_FILES = 64;

interface Flushed {
  created: string[];
  failure: Error | null;
}

/*
 * The thread's code, plain JavaScript evaluated as is: the generator runs both compiled (dist/) and
 * from TypeScript source (tests), and a worker file of its own would exist in only one of them.
 * State, shared with the calling thread: [0] jobs done, [1] bytes still queued.
 */
const THREAD_CODE = `
// Loaded with import(), which both module types have: a process started with --input-type=module
// (or with it in NODE_OPTIONS) evaluates this as an ES module, where require does not exist.
Promise.all([import('node:fs'), import('node:worker_threads')]).then(([{ mkdirSync, writeFileSync }, { workerData, parentPort }]) => {
  const state = new Int32Array(workerData.state);
  const reply = workerData.reply;
  let failed = false;
  // Messages posted before this listener was added wait for it.
  parentPort.on('message', (jobs) => {
    for (const job of jobs) {
      try {
        if (!failed) {
          if (job.dir !== undefined) {
            const made = mkdirSync(job.dir, { recursive: true });
            if (made !== undefined) reply.postMessage({ created: made });
          } else writeFileSync(job.path, job.contents);
        }
      } catch (error) {
        // Later jobs are skipped: the run will be discarded, and fewer files to clean up is better.
        failed = true;
        reply.postMessage({ error: { message: String(error && error.message), code: error && error.code } });
      }
      Atomics.sub(state, 1, job.bytes);
      Atomics.add(state, 0, 1);
    }
    Atomics.notify(state, 0);
    Atomics.notify(state, 1);
  });
});
`;

type Job = { dir: string; bytes: number } | { path: string; contents: string | Uint8Array; bytes: number };

/** How much may be queued for the thread before the caller waits: keeps peak memory bounded when the disk is slower than emitting. */
const MAX_QUEUED_BYTES = 6 * 1024 * 1024;
/** How long the caller waits for a thread that does nothing at all. */
const STALLED_MS = 120_000;

/** @internal For tests: a thread that never works, and a shorter wait for it. */
export interface ThreadOptions {
  code?: string;
  stalledMs?: number;
}

/** Jobs are handed over in batches: one message per file would cost more than some writes. */
const BATCH_JOBS = 32;

/** The writer thread and the queue to it. */
class WriterThread {
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private readonly replies: MessageChannel;
  private batch: Job[] = [];
  private batchBytes = 0;
  private handedOver = 0;
  private created: string[] = [];
  private failure: Error | null = null;
  /** Set once the thread has done nothing for `stalledMs`; it stays set. */
  private stalled: Error | null = null;
  private readonly stalledMs: number;

  constructor({ code = THREAD_CODE, stalledMs = STALLED_MS }: ThreadOptions) {
    this.stalledMs = stalledMs;
    this.replies = new MessageChannel();
    this.worker = new Worker(code, { eval: true, workerData: { state: this.state.buffer, reply: this.replies.port2 }, transferList: [this.replies.port2] });
    // Never what keeps the process alive: every run flushes (or discards) before it returns.
    this.worker.unref();
  }

  write(path: string, contents: string | Uint8Array): void {
    this.push({ path, contents, bytes: contents.length });
  }

  mkdir(dir: string): void {
    this.push({ dir, bytes: 0 });
  }

  private push(job: Job): void {
    this.batch.push(job);
    this.batchBytes += job.bytes;
    if (this.batch.length >= BATCH_JOBS || this.batchBytes >= MAX_QUEUED_BYTES / 8) this.handOver();
  }

  private handOver(): void {
    if (this.batch.length === 0) return;
    // Wait while the thread is far behind, so queued text never piles up in memory.
    this.waitForThread(() => Atomics.load(this.state, 1) <= MAX_QUEUED_BYTES);
    // A stalled thread will take nothing more: the run fails at its flush, and the jobs are dropped here.
    if (this.stalled === null) {
      Atomics.add(this.state, 1, this.batchBytes);
      this.worker.postMessage(this.batch);
      this.handedOver += this.batch.length;
    }
    this.batch = [];
    this.batchBytes = 0;
  }

  /**
   * Block until `ready()`, waking on each job the thread finishes. A thread that finishes none for
   * `stalledMs` (it died: out of memory, or it could not start) never will: the wait ends, and every
   * flush from then on reports it, rather than the run waiting forever.
   */
  private waitForThread(ready: () => boolean): void {
    let progressAt = Date.now();
    for (let done = Atomics.load(this.state, 0); this.stalled === null && !ready(); ) {
      Atomics.wait(this.state, 0, done, Math.min(1000, this.stalledMs));
      const now = Atomics.load(this.state, 0);
      if (now !== done) progressAt = Date.now();
      else if (Date.now() - progressAt >= this.stalledMs) {
        this.stalled = new Error(`the writer thread has done nothing for ${this.stalledMs / 1000} s (${this.handedOver - now} files still to write)`);
      }
      done = now;
    }
  }

  flush(): Flushed {
    this.handOver();
    this.waitForThread(() => Atomics.load(this.state, 0) >= this.handedOver);
    this.failure ??= this.stalled;
    for (let message = receiveMessageOnPort(this.replies.port1); message; message = receiveMessageOnPort(this.replies.port1)) {
      const reply = message.message as { created?: string; error?: { message: string; code?: string } };
      if (reply.created !== undefined) this.created.push(reply.created);
      if (reply.error && !this.failure) this.failure = Object.assign(new Error(reply.error.message), { code: reply.error.code });
    }
    const flushed = { created: this.created, failure: this.failure };
    this.created = [];
    this.failure = null;
    return flushed;
  }

  /** After a flush: nothing is queued. */
  stop(): void {
    void this.worker.terminate();
    this.replies.port1.close();
  }
}
