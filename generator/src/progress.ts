import type { Progress } from './pipeline.js';

export interface ProgressTerminal {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A live line on a terminal ("generate: providers 420/1000"), redrawn at most every `everyMs`;
 * `done` erases it. On anything that is not a terminal (a pipe, a CI log) it writes nothing,
 * so logs hold only the final summary.
 */
export function progressLine(terminal: ProgressTerminal, env: NodeJS.ProcessEnv, now: () => number = () => performance.now(), everyMs = 100) {
  const live = terminal.isTTY === true && !env.CI;
  let last = -Infinity;
  let shown = false;
  return {
    update(progress: Progress): void {
      if (!live) return;
      const final = progress.done === progress.total;
      if (!final && now() - last < everyMs) return;
      last = now();
      shown = true;
      const step = progress.phase === 'providers' ? `providers ${progress.done}/${progress.total}` : progress.phase === 'index' ? 'catalog-wide files' : 'writing';
      terminal.write(`\r\x1b[2Kgenerate: ${step}`);
    },
    done(): void {
      if (shown) terminal.write('\r\x1b[2K');
      shown = false;
    },
  };
}
