import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Where a file given in pieces stands against the disk: the same bytes, or where it first differs. */
export type PiecesOutcome = { kind: 'same' } | { kind: 'missing' | 'differs'; write: (sink: PieceSink | null) => void };

export interface PieceSink {
  write: (bytes: Uint8Array) => void;
  close: () => void;
}

/** Bytes `from`…`from + length` of the file being compared, as they are before it is replaced: a part of it kept. */
export interface KeptBytes {
  from: number;
  length: number;
}

export type Piece = string | Uint8Array | KeptBytes;

const COPY_BLOCK = 1 << 20;

const isKept = (piece: Piece): piece is KeptBytes => typeof piece === 'object' && !(piece instanceof Uint8Array);

/**
 * Compares `pieces` with the file at `path` without holding either whole. When they differ,
 * `write(sink)` sends the new contents to `sink` (the bytes already found equal are copied from the
 * old file, the rest comes from the pieces not yet walked), or with a null sink just closes the file:
 * the pieces are walked once either way.
 *
 * A piece may be kept bytes of the old file itself: where it lands at its own offset it is equal
 * without being read, so a file rebuilt from a few new pieces between kept ones is compared at the
 * cost of the new pieces alone. Kept bytes are only meaningful against an existing file at least
 * that long; anything else is an error of the caller's.
 */
export function comparePieces(path: string, pieces: Iterable<Piece>): PiecesOutcome {
  let fd: number | null;
  try {
    fd = openSync(path, 'r');
  } catch {
    fd = null;
  }
  const iterator = pieces[Symbol.iterator]();
  let matched = 0;
  let pending: Piece | null = null;
  const size = fd === null ? 0 : fstatSync(fd).size;
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    const piece = next.value;
    if (isKept(piece) && (fd === null || piece.from + piece.length > size)) {
      if (fd !== null) closeSync(fd);
      throw new Error(`${path}: kept bytes ${piece.from}…${piece.from + piece.length} are not in the file (${size} bytes)`);
    }
    if (fd === null) {
      pending = piece;
      break;
    }
    const length = isKept(piece) ? piece.length : 0;
    if (isKept(piece) ? piece.from === matched || keptBytesAt(fd, piece, matched) : sameBytesAt(fd, matched, bytesOf(piece))) {
      matched += isKept(piece) ? length : bytesOf(piece).length;
      continue;
    }
    pending = piece;
    break;
  }
  if (fd !== null && pending === null && size === matched) {
    closeSync(fd);
    return { kind: 'same' };
  }
  const old = fd;
  const send = (sink: PieceSink, piece: Piece) => (isKept(piece) ? copyRange(old!, piece.from, piece.length, sink) : sink.write(bytesOf(piece)));
  return {
    kind: old === null ? 'missing' : 'differs',
    write: (sink) => {
      try {
        if (!sink) return;
        if (old !== null) copyRange(old, 0, matched, sink);
        if (pending !== null) send(sink, pending);
        for (let next = iterator.next(); !next.done; next = iterator.next()) send(sink, next.value);
        sink.close();
      } finally {
        if (old !== null) closeSync(old);
      }
    },
  };
}

const bytesOf = (piece: string | Uint8Array): Uint8Array => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);

function readFully(fd: number, into: Buffer, offset: number): boolean {
  let read = 0;
  while (read < into.length) {
    const n = readSync(fd, into, read, into.length - read, offset + read);
    if (n === 0) return false;
    read += n;
  }
  return true;
}

function sameBytesAt(fd: number, offset: number, bytes: Uint8Array): boolean {
  const found = Buffer.allocUnsafe(bytes.length);
  return readFully(fd, found, offset) && found.equals(bytes);
}

/** Whether the old file's bytes `kept` equal its bytes at `offset` (a kept part that moved). */
function keptBytesAt(fd: number, kept: KeptBytes, offset: number): boolean {
  for (let done = 0; done < kept.length; ) {
    const block = Buffer.allocUnsafe(Math.min(COPY_BLOCK, kept.length - done));
    if (!readFully(fd, block, kept.from + done) || !sameBytesAt(fd, offset + done, block)) return false;
    done += block.length;
  }
  return true;
}

function copyRange(fd: number, from: number, length: number, sink: PieceSink): void {
  const block = Buffer.allocUnsafe(Math.min(COPY_BLOCK, Math.max(length, 1)));
  for (let offset = 0; offset < length; ) {
    const n = readSync(fd, block, 0, Math.min(block.length, length - offset), from + offset);
    if (n === 0) throw new Error('file shrank while it was being compared');
    sink.write(block.subarray(0, n));
    offset += n;
  }
}
