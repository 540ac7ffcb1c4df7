/**
 * One HTTP attempt through a `fetch` function: the transport outside Node, and
 * under Node when the caller passes its own `fetch`. fetch has no timeout of
 * its own, so each attempt gets an AbortController fired by one timer (and by
 * the caller's signal, if any).
 */

import { neverSent } from './retry.js';
import type { AttemptResult, StartTimer, Transport } from './transport-types.js';

export type { AttemptResult } from './transport-types.js';

export const realTimer: StartTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

/** A transport over `fetchFn`, or over the global `fetch` as it is at call time. */
export function fetchTransport(fetchFn?: typeof fetch): Transport {
  return async (request, { timeoutMs, signal, startTimer }): Promise<AttemptResult> => {
    if (signal?.aborted) return { kind: 'aborted' };
    const controller = new AbortController();
    let timedOut = false;
    const cancelTimer = startTimer(timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal };
      if (request.body !== null) init.body = request.body;
      // Raced against the abort as well, for fetch implementations (and body streams) that ignore the signal.
      const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
      aborted.catch(() => {}); // settled by whichever await is pending; never unhandled
      const response = await Promise.race([(fetchFn ?? globalThis.fetch)(request.url, init), aborted]);
      // Read the body inside the timeout too: a server that sends headers and then stalls is still stalled.
      const text = await Promise.race([response.text(), aborted]);
      return { kind: 'response', status: response.status, headers: response.headers, text };
    } catch (cause) {
      if (signal?.aborted) return { kind: 'aborted' };
      if (timedOut) return { kind: 'failed', failure: { kind: 'timeout' }, cause };
      return { kind: 'failed', failure: { kind: neverSent(cause) ? 'not_sent' : 'connection' }, cause };
    } finally {
      cancelTimer();
      signal?.removeEventListener('abort', onAbort);
    }
  };
}
