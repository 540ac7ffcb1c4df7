import { spawn, spawnSync } from 'node:child_process';
import { CLI, REPO } from './support.js';

/** util-linux `script` gives the CLI a real pseudo-terminal, as a user's shell would. */
export const hasScript = spawnSync('script', ['--version']).status === 0;

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');

export interface PtySession {
  /** Waits until the output (escape codes and carriage returns removed) satisfies `done`. */
  until(done: (output: string) => boolean): Promise<void>;
  /** Waits until the output satisfies `done`, then types the keys (a line ends with Enter, \r, as a terminal sends it). */
  typeWhen(done: (output: string) => boolean, keys: string): Promise<void>;
  /** Waits until the output matches, then types the keys. */
  typeAfter(pattern: RegExp, keys: string): Promise<void>;
  /** The exit status of the command inside the terminal. */
  exited: Promise<number | null>;
  output(): string;
  kill(): void;
}

/** `switchboard <args>` in a pseudo-terminal: stdin and stdout are a TTY to it. */
export function ptySession(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): PtySession {
  const child = spawn('script', ['-qfec', [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, TERM: 'xterm', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters.splice(0)) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const until = (done: (output: string) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (done(plain(output)) ? resolve() : waiters.push(check));
      check();
    });
  async function typeWhen(done: (output: string) => boolean, keys: string): Promise<void> {
    await until(done);
    child.stdin.write(keys);
  }
  const typeAfter = (pattern: RegExp, keys: string) => typeWhen((out) => pattern.test(out), keys);
  return { until, typeWhen, typeAfter, exited, output: () => plain(output), kill: () => child.kill() };
}
