/**
 * One HTTP attempt: fetch plus reading the body, under a timeout and the
 * caller's AbortSignal. It reports what happened (a response, or a Failure
 * kind) and leaves deciding what that means to the retry loop.
 */

import type { PreparedRequest } from './build-request.js';
import type { StartTimer } from './options.js';
import { neverSent, type Failure } from './retry.js';

export type AttemptResult =
  | { kind: 'response'; status: number; headers: Headers; text: string }
  | { kind: 'failed'; failure: Exclude<Failure, { kind: 'status' }>; cause: unknown }
  | { kind: 'aborted' };

export const realTimer: StartTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

export async function attempt(
  fetchFn: typeof fetch,
  request: PreparedRequest,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  startTimer: StartTimer = realTimer,
): Promise<AttemptResult> {
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
    const response = await Promise.race([fetchFn(request.url, init), aborted]);
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
}
