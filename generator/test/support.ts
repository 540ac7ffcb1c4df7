import { execFileSync } from 'node:child_process';
import { closeSync, constants, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edit } from './broken-specs.cases.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fresh project root holding a copy of the fixture specs with `edits` applied. */
export function projectWith(edits: Edit[]): { root: string; specs: string } {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-spec-'));
  const specs = join(root, 'specs');
  cpSync(FIXTURES, specs, { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  for (const edit of edits) applyEdit(root, specs, edit);
  return { root, specs };
}

function applyEdit(root: string, specs: string, edit: Edit): void {
  if ('symlink' in edit) {
    mkdirSync(dirname(join(specs, edit.file)), { recursive: true });
    symlinkSync(edit.symlink, join(specs, edit.file));
    return;
  }
  if ('fifo' in edit) {
    // Node has no mkfifo; a named pipe is what would make a plain read wait forever.
    execFileSync('mkfifo', [join(specs, edit.file)]);
    return;
  }
  if ('directory' in edit) {
    mkdirSync(join(specs, edit.file), { recursive: true });
    return;
  }
  if ('outside' in edit) {
    mkdirSync(dirname(join(root, edit.outside)), { recursive: true });
    writeFileSync(join(root, edit.outside), edit.contents);
    return;
  }
  const path = join(specs, edit.file);
  if (edit.find === null) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, edit.replace);
    return;
  }
  const text = readFileSync(path, 'latin1');
  const find = Buffer.from(edit.find, 'utf8').toString('latin1');
  const replace = typeof edit.replace === 'string' ? Buffer.from(edit.replace, 'utf8').toString('latin1') : Buffer.from(edit.replace).toString('latin1');
  const count = text.split(find).length - 1;
  if (count !== 1) throw new Error(`edit for ${edit.file} must match exactly once; it matches ${count} times: ${edit.find}`);
  // latin1 maps bytes one to one, so a replacement may hold bytes that are not UTF-8.
  writeFileSync(path, Buffer.from(text.replace(find, () => replace), 'latin1'));
}

/**
 * A loader that opened a named pipe waits for a writer, and a thread blocked there cannot be
 * terminated: open each pipe for writing once, so such a reader sees end-of-file and lets go.
 */
export function releasePipes(specs: string, edits: Edit[]): void {
  for (const edit of edits) {
    if (!('fifo' in edit)) continue;
    try {
      closeSync(openSync(join(specs, edit.file), constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading it, which is what a sound loader does.
    }
  }
}
