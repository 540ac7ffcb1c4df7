/**
 * One HTTP attempt through a `fetch` function: the transport outside Node, and
 * under Node when the caller passes its own `fetch`. fetch has no timeout of
 * its own, so each attempt starts one timer (an injected `startTimer` replaces
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
  return (request, { timeoutMs, signal, startTimer = realTimer }) => {
    if (signal?.aborted) return Promise.resolve(ABORTED);
    // One promise settled by whichever comes first (the response and its body, a failure, the
    // timer, the caller's abort), not races: a race per await costs a promise and two reactions,
    // and fetch implementations (and body streams) that ignore a signal are given up on all the same.
    return new Promise<AttemptResult>((resolve) => {
      // A signal makes fetch itself about a fifth dearer (undici follows it with listeners and a
      // finalizer), so there is one only when the caller passed theirs.
      const controller = signal ? new AbortController() : null;
      let settled = false;
      // An injected timer may fire at once, before `startTimer` returns: `finish` must not need its result yet.
      let cancelTimer = ignore;
      const finish = (result: AttemptResult): void => {
        if (settled) return;
        settled = true;
        cancelTimer();
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      function onAbort(): void {
        controller?.abort(signal?.reason);
        finish(ABORTED);
      }
      cancelTimer = startTimer(timeoutMs, () => {
        const cause = new Error(`no response within ${timeoutMs} ms`);
        controller?.abort(cause);
        finish({ kind: 'failed', failure: { kind: 'timeout' }, cause });
      });
      if (settled) return;
      signal?.addEventListener('abort', onAbort, { once: true });
      const failed = (cause: unknown): void => finish({ kind: 'failed', failure: { kind: neverSent(cause) ? 'not_sent' : 'connection' }, cause });
      let sent: Promise<Response>;
      try {
        const init: RequestInit = { method: request.method, headers: request.headers };
        if (controller) init.signal = controller.signal;
        if (request.body !== null) init.body = request.body;
        sent = (fetchFn ?? globalThis.fetch)(request.url, init);
      } catch (cause) {
        // A caller's fetch that throws instead of rejecting: classified as its rejection would be.
        failed(cause);
        return;
      }
      sent.then((response) => {
        // Given up on already (timed out without a signal to cancel fetch): its body is cancelled
        // once (if ever) it comes, so the connection is freed. Until then the platform's own limits
        // hold (undici: 300 s).
        if (settled) return void response.body?.cancel().catch(ignore);
        // The body is read inside the timeout too: a server that sends headers and then stalls is still stalled.
        const read: Promise<AttemptResult> =
          request.readAs === 'bytes'
            ? response.arrayBuffer().then((bytes) => ({ kind: 'response', status: response.status, headers: response.headers, bytes: new Uint8Array(bytes) }))
            : response.text().then((text) => ({ kind: 'response', status: response.status, headers: response.headers, text }));
        return read.then(
          finish,
          // Past what one string holds (a RangeError): the answer came and cannot be read, so asking again would bring it again.
          (cause: unknown) => (cause instanceof RangeError ? finish({ kind: 'failed', failure: { kind: 'unreadable' }, cause }) : failed(cause)),
        );
      }).catch(failed); // fetch's rejection, or a response object that throws
    });
  };
}
