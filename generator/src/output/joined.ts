import { statSync } from 'node:fs';
import type { JoinedParts } from '../emit/emitter.js';
import type { KeptBytes, Piece } from './compare-pieces.js';

/**
 * Where each provider's piece of a joined file lies in the file as a run left it, and the file's
 * size and mtime just after: while they still hold, the file's bytes are the ones that run wrote,
 * and a later run may keep any unchanged provider's piece without making it again.
 */
export interface JoinedLayout {
  size: number;
  mtimeMs: number;
  /** Provider folders, in the file's order, with the byte offset and length of each one's piece (0: none). */
  folders: string[];
  offsets: number[];
  lengths: number[];
}

/** One provider as a joined file's walk sees it. */
export interface JoinedProvider {
  folder: string;
  /** Its summary is the one its piece in the recorded file was made from (it came from the cache unchanged). */
  unchanged: boolean;
  /** Its summary, read only if its piece must be made. */
  summary: () => unknown;
}

/** The offsets of a walk's pieces, known once the walk is over. */
export type LayoutOffsets = Omit<JoinedLayout, 'size' | 'mtimeMs'>;

/** `layout` if the file at `absolutePath` is still as the run that recorded it left it, else null. */
export function layoutIfIntact(absolutePath: string, layout: JoinedLayout | null): JoinedLayout | null {
  if (!layout) return null;
  const now = statSync(absolutePath, { throwIfNoEntry: false });
  if (!now || now.size !== layout.size || now.mtimeMs !== layout.mtimeMs) return null;
  // Pieces that do not fit the file are a layout of some other file: make every piece afresh.
  return layout.offsets.every((offset, i) => offset + layout.lengths[i]! <= layout.size) ? layout : null;
}

export function isJoinedLayout(value: unknown): value is JoinedLayout {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const numbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => Number.isSafeInteger(n) && n >= 0);
  return (
    typeof v.size === 'number' &&
    typeof v.mtimeMs === 'number' &&
    Array.isArray(v.folders) &&
    v.folders.every((f) => typeof f === 'string') &&
    numbers(v.offsets) &&
    numbers(v.lengths) &&
    v.offsets.length === v.folders.length &&
    v.lengths.length === v.folders.length
  );
}

/** Whether two recorded layouts say the same (so the index need not be written again for them). */
export function sameLayout(a: JoinedLayout | undefined, b: JoinedLayout | undefined): boolean {
  if (!a || !b) return a === b;
  const same = (x: unknown[], y: unknown[]) => x.length === y.length && x.every((e, i) => e === y[i]);
  return a.size === b.size && a.mtimeMs === b.mtimeMs && same(a.folders, b.folders) && same(a.offsets, b.offsets) && same(a.lengths, b.lengths);
}

/**
 * The file's pieces in order, for `comparePieces`: every unchanged provider's piece kept from the
 * old file where `old` places it (consecutive kept pieces, with the separator between them, as one
 * run of kept bytes), every other provider's piece made from its summary. When the walk has ended,
 * `done` is told where each piece landed in the new file.
 */
export function* joinedPieces(parts: JoinedParts<unknown>, providers: JoinedProvider[], old: JoinedLayout | null, done: (offsets: LayoutOffsets) => void): Iterable<Piece> {
  const oldPieces = new Map<string, KeptBytes>();
  if (old) old.folders.forEach((folder, i) => oldPieces.set(folder, { from: old.offsets[i]!, length: old.lengths[i]! }));
  const separator = Buffer.from(parts.separator, 'utf8');
  const layout: LayoutOffsets = { folders: [], offsets: [], lengths: [] };
  let position = 0;
  let any = false;
  // Kept bytes not yet handed on, so the next kept piece can join them.
  let run: KeptBytes | null = null;
  for (const provider of providers) {
    const kept = provider.unchanged ? oldPieces.get(provider.folder) : undefined;
    const made = kept ? null : Buffer.from(parts.piece(provider.summary()), 'utf8');
    const length = kept ? kept.length : made!.length;
    layout.folders.push(provider.folder);
    if (length === 0) {
      layout.offsets.push(position);
      layout.lengths.push(0);
      continue;
    }
    const lead = any ? separator : Buffer.from(parts.head, 'utf8');
    // The old file has exactly the separator between two consecutive pieces, so a kept piece right after the run (past one separator) extends it.
    if (kept && run && any && kept.from === run.from + run.length + separator.length) run.length += separator.length + kept.length;
    else {
      if (run) yield run;
      run = null;
      yield lead;
      if (kept) run = { ...kept };
      else yield made!;
    }
    position += lead.length;
    layout.offsets.push(position);
    layout.lengths.push(length);
    position += length;
    any = true;
  }
  if (run) yield run;
  yield any ? parts.tail : parts.empty;
  done(layout);
}
