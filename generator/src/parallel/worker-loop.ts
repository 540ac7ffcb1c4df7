// What a worker thread of `ProviderPool` does once started (`provider-worker.ts`): loads and emits
// the providers it is sent, one at a time, with the default emitters, and answers each on its port.
import { parentPort } from 'node:worker_threads';
import type { PackedSummary } from '../cache/store.js';
import { emitters } from '../emit/index.js';
import { heapBound } from '../heap-bound.js';
import { PhaseClock } from '../phase-clock.js';
import type { PoolJob, PoolReply, PoolSetup } from './provider-pool.js';
import { workOnProvider, type ProviderWork } from './provider-work.js';

export function serve(setup: PoolSetup): void {
  const state = new Int32Array(setup.state);
  const boundHeap = heapBound();
  parentPort!.on('message', (job: PoolJob) => {
    const clock = new PhaseClock();
    let answer: PoolReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const work = workOnProvider({ ...job.input, cached: null }, emitters, clock);
      // The model object stays here: the pipeline needs only its cache file and the emitted parts.
      const sent: ProviderWork = { ...work, provider: null };
      answer = { index: job.index, work: sent, timings: clock.timings() };
      transfer = ownBuffers(sent);
    } catch (error) {
      answer = { index: job.index, error: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } };
    }
    setup.reply.postMessage(answer, transfer);
    Atomics.add(state, 0, 1);
    Atomics.notify(state, 0);
    boundHeap();
  });
}

/** The serialized bytes in `work` that own their whole buffer: moved to the pipeline's thread instead of copied. */
function ownBuffers(work: ProviderWork): ArrayBuffer[] {
  const found: ArrayBuffer[] = [];
  const take = (bytes: Uint8Array) => {
    if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer && !found.includes(bytes.buffer)) found.push(bytes.buffer);
  };
  if (work.model) take(work.model);
  const walk = (packed: PackedSummary) => {
    if ('bytes' in packed) take(packed.bytes);
    else if ('fields' in packed) Object.values(packed.fields).forEach(walk);
  };
  for (const part of work.emitted ?? []) walk(part.summary);
  return found;
}
