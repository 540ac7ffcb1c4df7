/**
 * Reading what is under specs/ without trusting it: a spec file must be a regular file inside
 * specs/ (a symlink leaving specs/ is refused and its target never opened), at most
 * MAX_SPEC_FILE_BYTES long, and valid UTF-8. Each refusal is a diagnostic, never a throw, so
 * one bad entry does not stop the others from being reported.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Diagnostic } from './diagnostics.js';

/** 1 MB: the largest spec today is about 16 KB; anything near this is a mistake or an attack. */
export const MAX_SPEC_FILE_BYTES = 1024 * 1024;

export type SpecEntry =
  | { kind: 'file' | 'directory'; path: string }
  | { kind: 'other' }
  | { kind: 'refused'; diagnostic: Diagnostic };

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * What `name` (relative to specs/, forward slashes) is, following a symlink only when its
 * target stays inside specs/. `specsRoot` is the real path of specs/.
 */
export function classifyEntry(specsRoot: string, name: string): SpecEntry {
  const path = join(specsRoot, name);
  const at = (message: string): SpecEntry => ({ kind: 'refused', diagnostic: { file: name, line: 1, column: 1, message } });
  let stats: Stats;
  let real = path;
  try {
    stats = lstatSync(path);
    if (stats.isSymbolicLink()) {
      const target = readlinkSync(path);
      try {
        real = realpathSync(path);
      } catch {
        return at(`is a symbolic link to '${target}', which does not exist.`);
      }
      if (!isInside(specsRoot, real)) {
        return at(`is a symbolic link to '${target}', outside specs/; specs must live inside specs/, so it was not read.`);
      }
      stats = statSync(real);
    }
  } catch (error) {
    return at(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  if (stats.isDirectory()) return { kind: 'directory', path: real };
  if (stats.isFile()) return { kind: 'file', path: real };
  return { kind: 'other' };
}

/** Worded once: `toLocaleString` goes through Intl, which cost more than the read itself when it ran for every file. */
const SIZE_LIMIT = `spec files are limited to 1 MB (${MAX_SPEC_FILE_BYTES.toLocaleString('en-US')} bytes)`;

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/** The text of a spec file that `classifyEntry` found to be a file. */
export function readSpecText(file: string, path: string): ReadResult {
  const refuse = (message: string, line = 1, column = 1): ReadResult => ({ ok: false, diagnostic: { file, line, column, message } });
  let bytes: Buffer;
  try {
    // One open for the size check and the read: a path looked up twice may name two files.
    // Non-blocking, so an entry swapped for a named pipe since it was listed cannot make the open wait.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) return refuse(`is not a regular file (a device, socket or pipe); spec files are plain YAML files.`);
      const size = stats.size;
      if (size > MAX_SPEC_FILE_BYTES) return refuse(`file is ${size.toLocaleString('en-US')} bytes; ${SIZE_LIMIT}.`);
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return refuse(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  // The file may have grown between the size check and the read.
  if (bytes.length > MAX_SPEC_FILE_BYTES) return refuse(`file is over ${MAX_SPEC_FILE_BYTES.toLocaleString('en-US')} bytes; ${SIZE_LIMIT}.`);
  // Node's native check first (simdutf, the same strict RFC 3629 rules); the byte-by-byte walk only to say where.
  const bad = isUtf8(bytes) ? null : firstInvalidUtf8(bytes);
  if (bad !== null) {
    const { line, column } = positionOfByte(bytes, bad);
    return refuse(`invalid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}); spec files must be UTF-8 text.`, line, column);
  }
  return { ok: true, text: bytes.toString('utf8') };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or null. */
function firstInvalidUtf8(bytes: Uint8Array): number | null {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → sequence length and the allowed range of the second byte (RFC 3629 table).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return i;
    }
    i += length;
  }
  return null;
}

/** 1-based line and column (in UTF-16 units, as YAML positions are) of a byte offset. */
function positionOfByte(bytes: Buffer, offset: number): { line: number; column: number } {
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  return { line, column: bytes.subarray(lineStart, offset).toString('utf8').length + 1 };
}
