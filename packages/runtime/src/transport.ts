/**
 * One HTTP attempt through a `fetch` function: the transport outside Node, and
 * under Node when the caller passes its own `fetch`. fetch has no timeout of
 * its own, so each attempt has a deadline among the ones a shared timer keeps
 * (`deadlines.ts`; an injected `startTimer` replaces it). An AbortController,
 * which fetch would have to follow, is made only when the caller passed a
 * signal; a timed-out attempt without one is given up on at once and its body
 * cancelled when it arrives.
 */

import { Deadlines, type Expiring } from './deadlines.js';
import { neverSent } from './retry.js';
import type { AttemptResult, StartTimer, Transport } from './transport-types.js';

export type { AttemptResult } from './transport-types.js';

export const realTimer: StartTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

const ABORTED: AttemptResult = Object.freeze({ kind: 'aborted' });
const ignore = (): void => {};

/** The deadlines of every fetch attempt without an injected timer: one timer for all, not one each. */
const deadlines = new Deadlines();

/**
 * A transport over `fetchFn`, or over the global `fetch` as it is at call time. The attempt
 * settles from whichever comes first, the response's whole body, a failure, the deadline or the
 * caller's abort, without racing promises: one promise per attempt besides fetch's own.
 */
export function fetchTransport(fetchFn?: typeof fetch): Transport {
  return (request, { timeoutMs, signal, startTimer }) => {
    if (signal?.aborted) return Promise.resolve(ABORTED);
    return new Promise<AttemptResult>((resolve) => {
      // A signal makes fetch itself about a fifth dearer (undici follows it with listeners and a
      // finalizer), so there is one only when the caller passed theirs.
      const controller = signal ? new AbortController() : null;
      let timedOut = false;
      let settled = false;
      let sent: Promise<Response> | undefined;
      let expiring: Expiring | undefined;
      let cancelTimer: (() => void) | undefined;
      const finish = (result: AttemptResult): void => {
        if (settled) return;
        settled = true;
        if (expiring !== undefined) deadlines.remove(expiring);
        cancelTimer?.();
        if (signal) signal.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const failed = (cause: unknown): void => {
        if (signal?.aborted) return finish(ABORTED);
        if (timedOut) return finish({ kind: 'failed', failure: { kind: 'timeout' }, cause });
        finish({ kind: 'failed', failure: { kind: neverSent(cause) ? 'not_sent' : 'connection' }, cause });
      };
      const stop = (reason: unknown): void => {
        controller?.abort(reason);
        failed(reason);
      };
      const onTimeout = (): void => {
        if (settled) return;
        timedOut = true;
        // Without a signal a timed-out fetch cannot be cancelled; its body is, once (if ever) it comes
        // (or at once if it is here), so the connection is freed. Until then the platform's own limits hold (undici: 300 s).
        if (!controller) sent?.then((late) => late.body?.cancel()).catch(ignore);
        stop(new Error(`no response within ${timeoutMs} ms`));
      };
      const onAbort = (): void => stop(signal?.reason);
      // The deadline covers the body read too: a server that sends headers and then stalls is still stalled.
      if (startTimer) cancelTimer = startTimer(timeoutMs, onTimeout);
      else expiring = deadlines.add(timeoutMs, onTimeout);
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
      try {
        const init: RequestInit = { method: request.method, headers: request.headers };
        if (controller) init.signal = controller.signal;
        if (request.body !== null) init.body = request.body;
        // `Promise.resolve`: a caller's fetch may hand back a thenable, or a Response as it is.
        sent = Promise.resolve((fetchFn ?? globalThis.fetch)(request.url, init));
      } catch (cause) {
        failed(cause);
        return;
      }
      sent.then((response) => {
        if (settled) return; // timed out or aborted: the body is cancelled above
        try {
          response.text().then((text) => finish({ kind: 'response', status: response.status, headers: response.headers, text }), failed);
        } catch (cause) {
          failed(cause);
        }
      }, failed);
    });
  };
}
