/**
 * LuaPool: scripts run in worker threads, one run per worker at a time. The CPU hook cannot
 * interrupt C code (a pathological string.find pattern, wasmoon #45), so the main thread keeps a
 * watchdog. It starts when the worker reports that it begins the script (not when the script is
 * posted: loading wasmoon is not the script's time). While the worker is computing (not waiting
 * for a host call) it may use at most cpuMs + grace of its thread's CPU time per stretch, and the
 * run may take wallMs + grace in all; past that the worker is terminate()d, the run ends with kind
 * 'killed', and a fresh worker takes its place (~100-150 ms to start).
 */
import { Worker } from 'node:worker_threads';
import { callDocs } from './bridge.js';
import { threadCpuClock } from './cpu-clock.js';
import type { CpuClock } from './cpu-clock.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { callLabel, failedOutcome, plainOutcome } from './run-state.js';
import type { DocsFunction } from './run-state.js';
import { validateLimits } from './limits.js';
import type { LuaHostFunctions, LuaLimits, LuaRunResult, LuaScriptOptions, McpQuery } from './types.js';
import { startWatchdog } from './watchdog.js';
import type { Watchdog } from './watchdog.js';

export interface LuaPoolOptions {
  /** Number of worker threads. Default 2. */
  size?: number;
  /** Extra time a stuck worker gets beyond cpuMs (and wallMs) before it is terminated, in ms. Default 1000. */
  graceMs?: number;
}

interface Job {
  runId: number;
  code: string;
  host: LuaHostFunctions;
  limits: LuaLimits;
  startedAt: number;
  /** What the script has printed so far, as the worker reported it. */
  output: string[];
  name: string | undefined;
  resolve(result: LuaRunResult): void;
}

// Under vitest this file runs from src/*.ts; workers need JavaScript, so they load the built copy.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../dist/worker.js', import.meta.url)
  : new URL('./worker.js', import.meta.url);

/**
 * The process's Node options for a worker, without `--input-type`: a script run as
 * `node --input-type=module -e …` may use the pool, but a worker started from a file with that
 * option refuses to start (ERR_INPUT_TYPE_NOT_ALLOWED).
 */
function workerExecArgv(): string[] {
  const kept: string[] = [];
  const given = process.execArgv;
  for (let i = 0; i < given.length; i++) {
    if (given[i] === '--input-type') i++;
    else if (!given[i]!.startsWith('--input-type=')) kept.push(given[i]!);
  }
  return kept;
}

class Slot {
  readonly worker = new Worker(WORKER_URL, { execArgv: workerExecArgv() });
  job: Job | undefined;
  /** Set once the worker has loaded wasmoon; a worker that dies before that cannot start at all. */
  ready = false;
  startError: string | undefined;
  /** The worker thread's CPU time; wall time where the OS does not expose it. */
  cpuClock: CpuClock = () => performance.now();
  measuresCpu = false;
  computeWatchdog: Watchdog | undefined;
  wallTimer: NodeJS.Timeout | undefined;

  stopCompute(): void {
    this.computeWatchdog?.cancel();
    this.computeWatchdog = undefined;
  }

  stopTimers(): void {
    this.stopCompute();
    clearTimeout(this.wallTimer);
    this.wallTimer = undefined;
  }
}

export class LuaPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly graceMs: number;
  private readonly size: number;
  private nextRunId = 1;
  private closed = false;

  constructor(options: LuaPoolOptions = {}) {
    const size = options.size ?? 2;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`LuaPool size must be a positive integer, got ${String(size)}`);
    this.size = size;
    this.graceMs = options.graceMs ?? 1000;
    // Started now so the first run does not wait for worker start-up and wasm compilation.
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(code: string, host: LuaHostFunctions, limits?: Partial<LuaLimits>, script: LuaScriptOptions = {}): Promise<LuaRunResult> {
    if (this.closed) return Promise.reject(new Error('LuaPool is closed'));
    let resolved: LuaLimits;
    try {
      resolved = validateLimits(limits);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve) => {
      this.queue.push({ runId: this.nextRunId++, code, host, limits: resolved, startedAt: performance.now(), output: [], name: script.name, resolve });
      this.dispatch();
    });
  }

  /** Terminates every worker. Queued and running scripts end with kind 'killed'. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(killed(job, 'the pool was closed before the script started'));
    // retire() removes the slot from this.slots, so iterate over a copy.
    await Promise.all([...this.slots].map((slot) => this.retire(slot, 'the pool was closed')));
  }

  private spawn(): Slot {
    const slot = new Slot();
    slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    slot.worker.on('error', (err) => void (slot.startError ??= err.message)); // 'exit' follows
    slot.worker.on('exit', (code) => {
      if (!this.slots.includes(slot)) return;
      if (slot.ready) return this.replace(slot, `the worker exited unexpectedly (code ${code})`);
      // Failing to start would fail again at once: report it to the waiting scripts instead of respawning in a loop.
      const reason = `the Lua worker failed to start: ${slot.startError ?? `exit code ${code}`}`;
      void this.retire(slot, reason);
      for (const job of this.queue.splice(0)) job.resolve(killed(job, reason));
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    slot.worker.unref();
    return slot;
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0 && this.slots.length < this.size) this.slots.push(this.spawn());
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.ref(); // a running script keeps the process alive; idle workers do not
      const message: ToWorker = { type: 'run', runId: job.runId, code: job.code, limits: job.limits, hasDocs: Boolean(job.host.docs), hasMcp: Boolean(job.host.mcp), hasRepl: Boolean(job.host.repl), ...(job.name !== undefined ? { name: job.name } : {}) };
      slot.worker.postMessage(message);
      // Until the worker starts the script only this timer runs, so a worker that never starts still ends the run.
      this.armWall(slot, job);
    }
  }

  private armWall(slot: Slot, job: Job): void {
    clearTimeout(slot.wallTimer);
    slot.wallTimer = setTimeout(() => this.kill(slot, this.wallOverrun(job)), job.limits.wallMs + this.graceMs);
  }

  private armCompute(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    slot.stopCompute();
    slot.computeWatchdog = startWatchdog(slot.cpuClock, job.limits.cpuMs + this.graceMs, () => this.kill(slot, this.cpuOverrun(slot, job)));
  }

  private cpuOverrun(slot: Slot, job: Job): string {
    const time = slot.measuresCpu ? 'of CPU time' : 'of wall-clock time (this OS gives no per-thread CPU time)';
    return `the script ran for more than ${job.limits.cpuMs + this.graceMs} ms ${time} without a host call, `
      + `past its CPU limit of ${job.limits.cpuMs} ms plus ${this.graceMs} ms of grace: it was inside one call the CPU hook `
      + 'cannot interrupt (C code or a host helper), so its worker was terminated';
  }

  private wallOverrun(job: Job): string {
    return `the script was still running ${this.graceMs} ms after its wall-clock limit of ${job.limits.wallMs} ms; its worker was terminated`;
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const job = slot.job;
    if (message.type === 'ready') {
      slot.ready = true;
      const cpu = message.threadId === undefined ? undefined : threadCpuClock(message.threadId);
      if (cpu) {
        slot.cpuClock = cpu;
        slot.measuresCpu = true;
      }
      return;
    }
    if (!job || message.runId !== job.runId) return;
    if (message.type === 'started') {
      this.armWall(slot, job);
      this.armCompute(slot);
      return;
    }
    if (message.type === 'output') {
      job.output.push(message.text);
      job.host.output?.(message.text);
      return;
    }
    if (message.type === 'done') {
      slot.stopTimers();
      slot.job = undefined;
      slot.worker.unref();
      job.resolve(message.result);
      this.dispatch();
      return;
    }
    // The worker now waits for the host, so its compute watchdog pauses until we answer.
    slot.stopCompute();
    void this.answer(job, message).then((reply) => {
      if (slot.job !== job) return;
      this.armCompute(slot);
      postSettle(slot.worker, reply);
    });
  }

  private async answer(job: Job, call: Extract<FromWorker, { type: 'call' }>): Promise<Extract<ToWorker, { type: 'settle' }>> {
    const base = { type: 'settle' as const, runId: call.runId, callId: call.callId };
    let value: unknown;
    try {
      value = await hostAnswer(job.host, call);
    } catch (err) {
      return { ...base, ...failedOutcome(err) };
    }
    // Plain data only, so the reply can always be cloned to the worker (and the rule is the one runLua applies).
    return { ...base, ...plainOutcome(callLabel(call.kind, call.path), value) };
  }

  private kill(slot: Slot, reason: string): void {
    const job = slot.job;
    if (!job) return;
    void this.retire(slot, reason);
    if (!this.closed) this.slots.push(this.spawn());
    this.dispatch();
  }

  private replace(slot: Slot, reason: string): void {
    void this.retire(slot, reason);
    this.dispatch();
  }

  private async retire(slot: Slot, reason: string): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    slot.stopTimers();
    const job = slot.job;
    slot.job = undefined;
    if (job) job.resolve(killed(job, reason));
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    await slot.worker.terminate();
  }
}

async function hostAnswer(host: LuaHostFunctions, call: Extract<FromWorker, { type: 'call' }>): Promise<unknown> {
  switch (call.kind) {
    case 'integration':
      return host.integration({ path: call.path, args: call.args });
    case 'docs':
      if (!host.docs) throw new Error('docs are not available');
      return callDocs(host.docs, call.path as DocsFunction, call.args);
    case 'mcp_tool':
      if (!host.mcp) throw new Error('MCP servers are not available');
      return host.mcp.callTool({ path: call.path, args: call.args });
    case 'mcp':
      if (!host.mcp) throw new Error('MCP servers are not available');
      return host.mcp.query(call.path as McpQuery, call.args);
    case 'repl':
      if (!host.repl) throw new Error('no REPL input');
      return host.repl.read(String(call.args[0] ?? ''));
  }
}

/**
 * Replies are plain data (see answer), so posting should not fail; if it still does, the script
 * gets a Lua error carrying only the message, never the value that could not be sent.
 */
function postSettle(worker: Worker, reply: Extract<ToWorker, { type: 'settle' }>): void {
  try {
    worker.postMessage(reply);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const failed: ToWorker = { type: 'settle', runId: reply.runId, callId: reply.callId, ok: false, message: `the host reply could not be sent to the Lua worker: ${reason}` };
    worker.postMessage(failed);
  }
}

function killed(job: Job, message: string): LuaRunResult {
  // A killed run keeps what it printed before it got stuck.
  return { ok: false, output: job.output.join(''), result: null, error: { kind: 'killed', message }, durationMs: performance.now() - job.startedAt };
}
