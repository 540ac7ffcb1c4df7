/**
 * One HTTP attempt through a `fetch` function: the transport outside Node, and
 * under Node when the caller passes its own `fetch`. fetch has no timeout of
 * its own, so each attempt races one timer (an injected `startTimer` replaces
 * it). An AbortController, which fetch would have to follow, is made only when
 * the caller passed a signal; a timed-out attempt without one is given up on
 * at once and its body cancelled when it arrives.
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
    // A signal makes fetch itself about a fifth dearer (undici follows it with listeners and a
    // finalizer), so there is one only when the caller passed theirs.
    const controller = signal ? new AbortController() : null;
    let timedOut = false;
    // Settled only by an interruption: raced against fetch and against the body read, which also
    // covers fetch implementations (and body streams) that ignore the signal.
    let interrupt: (reason: unknown) => void = ignore;
    const interrupted = new Promise<never>((_, reject) => (interrupt = reject));
    interrupted.catch(ignore); // settled by whichever await is pending; never unhandled
    const stop = (reason: unknown): void => {
      controller?.abort(reason);
      interrupt(reason);
    };
    const cancelTimer = startTimer(timeoutMs, () => {
      timedOut = true;
      stop(new Error(`no response within ${timeoutMs} ms`));
    });
    const onAbort = (): void => stop(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let sent: Promise<Response> | undefined;
    try {
      const init: RequestInit = { method: request.method, headers: request.headers };
      if (controller) init.signal = controller.signal;
      if (request.body !== null) init.body = request.body;
      sent = (fetchFn ?? globalThis.fetch)(request.url, init);
      const response = await Promise.race([sent, interrupted]);
      // Read the body inside the timeout too: a server that sends headers and then stalls is still stalled.
      const text = await Promise.race([response.text(), interrupted]);
      return { kind: 'response', status: response.status, headers: response.headers, text };
    } catch (cause) {
      // Without a signal a timed-out fetch cannot be cancelled; its body is, once (if ever) it comes
      // (or at once if it is here), so the connection is freed. Until then the platform's own limits hold (undici: 300 s).
      if (timedOut && !controller) sent?.then((late) => late.body?.cancel()).catch(ignore);
      if (signal?.aborted) return ABORTED;
      if (timedOut) return { kind: 'failed', failure: { kind: 'timeout' }, cause };
      return { kind: 'failed', failure: { kind: neverSent(cause) ? 'not_sent' : 'connection' }, cause };
    } finally {
      cancelTimer();
      signal?.removeEventListener('abort', onAbort);
    }
  };
}
