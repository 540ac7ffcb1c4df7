/**
 * `call … --output <path>`: a downloaded file's bytes written to a file (replacing it whole), into a
 * folder under the name the answer gives, or to stdout with `-`. What is printed then is the file's
 * description without its bytes.
 */

import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FunctionBinding } from '@switchboard/bindings';
import { returnsFile, type FileAnswer } from '@switchboard/runtime';
import { CliError, EXIT, UsageError, type CliIo } from './io.js';
import { errorCode, replaceFile } from './replace-file.js';

/** `--output` names only make sense for a function that returns a file; refused before any request otherwise. */
export function checkOutputFlag(fn: FunctionBinding, output: string | undefined, json: boolean): void {
  if (output === undefined) return;
  if (!returnsFile(fn.spec)) throw new UsageError(`--output saves a downloaded file, and ${fn.qualified} answers with JSON, which is printed.`, { code: 'invalid_flag', hint: 'leave out --output, or redirect the printed JSON: > answer.json' });
  if (output === '-' && json) throw new UsageError('--output - writes the file itself to stdout, where --json would write the envelope too; choose one.', { code: 'invalid_flag' });
}

export interface SavedDownload {
  /** Where the bytes went: an absolute path, or `-` for stdout. */
  savedTo: string;
  /** The file's description without its bytes, as printed. */
  shown: Omit<FileAnswer, 'content_base64' | 'content'> & { saved_to: string };
}

export function saveDownload(answer: FileAnswer, output: string, fn: FunctionBinding, cwd: string, stdout: CliIo['stdout']): SavedDownload {
  const bytes = Buffer.from(answer.content_base64, 'base64');
  const { filename, content_type, size } = answer;
  if (output === '-') {
    stdout.write(bytes);
    return { savedTo: '-', shown: { filename, content_type, size, saved_to: '-' } };
  }
  const target = targetPath(resolve(cwd, output), output, answer, fn);
  try {
    replaceFile(target, bytes);
  } catch (error) {
    // The call was made (a download is a read): a failure to keep its answer, not a bad command line.
    throw new CliError('output_not_written', `could not write the downloaded file to ${target} (${errorCode(error)}).`, EXIT.failure, 'name a file in a folder that exists and that you may write to');
  }
  return { savedTo: target, shown: { filename, content_type, size, saved_to: target } };
}

/** A folder (existing, or written with a trailing slash) receives the file under the answer's name, else `<function>.bin`. */
function targetPath(absolute: string, written: string, answer: FileAnswer, fn: FunctionBinding): string {
  const isFolder = /[/\\]$/.test(written) || isDirectory(absolute);
  return isFolder ? join(absolute, answer.filename ?? `${fn.name}.bin`) : absolute;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
