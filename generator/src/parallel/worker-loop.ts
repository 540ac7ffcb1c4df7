// What a worker thread of `ProviderPool` does once started (`provider-worker.ts`): takes free jobs
// from the far end of the window ahead of the pipeline's thread, one at a time, loads and emits each
// with the default emitters, and answers on its port, until every job is taken or the run is over.
import type { PackedSummary } from '../cache/store.js';
import { emitters } from '../emit/index.js';
import { heapBound } from '../heap-bound.js';
import { PhaseClock } from '../phase-clock.js';
import { BY_WORKER, CLOSED, errorReply, FREE, LIMIT, NEXT, postReply, type PoolReply, type PoolSetup } from './provider-pool.js';
import { workOnProvider, type ProviderWork } from './provider-work.js';

export function serve(setup: PoolSetup): void {
  const claims = new Int32Array(setup.claims);
  const control = new Int32Array(setup.control);
  const last = setup.jobs.length - 1;
  const boundHeap = heapBound();
  while (Atomics.load(control, CLOSED) === 0) {
    const limit = Atomics.load(control, LIMIT);
    const k = claimFromEnd(claims, Atomics.load(control, NEXT), limit);
    if (k === -1) {
      // Everything up to the last job is taken: nothing will ever be free again.
      if (limit >= last) return;
      Atomics.wait(control, LIMIT, limit, 1000);
      continue;
    }
    postReply(setup, ...answer(k, setup.jobs[k]!));
    boundHeap();
  }
}

/** The highest free job from `from` to `to`, now this worker's; -1 when none is free. */
function claimFromEnd(claims: Int32Array, from: number, to: number): number {
  for (let k = to; k >= from; k--) if (Atomics.compareExchange(claims, k, FREE, BY_WORKER) === FREE) return k;
  return -1;
}

function answer(k: number, input: PoolSetup['jobs'][number]): [PoolReply, ArrayBuffer[]] {
  const clock = new PhaseClock();
  try {
    const work = workOnProvider({ ...input, cached: null }, emitters, clock);
    // The model object stays here: the pipeline needs only its cache file and the emitted parts.
    const sent: ProviderWork = { ...work, provider: null };
    return [{ index: k, work: sent, timings: clock.timings() }, ownBuffers(sent)];
  } catch (error) {
    return [errorReply(k, error), []];
  }
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
