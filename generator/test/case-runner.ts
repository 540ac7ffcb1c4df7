import { Worker } from 'node:worker_threads';

export type CaseOutcome =
  | { kind: 'done'; diagnostics: string[] | null; generated: string }
  | { kind: 'crashed'; error: string }
  | { kind: 'did not stop'; limitMs: number };

type FromWorker = { kind: 'ready' } | ({ id: number } & CaseOutcome);

const WORKER_URL = new URL('./case-worker.mjs', import.meta.url);

/**
 * Loads and generates a project in a worker thread with a watchdog: a case that runs past
 * `limitMs` is terminated and reported as 'did not stop', so one hang cannot stall the
 * corpus. The limit is only a "does it stop" bound, far above what a case takes.
 */
export class CaseRunner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;

  constructor(private readonly limitMs: number) {}

  /** Starts the worker; its start-up (loading the generator) does not count against a case. */
  start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(WORKER_URL);
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.kind !== 'ready') return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return this.ready;
  }

  async run(root: string, specs: string): Promise<CaseOutcome> {
    await this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const finish = (outcome: CaseOutcome) => {
        clearTimeout(watchdog);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(outcome);
      };
      const onMessage = (message: FromWorker) => {
        if ('id' in message && message.id === id) {
          const { id: _id, ...outcome } = message;
          finish(outcome);
        }
      };
      const onError = (error: Error) => {
        this.discard();
        finish({ kind: 'crashed', error: error.stack ?? error.message });
      };
      const watchdog = setTimeout(() => {
        this.discard();
        finish({ kind: 'did not stop', limitMs: this.limitMs });
      }, this.limitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, root, specs });
    });
  }

  /** Drops the current worker (stuck or dead); the next run starts a fresh one. */
  private discard(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }
}
