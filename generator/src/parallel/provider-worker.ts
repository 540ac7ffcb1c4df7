// The entry file of a `ProviderPool` worker thread, never imported. Its work is loaded here, inside
// a try, so that a worker that cannot start (an incomplete build) says so through its reply port
// instead of leaving the pipeline waiting for an answer that never comes.
import { workerData } from 'node:worker_threads';
import { REPLIES, type PoolReply, type PoolSetup } from './provider-pool.js';

const setup = workerData as PoolSetup;
try {
  const { serve } = (await import(setup.loop ?? './worker-loop.js')) as typeof import('./worker-loop.js');
  serve(setup);
} catch (error) {
  const reply: PoolReply = { index: -1, error: { message: `a generator worker thread could not start: ${error instanceof Error ? error.message : String(error)}` } };
  setup.reply.postMessage(reply);
  const control = new Int32Array(setup.control);
  Atomics.add(control, REPLIES, 1);
  Atomics.notify(control, REPLIES);
}
