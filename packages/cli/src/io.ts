/** Where a command writes; injected so tests can drive commands in-process too. */
export interface CliIo {
  /** Text, or a downloaded file's bytes (`call --output -`). */
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
}

/** Exit codes shared by every command: 0 success, 1 failure, 2 invalid usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The `error` object of every JSON envelope. */
export interface ErrorBody {
  /** Stable, machine-readable: `unknown_function`, `invalid_arguments`, `write_denied`, … */
  code: string;
  /** One sentence for a person; never a credential. */
  message: string;
  /** How to fix it, when we know (a did-you-mean, the flag to add). */
  hint?: string;
  /** Structured facts behind the message (validation issues, spec problems). */
  details?: unknown;
}

/**
 * A failure a command reports on purpose: it carries its error code and exit code, and is
 * printed without a stack trace (with `--debug` the stack follows).
 */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exit: ExitCode = EXIT.failure,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}), ...(this.details !== undefined ? { details: this.details } : {}) };
  }
}

/** The command was used wrongly (exit 2); `code` says how, `hint` how to fix it. */
export class UsageError extends CliError {
  constructor(message: string, options: { code?: string; hint?: string; details?: unknown } = {}) {
    super(options.code ?? 'invalid_usage', message, EXIT.usage, options.hint, options.details);
  }
}
