import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * `path` replaced by `text` whole: written beside it under a temporary name of this process and
 * renamed over it, so an interrupted write leaves the old file as it was. On failure the temporary
 * file is removed and the file system's error thrown, with its `code`, for the caller to word.
 */
export function replaceFile(path: string, text: string | Uint8Array, mode?: number): void {
  // Beside the file (a rename across file systems would fail), named for this process so two at once do not collide.
  const temporary = `${path}.switchboard-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, mode === undefined ? undefined : { mode });
    // The mode given to writeFileSync is narrowed by the umask; a file of secrets must be exactly it.
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Its folder is not there to hold it: nothing was left behind.
    }
    throw error;
  }
}

/** The code of a file system error (`EACCES`), for a message that names it. */
export const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';
