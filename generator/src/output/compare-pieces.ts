import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Where a file given in pieces stands against the disk: the same bytes, or where it first differs. */
export type PiecesOutcome = { kind: 'same' } | { kind: 'missing' | 'differs'; write: (sink: PieceSink | null) => void };

export interface PieceSink {
  write: (bytes: Uint8Array) => void;
  close: () => void;
}

const COPY_BLOCK = 1 << 20;

/**
 * Compares `pieces` with the file at `path` without holding either whole. When they differ,
 * `write(sink)` sends the new contents to `sink` (the bytes already found equal are copied from the
 * old file, the rest comes from the pieces not yet walked), or with a null sink just closes the file:
 * the pieces are walked once either way.
 */
export function comparePieces(path: string, pieces: Iterable<string>): PiecesOutcome {
  let fd: number | null;
  try {
    fd = openSync(path, 'r');
  } catch {
    fd = null;
  }
  const iterator = pieces[Symbol.iterator]();
  let matched = 0;
  let pending: Uint8Array | null = null;
  if (fd !== null) {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const bytes = Buffer.from(next.value, 'utf8');
      if (!sameBytesAt(fd, matched, bytes)) {
        pending = bytes;
        break;
      }
      matched += bytes.length;
    }
    if (pending === null && fstatSync(fd).size === matched) {
      closeSync(fd);
      return { kind: 'same' };
    }
  }
  const old = fd;
  return {
    kind: old === null ? 'missing' : 'differs',
    write: (sink) => {
      try {
        if (!sink) return;
        if (old !== null) copyPrefix(old, matched, sink);
        if (pending) sink.write(pending);
        for (let next = iterator.next(); !next.done; next = iterator.next()) sink.write(Buffer.from(next.value, 'utf8'));
        sink.close();
      } finally {
        if (old !== null) closeSync(old);
      }
    },
  };
}

function sameBytesAt(fd: number, offset: number, bytes: Uint8Array): boolean {
  const found = Buffer.allocUnsafe(bytes.length);
  let read = 0;
  while (read < bytes.length) {
    const n = readSync(fd, found, read, bytes.length - read, offset + read);
    if (n === 0) return false;
    read += n;
  }
  return found.equals(bytes);
}

function copyPrefix(fd: number, length: number, sink: PieceSink): void {
  const block = Buffer.allocUnsafe(Math.min(COPY_BLOCK, Math.max(length, 1)));
  for (let offset = 0; offset < length; ) {
    const n = readSync(fd, block, 0, Math.min(block.length, length - offset), offset);
    if (n === 0) throw new Error('file shrank while it was being compared');
    sink.write(block.subarray(0, n));
    offset += n;
  }
}
