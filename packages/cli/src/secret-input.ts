import { CliError, EXIT, type CliIo } from './io.js';

/**
 * One line typed on the terminal without echoing it: raw mode, so no character reaches the
 * screen; Backspace edits, Enter ends, Ctrl-C or Ctrl-D cancels. The prompt goes to stderr so
 * stdout stays clean for `--json`.
 */
export function askHidden(prompt: string, io: CliIo, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  // Raw mode before the prompt: whatever is typed once the prompt shows is never echoed.
  input.setRawMode(true);
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (finish: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      io.stderr.write('\n');
      finish();
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(() => resolve(typed));
        if (char === '\u0003' || char === '\u0004') return done(() => reject(new CliError('cancelled', 'cancelled; nothing was saved.', EXIT.failure)));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

/** Lines of piped standard input, one value per line (a trailing CR dropped, as from Windows editors). */
export function linesOf(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
