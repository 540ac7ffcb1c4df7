import type { Converter } from './convert.js';
import { HostAllowance } from './host-limits.js';
import { errorFields } from './host-error.js';
import { HostValueError, responseError, toPlainData, type PlainData } from './host-value.js';
import { Output } from './output.js';
import type { RunClock } from './run-clock.js';
import type { IntegrationCall, LuaLimits, McpQuery } from './types.js';

/** The docs functions a script can call; the names are the Lua names after `docs.`. */
export type DocsFunction = 'list' | 'search' | 'read';

/** What a host call reaches: an integration, a docs helper, an upstream MCP tool (`mcp_tool`), or an `mcp.*` function. */
export type CallKind = 'integration' | 'docs' | 'mcp_tool' | 'mcp' | 'repl';

/**
 * How a run reaches its host. In-process it wraps LuaHostFunctions; in a pool worker it forwards
 * over postMessage. Both are async: docs calls are synchronous in the caller's API but go through
 * the same await path, so the worker needs no synchronous channel to the main thread.
 */
export interface HostBridge {
  integration(call: IntegrationCall): Promise<unknown>;
  /** Undefined when the caller supplied no docs; docs.* and lua_*_docs are then absent. */
  docs?: (fn: DocsFunction, args: unknown[]) => Promise<unknown>;
  /** Undefined when the caller supplied no MCP servers; app.mcp and mcp.* are then absent. */
  mcpTool?: (call: IntegrationCall) => Promise<unknown>;
  mcp?: (fn: McpQuery, args: unknown[]) => Promise<unknown>;
  /** Sees print/dump output as it is written (after the output cap). */
  output?: (text: string) => void;
  /** The REPL's line reader: `repl.read(prompt)` in Lua. */
  repl?: (prompt: string) => Promise<string | null>;
}

/** A settled host call. A failure's `fields` (LuaHostError) make the script's error a table instead of a string. */
export type Failure = { ok: false; message: string; fields?: Record<string, PlainData> };
export type Outcome = { ok: true; value: unknown } | Failure;

/** A rejected host call as an outcome: its message, and its fields when it carries any. */
export function failedOutcome(err: unknown): Failure {
  const fields = errorFields(err);
  return { ok: false, message: err instanceof Error ? err.message : String(err), ...(fields ? { fields } : {}) };
}

interface PendingCall {
  label: string;
  settled: Promise<void>;
  outcome?: Outcome;
}

export type TripKind = 'cpu_limit' | 'wall_limit';

/** Everything one script run owns on the JS side. */
export class RunState {
  readonly output: Output;
  readonly startedAt: number;
  readonly wallDeadline: number;
  /**
   * The wall-clock time at which the CPU hook must look again: min(now + CPU budget left, wall
   * deadline). CPU time never runs ahead of wall time, so the budget cannot be spent before it.
   */
  deadline = Infinity;
  /** CPU time spent in finished slices (resumes of the script thread), in ms. */
  cpuUsedMs = 0;
  private sliceCpuStart = 0;
  tripped: TripKind | undefined;
  converter!: Converter;
  /** Bytes the script's Lua heap uses now; engine.ts connects it to wasmoon's allocation tracing. */
  luaMemoryUsed: () => number = () => 0;
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;

  constructor(readonly bridge: HostBridge, readonly limits: LuaLimits, readonly clock: RunClock) {
    this.output = new Output(limits.outputBytes, bridge.output);
    this.startedAt = clock.now();
    this.wallDeadline = this.startedAt + limits.wallMs;
  }

  /** What a host helper may allocate in JS during one call: the memory the script has left. */
  allowance(fn: string): HostAllowance {
    return new HostAllowance(fn, this.limits.memoryBytes - this.luaMemoryUsed(), this.limits.memoryBytes);
  }

  /** Starts charging CPU time: the script thread is about to be resumed. */
  beginSlice(): void {
    this.sliceCpuStart = this.clock.cpu();
    this.deadline = Math.min(this.clock.now() + Math.max(0, this.limits.cpuMs - this.cpuUsedMs), this.wallDeadline);
  }

  /** Stops charging: the resume returned (the script yielded, ended or failed). */
  endSlice(): void {
    this.cpuUsedMs += this.clock.cpu() - this.sliceCpuStart;
  }

  /**
   * Called by the hook once wall time `now` has reached `deadline`. Reads the CPU time actually
   * used and either trips a limit (true) or moves the deadline to when the budget could run out.
   */
  overrun(now: number): boolean {
    if (now >= this.wallDeadline) {
      this.trip('wall_limit');
      return true;
    }
    const left = this.limits.cpuMs - this.cpuUsedMs - (this.clock.cpu() - this.sliceCpuStart);
    if (left <= 0) {
      this.trip('cpu_limit');
      return true;
    }
    this.deadline = Math.min(now + left, this.wallDeadline);
    return false;
  }

  /** Starts a host call right away and returns its id; the script then yields until it settles. */
  startCall(kind: CallKind, path: string, args: unknown[]): number {
    const id = this.nextId++;
    const label = callLabel(kind, path);
    // In a REPL each line the user enters gets the whole CPU budget.
    if (kind === 'repl') this.restartCpuBudget();
    let promise: Promise<unknown>;
    try {
      promise = Promise.resolve(dispatch(this.bridge, kind, path, args));
    } catch (err) {
      promise = Promise.reject(err);
    }
    const entry: PendingCall = { label, settled: Promise.resolve() };
    // Settle handlers are attached at once, so a call abandoned by a limit never becomes an unhandled rejection.
    entry.settled = promise.then(
      (value) => void (entry.outcome = plainOutcome(label, value)),
      (err: unknown) => void (entry.outcome = failedOutcome(err)),
    );
    this.pending.set(id, entry);
    return id;
  }

  has(id: number): boolean {
    return this.pending.has(id);
  }

  settled(id: number): Promise<void> {
    return this.pending.get(id)?.settled ?? Promise.resolve();
  }

  take(id: number): (Outcome & { label: string }) | undefined {
    const entry = this.pending.get(id);
    if (!entry?.outcome) return undefined;
    this.pending.delete(id);
    return { ...entry.outcome, label: entry.label };
  }

  private restartCpuBudget(): void {
    this.cpuUsedMs = 0;
    this.sliceCpuStart = this.clock.cpu();
    this.deadline = Math.min(this.clock.now() + this.limits.cpuMs, this.wallDeadline);
  }

  trip(kind: TripKind): void {
    this.tripped ??= kind;
  }

  tripMessage(): string {
    return this.tripped === 'wall_limit'
      ? `wall-clock limit of ${this.limits.wallMs} ms exceeded`
      : `CPU limit of ${this.limits.cpuMs} ms exceeded`;
  }
}

function dispatch(bridge: HostBridge, kind: CallKind, path: string, args: unknown[]): Promise<unknown> | undefined {
  switch (kind) {
    case 'integration':
      return bridge.integration({ path, args });
    case 'docs':
      return bridge.docs?.(path as DocsFunction, args);
    case 'mcp_tool':
      return bridge.mcpTool?.({ path, args });
    case 'mcp':
      return bridge.mcp?.(path as McpQuery, args);
    case 'repl':
      return bridge.repl?.(String(args[0] ?? ''));
  }
}

/** How errors name a host call: "app.integrations.telnyx.send_sms", "docs.read", "app.mcp.notes.add" or "mcp.tools". */
export function callLabel(kind: CallKind, path: string): string {
  return { integration: 'app.integrations.', docs: 'docs.', mcp_tool: 'app.mcp.', mcp: 'mcp.', repl: 'repl.' }[kind] + path;
}

/** A host result as data Lua can take, or the Lua error that says why it is not. */
export function plainOutcome(label: string, value: unknown): Outcome {
  try {
    return { ok: true, value: toPlainData(value) };
  } catch (err) {
    if (err instanceof HostValueError) return { ok: false, message: responseError(label, err) };
    throw err;
  }
}

let active: RunState | undefined;

/** The run whose Lua code is executing right now (resume is synchronous, so there is at most one per thread). */
export function activeRun(): RunState | undefined {
  return active;
}

export function enterRun(run: RunState): RunState | undefined {
  const previous = active;
  active = run;
  return previous;
}

export function leaveRun(previous: RunState | undefined): void {
  active = previous;
}
