import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePieces } from '../src/output/compare-pieces.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-pieces-'));

/** Compares `pieces` with a file holding `old` (none if null), and writes what differs to a second file. */
function run(old: string | null, pieces: string[]) {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}`);
  if (old !== null) writeFileSync(path, old);
  const walked: string[] = [];
  const outcome = comparePieces(path, (function* () {
    for (const piece of pieces) {
      walked.push(piece);
      yield piece;
    }
  })());
  if (outcome.kind === 'same') return { kind: outcome.kind, walked };
  const out = `${path}.new`;
  const chunks: Buffer[] = [];
  outcome.write({ write: (bytes) => void chunks.push(Buffer.from(bytes)), close: () => writeFileSync(out, Buffer.concat(chunks)) });
  return { kind: outcome.kind, walked, written: readFileSync(out, 'utf8') };
}

describe('comparePieces', () => {
  it('the same bytes, in any cut, are the same', () => expect(run('abcdéf', ['ab', 'cdé', 'f'])).toEqual({ kind: 'same', walked: ['ab', 'cdé', 'f'] }));
  it.each([
    ['a file that is missing', null, ['ab', 'cd'], 'missing'],
    ['a change in the middle', 'abXdef', ['ab', 'cd', 'ef'], 'differs'],
    ['a file longer than the pieces', 'abcdef', ['ab', 'cd'], 'differs'],
    ['a file shorter than the pieces', 'ab', ['ab', 'cd'], 'differs'],
    ['no pieces against a file with bytes', 'ab', [], 'differs'],
  ])('%s: the new contents are written whole, each piece walked once', (_name, old, pieces, kind) => {
    const result = run(old, pieces);
    expect(result).toEqual({ kind, walked: pieces, written: pieces.join('') });
  });
});
