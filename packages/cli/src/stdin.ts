import { fstatSync, readFileSync, statSync } from 'node:fs';
import { UsageError } from './io.js';

/**
 * The most a JSON payload or Lua script may be, from standard input or a file: 4 MiB, the same
 * bound the MCP SDK puts on an HTTP request body. Anything larger is a mistake (a wrong file piped
 * in) rather than a payload, and is refused before it is all read into memory.
 */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

const tooLarge = (what: string) =>
  new UsageError(`${what} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the limit for a payload or script; nothing was run.`, { code: 'input_too_large' });

/** Standard input when something is piped in; null for a terminal or nothing. */
export async function readStdinIfPiped(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const stat = fstatSync(0);
  // Only read real pipes and files: an inherited, never-closed stdin would block forever.
  if (!stat.isFIFO() && !stat.isFile()) return null;
  if (stat.isFile() && stat.size > MAX_INPUT_BYTES) throw tooLarge('standard input');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_INPUT_BYTES) {
      // Stop reading now: the writer gets EPIPE instead of us buffering all of it.
      process.stdin.destroy();
      throw tooLarge('standard input');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A script file, refused before reading when it is over the limit. */
export function readInputFile(path: string): string {
  const unreadable = (error: unknown) => new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, { code: 'unreadable_file' });
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw unreadable(error);
  }
  if (size > MAX_INPUT_BYTES) throw tooLarge(path);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(error);
  }
}
