/**
 * One HTTP attempt through a `fetch` function: the transport outside Node, and
 * under Node when the caller passes its own `fetch`. fetch has no timeout of
 * its own, so each attempt gets an AbortController fired by one timer (and by
 * the caller's signal, if any). An injected `startTimer` replaces the timer.
 */

import { neverSent } from './retry.js';
import type { AttemptResult, StartTimer, Transport } from './transport-types.js';

export type { AttemptResult } from './transport-types.js';

export const realTimer: StartTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

const ABORTED: AttemptResult = Object.freeze({ kind: 'aborted' });
const ignore = (): void => {};

/** A transport over `fetchFn`, or over the global `fetch` as it is at call time. */
export function fetchTransport(fetchFn?: typeof fetch): Transport {
  return async (request, { timeoutMs, signal, startTimer = realTimer }): Promise<AttemptResult> => {
    if (signal?.aborted) return ABORTED;
    const controller = new AbortController();
    let timedOut = false;
    // Settled only by an interruption: raced against fetch and against the body read, for fetch
    // implementations (and body streams) that ignore the signal.
    let interrupt: (reason: unknown) => void = ignore;
    const interrupted = new Promise<never>((_, reject) => (interrupt = reject));
    interrupted.catch(ignore); // settled by whichever await is pending; never unhandled
    const stop = (): void => {
      controller.abort();
      interrupt(controller.signal.reason);
    };
    const cancelTimer = startTimer(timeoutMs, () => {
      timedOut = true;
      stop();
    });
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal };
      if (request.body !== null) init.body = request.body;
      const response = await Promise.race([(fetchFn ?? globalThis.fetch)(request.url, init), interrupted]);
      // Read the body inside the timeout too: a server that sends headers and then stalls is still stalled.
      const text = await Promise.race([response.text(), interrupted]);
      return { kind: 'response', status: response.status, headers: response.headers, text };
    } catch (cause) {
      if (signal?.aborted) return ABORTED;
      if (timedOut) return { kind: 'failed', failure: { kind: 'timeout' }, cause };
      return { kind: 'failed', failure: { kind: neverSent(cause) ? 'not_sent' : 'connection' }, cause };
    } finally {
      cancelTimer();
      signal?.removeEventListener('abort', stop);
    }
  };
}
