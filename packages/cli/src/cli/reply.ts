import { EXIT, type CliIo, type ErrorBody, type ExitCode } from '../io.js';
import { paletteFor } from './colour.js';

/** What the parser hands a command: its arguments, its declared options (camelCase), and the raw words after its name. */
export interface CommandInput {
  args: string[];
  options: Record<string, unknown>;
  /** Everything after the command's name, for commands with flags of their own (`openFlags`). */
  raw: string[];
  io: CliIo;
  json: boolean;
}

/**
 * What a command did. The printer turns it into the JSON envelope (`--json`) or text for a
 * person; commands never choose between the two themselves.
 */
export interface Reply {
  /** 0 unless something failed; a failed reply carries `error`. */
  exit?: ExitCode;
  data: unknown;
  error?: ErrorBody | null;
  meta?: Record<string, unknown>;
  /** Stdout for a person (without --json); a newline is added unless `verbatim`. */
  text?: string;
  /** Write `text` exactly as it is (a script's own output). */
  verbatim?: boolean;
  /** Notes for a person on stderr (without --json): sandbox runs, overrides used. */
  notes?: string[];
  /** Top-level fields kept beside the envelope's four, in order, for callers of the seed system (call: `function`, `duration_ms`). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** The error behind a failed reply: `--debug` shows its stack, as for a thrown one. */
  cause?: unknown;
}

export type CommandHandler = (input: CommandInput) => Promise<Reply>;

/** The one JSON shape of every command. */
export function envelopeOf(reply: Reply, command: string): Record<string, unknown> {
  const exit = reply.exit ?? EXIT.ok;
  return { ...reply.before, success: exit === EXIT.ok, data: reply.data ?? null, error: reply.error ?? null, meta: { command, ...reply.meta }, ...reply.after };
}

export function writeReply(io: CliIo, json: boolean, command: string, reply: Reply, debug = false): ExitCode {
  const stack = debug && reply.error && reply.cause instanceof Error ? reply.cause.stack : undefined;
  if (json) {
    const shown = stack ? { ...reply, meta: { ...reply.meta, stack } } : reply;
    io.stdout.write(`${JSON.stringify(envelopeOf(shown, command), null, 2)}\n`);
  } else {
    for (const note of reply.notes ?? []) io.stderr.write(`${paletteFor(io.stderr).dim(note)}\n`);
    if (reply.text) io.stdout.write(reply.verbatim || reply.text.endsWith('\n') ? reply.text : `${reply.text}\n`);
    if (reply.error) writeErrorText(io, reply.error, stack);
  }
  return reply.exit ?? EXIT.ok;
}

/** `error: <message>`, then `hint: <how to fix it>` when there is one; red and yellow on a terminal. */
export function writeErrorText(io: CliIo, error: ErrorBody, stack?: string): void {
  const paint = paletteFor(io.stderr);
  io.stderr.write(`${paint.red(paint.bold('error'))}: ${error.message}\n`);
  // A script's traceback (Lua) belongs right under its message.
  const traceback = tracebackOf(error.details);
  if (traceback) io.stderr.write(`${traceback}\n`);
  if (error.hint) io.stderr.write(`${paint.yellow('hint')}: ${error.hint}\n`);
  if (stack) io.stderr.write(`${paint.dim(stack)}\n`);
}

function tracebackOf(details: unknown): string | null {
  return typeof details === 'object' && details !== null && 'traceback' in details && typeof details.traceback === 'string' ? details.traceback : null;
}

/** A failure as a reply, so it prints like any other outcome. */
export function failure(error: ErrorBody, exit: ExitCode, extra: Omit<Reply, 'exit' | 'error' | 'data'> & { data?: unknown } = {}): Reply {
  return { data: null, ...extra, error, exit };
}
