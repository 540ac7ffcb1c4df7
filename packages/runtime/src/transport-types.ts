/**
 * What a transport is: one HTTP attempt, reported as what happened (a
 * response, a failure kind, or the caller's abort). Deciding what that means
 * (retry, error, success) is the retry loop's job, so every transport (Node's
 * `http`, `fetch`, a caller's own) is classified the same way.
 */

import type { PreparedRequest } from './build-request.js';
import type { Failure } from './retry.js';

/** Response headers, read by name (case-insensitive); the one method the runtime needs of `Headers`. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

/**
 * An answer: its body as text, or as bytes when the request asked for them (`readAs: 'bytes'`,
 * a download). A transport that ignores `readAs` may hand over text; the runtime then takes its
 * UTF-8 bytes.
 */
export type AnswerResult =
  | { kind: 'response'; status: number; headers: ResponseHeaders; text: string; bytes?: undefined }
  | { kind: 'response'; status: number; headers: ResponseHeaders; bytes: Uint8Array; text?: undefined };

export type AttemptResult =
  | AnswerResult
  | { kind: 'failed'; failure: Exclude<Failure, { kind: 'status' }>; cause: unknown }
  | { kind: 'aborted' };

/** Starts a timer that calls `fire` after `ms`; returns what cancels it. */
export type StartTimer = (ms: number, fire: () => void) => () => void;

export interface AttemptLimits {
  /** The whole attempt, response body included, must end within this many milliseconds. */
  timeoutMs: number;
  /** The caller's signal, when it passed one. */
  signal?: AbortSignal | undefined;
  /**
   * The timer that ends the attempt after `timeoutMs`, when one is injected (tests, a host with
   * its own clock). Absent, the transport keeps the deadline its own way: the Node transport
   * with its socket's timeout, the fetch transport with a `setTimeout`.
   */
  startTimer?: StartTimer | undefined;
}

export interface TransportAttempt {
  request: PreparedRequest;
  limits: AttemptLimits;
}

/**
 * Sends one request and reads its whole body. It must resolve, never reject:
 * `not_sent` only when no byte can have reached the server, `connection` when
 * some may have, `timeout` when `limits.timeoutMs` passed first.
 */
export type Transport = (request: PreparedRequest, limits: AttemptLimits) => Promise<AttemptResult>;
