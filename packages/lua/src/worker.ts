/**
 * Pool worker entry: owns one wasm instance and runs one script at a time. Host calls go to the
 * main thread as messages; the main thread answers with `settle`. If a script gets stuck in C code
 * the main thread terminates this worker, which is the only way to stop it.
 */
import { parentPort } from 'node:worker_threads';
import { ownThreadId } from './cpu-clock.js';
import { LuaHostError } from './host-error.js';
import type { FromWorker, ToWorker } from './protocol.js';
import type { CallKind, DocsFunction, HostBridge } from './run-state.js';
import { runScript } from './run.js';
import { acquireVm } from './vm/vm.js';

const port = parentPort;
if (!port) throw new Error('@switchboard/lua worker must run in a worker thread');

const waiting = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
let nextCallId = 1;

function post(message: FromWorker): void {
  port!.postMessage(message);
}

function forward(runId: number, kind: CallKind, path: string, args: unknown[]): Promise<unknown> {
  const callId = nextCallId++;
  return new Promise((resolve, reject) => {
    waiting.set(callId, { resolve, reject });
    post({ type: 'call', runId, callId, kind, path, args });
  });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'settle') {
    const waiter = waiting.get(message.callId);
    waiting.delete(message.callId);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(message.fields ? new LuaHostError(message.message, message.fields) : new Error(message.message));
    return;
  }
  const { runId, code, limits, hasDocs, hasMcp, hasRepl, name } = message;
  const bridge: HostBridge = {
    integration: (call) => forward(runId, 'integration', call.path, call.args),
    docs: hasDocs ? (fn: DocsFunction, args) => forward(runId, 'docs', fn, args) : undefined,
    mcpTool: hasMcp ? (call) => forward(runId, 'mcp_tool', call.path, call.args) : undefined,
    mcp: hasMcp ? (fn, args) => forward(runId, 'mcp', fn, args) : undefined,
    // Posted at once: if the script then gets stuck and this worker is terminated, what it printed is already out.
    output: (text) => post({ type: 'output', runId, text }),
    ...(hasRepl ? { repl: (prompt: string) => forward(runId, 'repl', 'read', [prompt]) as Promise<string | null> } : {}),
  };
  acquireVm().then(() => {
    post({ type: 'started', runId });
    return runScript(code, bridge, limits, undefined, name);
  }).then(
    (result) => post({ type: 'done', runId, result }),
    (err: unknown) => post({
      type: 'done',
      runId,
      result: { ok: false, output: '', result: null, error: { kind: 'runtime', message: `internal error: ${err instanceof Error ? err.message : String(err)}` }, durationMs: 0 },
    }),
  );
});

// Load the wasm instance now, so the first run does not pay for it.
void acquireVm().then(() => post({ type: 'ready', threadId: ownThreadId() }));
