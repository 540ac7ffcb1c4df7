/**
 * Level filtering and redaction in front of the caller's logger, so call sites
 * can log freely: nothing below the level is formatted, nothing secret leaves.
 */

import type { LogLevel, Logger } from './options.js';
import type { Redactor } from './redact.js';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

export type Log = Record<Exclude<LogLevel, 'off'>, (message: string) => void> & {
  /** Whether debug lines are written: call sites on the hot path skip building them otherwise. */
  readonly debugOn: boolean;
};

export function makeLog(logger: Logger, level: LogLevel, redactor: Redactor): Log {
  const at = (name: Exclude<LogLevel, 'off'>) => (message: string) => {
    if (RANK[name] >= RANK[level]) logger[name](`[switchboard] ${redactor.string(message)}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), debugOn: RANK.debug >= RANK[level] };
}
