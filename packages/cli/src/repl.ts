/**
 * `switchboard lua --repl`: an interactive Lua session (`lua> ` prompt; `:quit`, `:q` or end of
 * input leaves). The session is one long script run (REPL_SCRIPT in @switchboard/lua), so
 * globals persist and every call goes through the same host, policy and limits as a script.
 * Lines are kept in `$SWITCHBOARD_HOME/lua_history` (the last HISTORY_SIZE), newest first in
 * readline's order, so arrow keys bring back earlier sessions' lines too.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { LuaHostFunctions, LuaLimits, LuaPool } from '@switchboard/lua';

const HISTORY_SIZE = 500;
const QUIT = new Set([':quit', ':q', ':exit']);
/** A session may stay open all day; each line still gets the CPU limit (24 h keeps the pool's timer in range). */
const SESSION_WALL_MS = 24 * 60 * 60 * 1000;

export interface ReplOptions {
  pool: LuaPool;
  /** The host scripts get (integrations, docs, MCP); the REPL adds its input and live output. */
  host: LuaHostFunctions;
  limits: Partial<LuaLimits>;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where errors of the session itself go (a limit that ended it). */
  errors: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

export function historyPath(env: NodeJS.ProcessEnv): string {
  return join(env.SWITCHBOARD_HOME ?? join(homedir(), '.switchboard'), 'lua_history');
}

function loadHistory(path: string): string[] {
  if (!existsSync(path)) return [];
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_SIZE).reverse();
  } catch {
    // History is a convenience: one that cannot be read (a folder, a file of another user) starts the session without it.
    return [];
  }
}

function remember(path: string, line: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, `${line.replace(/\n/g, ' ')}\n`, { mode: 0o600 });
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    if (lines.length > HISTORY_SIZE * 2) writeFileSync(path, `${lines.slice(-HISTORY_SIZE).join('\n')}\n`);
  } catch {
    // History is a convenience: a read-only home must not end the session.
  }
}

/** Lines typed while the script is busy wait here, in order. */
class LineQueue {
  private readonly lines: Array<string | null> = [];
  private waiting: ((line: string | null) => void) | undefined;

  push(line: string | null): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(line);
    } else this.lines.push(line);
  }

  next(): Promise<string | null> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift()!);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

export async function runRepl(options: ReplOptions): Promise<void> {
  const { REPL_SCRIPT } = await import('@switchboard/lua');
  const path = historyPath(options.env);
  const terminal = (options.output as { isTTY?: boolean }).isTTY === true;
  const rl: Interface = createInterface({ input: options.input, output: options.output, terminal, history: loadHistory(path), historySize: HISTORY_SIZE });
  const queue = new LineQueue();
  let ended = false;
  rl.on('line', (line) => {
    if (QUIT.has(line.trim())) {
      ended = true;
      queue.push(null);
      return;
    }
    if (line.trim() !== '') remember(path, line);
    queue.push(line);
  });
  rl.on('close', () => {
    ended = true;
    queue.push(null);
  });
  if (terminal) options.output.write('Lua 5.4 (switchboard sandbox). :quit to leave.\n');

  const host: LuaHostFunctions = {
    ...options.host,
    output: (text) => options.output.write(text),
    repl: {
      async read(prompt) {
        rl.setPrompt(prompt);
        rl.prompt();
        return queue.next();
      },
    },
  };
  try {
    while (!ended) {
      const run = await options.pool.run(REPL_SCRIPT, host, { ...options.limits, wallMs: SESSION_WALL_MS }, { name: 'repl' });
      // A limit (or a kill) ends that session's state; the user gets a fresh one and is told so.
      if (run.error && !ended) options.errors.write(`error: ${run.error.message} (the session was reset)\n`);
      if (!run.error) break;
    }
  } finally {
    rl.close();
  }
}
