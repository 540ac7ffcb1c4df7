/** Messages between LuaPool (main thread) and a pool worker. One run at a time per worker. */
import type { PlainData } from './host-value.js';
import type { CallKind } from './run-state.js';
import type { LuaLimits, LuaRunResult } from './types.js';

export type ToWorker =
  | { type: 'run'; runId: number; code: string; limits: LuaLimits; hasDocs: boolean; hasMcp: boolean; hasRepl: boolean; name?: string }
  | { type: 'settle'; runId: number; callId: number; ok: true; value: unknown }
  | { type: 'settle'; runId: number; callId: number; ok: false; message: string; fields?: Record<string, PlainData> };

export type FromWorker =
  /** The worker has loaded wasmoon; threadId (Linux) lets the pool read the worker thread's CPU time. */
  | { type: 'ready'; threadId: number | undefined }
  /** The worker begins running the script: the pool's watchdog starts here, not when the script was posted. */
  | { type: 'started'; runId: number }
  | { type: 'call'; runId: number; callId: number; kind: CallKind; path: string; args: unknown[] }
  /** Output as the script writes it: the pool keeps it for a run it has to kill, and passes it to host.output. */
  | { type: 'output'; runId: number; text: string }
  | { type: 'done'; runId: number; result: LuaRunResult };
