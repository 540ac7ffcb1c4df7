// The entry file of a `ProviderPool` worker thread, never imported. Its work is loaded here, inside
// a try, so that a worker that cannot start (an incomplete build) says so through its reply port
// instead of leaving the pipeline waiting for an answer that never comes.
import { workerData } from 'node:worker_threads';
import { errorReply, postReply, type PoolSetup } from './provider-pool.js';

const setup = workerData as PoolSetup;
try {
  const { serve } = (await import(setup.loop ?? './worker-loop.js')) as typeof import('./worker-loop.js');
  serve(setup);
} catch (error) {
  postReply(setup, errorReply(-1, error, 'a generator worker thread could not start: '));
}
