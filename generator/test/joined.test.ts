import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinedFile, type JoinedParts } from '../src/emit/emitter.js';
import { comparePieces, type Piece } from '../src/output/compare-pieces.js';
import { joinedPieces, layoutIfIntact, type JoinedLayout } from '../src/output/joined.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-joined-'));

interface Fake {
  folder: string;
  text: string;
}

const parts: JoinedParts<Fake> = { head: '[\n  ', piece: (p) => p.text, separator: ',\n  ', tail: '\n]\n', empty: '[]\n' };
const bare: JoinedParts<Fake> = { head: '# head\n', piece: (p) => p.text, separator: '', tail: '', empty: '# head\n' };

/** The file as a full walk of every summary makes it. */
const full = (p: JoinedParts<Fake>, providers: Fake[]) => [...joinedFile('x', providers, p).chunks()].join('');

/** A run: the file's pieces (kept from `path` where `old` allows), compared and written over it; returns what it found and the new layout. */
function patch(path: string, p: JoinedParts<Fake>, providers: Fake[], unchanged: Set<string>, old: JoinedLayout | null) {
  let offsets: Omit<JoinedLayout, 'size' | 'mtimeMs'> | null = null;
  const made: string[] = [];
  const pieces: Iterable<Piece> = joinedPieces(
    p as JoinedParts<unknown>,
    providers.map((f) => ({ folder: f.folder, unchanged: unchanged.has(f.folder), summary: () => (made.push(f.folder), f) })),
    layoutIfIntact(path, old),
    (o) => (offsets = o),
  );
  const outcome = comparePieces(path, pieces);
  if (outcome.kind !== 'same') {
    const chunks: Buffer[] = [];
    outcome.write({ write: (bytes) => void chunks.push(Buffer.from(bytes)), close: () => writeFileSync(path, Buffer.concat(chunks)) });
  }
  const stat = statSync(path);
  return { kind: outcome.kind, made, layout: { size: stat.size, mtimeMs: stat.mtimeMs, ...offsets! } satisfies JoinedLayout };
}

const laterMtime = (path: string) => {
  const { atime, mtime } = statSync(path);
  utimesSync(path, atime, new Date(mtime.getTime() + 2000));
};

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('joined files patched from kept pieces', () => {
  it('an unchanged file is the same, and nothing is made', () => {
    const path = join(dir, 'same');
    const providers = [{ folder: 'a', text: '"a"' }, { folder: 'b', text: '' }, { folder: 'c', text: '"cé"' }];
    const first = patch(path, parts, providers, new Set(), null);
    expect(first.kind).toBe('missing');
    expect(readFileSync(path, 'utf8')).toBe(full(parts, providers));
    const again = patch(path, parts, providers, new Set(['a', 'b', 'c']), first.layout);
    expect(again).toMatchObject({ kind: 'same', made: [] });
  });

  it('a file changed on disk since it was recorded is made in full, never patched', () => {
    const path = join(dir, 'edited');
    const providers = [{ folder: 'a', text: '"a"' }, { folder: 'b', text: '"b"' }];
    const { layout } = patch(path, parts, providers, new Set(), null);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"a"', '"A"'));
    // The same size; a person edits seconds later, past the file system's mtime granularity (a few ms on ext4).
    laterMtime(path);
    const repaired = patch(path, parts, providers, new Set(['a', 'b']), layout);
    expect(repaired).toMatchObject({ kind: 'differs', made: ['a', 'b'] });
    expect(readFileSync(path, 'utf8')).toBe(full(parts, providers));
  });

  it.each([
    ['with a separator', parts],
    ['without one', bare],
  ])('edits, additions, removals, reorders and emptied pieces %s: the patched file is the full one, and only changed pieces are made', (_name, p) => {
    const next = random(15);
    const path = join(dir, `random-${p.separator.length}`);
    let providers: Fake[] = Array.from({ length: 12 }, (_, i) => ({ folder: `p${i}`, text: `{"p${i}": ${i}}` }));
    let { layout } = patch(path, p, providers, new Set(), null);
    let serial = 100;
    for (let round = 0; round < 300; round++) {
      const changed = new Set<string>();
      const roll = next();
      providers = providers.map((f) => {
        if (next() > 0.15) return f;
        changed.add(f.folder);
        // Sometimes an empty piece (a provider with no examples), sometimes a non-ASCII one.
        return { folder: f.folder, text: next() < 0.25 ? '' : `{"${f.folder}": "é${serial++}"}` };
      });
      if (roll < 0.1 && providers.length > 0) providers.splice(Math.floor(next() * providers.length), 1);
      else if (roll < 0.2) {
        const folder = `n${serial++}`;
        changed.add(folder);
        providers.splice(Math.floor(next() * (providers.length + 1)), 0, { folder, text: `{"${folder}": 1}` });
      } else if (roll < 0.25 && providers.length > 1) providers.reverse();
      const unchanged = new Set(providers.map((f) => f.folder).filter((f) => !changed.has(f)));
      const expected = full(p, providers);
      const before = readFileSync(path, 'utf8');
      const result = patch(path, p, providers, unchanged, layout);
      expect(readFileSync(path, 'utf8')).toBe(expected);
      expect(result.kind).toBe(before === expected ? 'same' : 'differs');
      // Every unchanged provider was in the last layout, so only the changed ones were made.
      expect(result.made.sort()).toEqual([...changed].filter((f) => providers.some((x) => x.folder === f)).sort());
      layout = result.layout;
    }
  });
});

describe('comparePieces with kept bytes', () => {
  const path = join(dir, 'kept');

  it('kept bytes in their own place are equal; moved ones are compared by their bytes', () => {
    writeFileSync(path, 'abcabc');
    expect(comparePieces(path, [{ from: 0, length: 3 }, 'abc']).kind).toBe('same');
    expect(comparePieces(path, ['abc', { from: 0, length: 3 }]).kind).toBe('same');
    const moved = comparePieces(path, ['ab', { from: 0, length: 3 }, 'c']);
    expect(moved.kind).toBe('differs');
    const chunks: Buffer[] = [];
    if (moved.kind === 'differs') moved.write({ write: (b) => void chunks.push(Buffer.from(b)), close: () => undefined });
    expect(Buffer.concat(chunks).toString()).toBe('ababcc');
  });

  it('kept bytes past the end of the file are refused, not invented', () => {
    writeFileSync(path, 'abc');
    expect(() => comparePieces(path, [{ from: 1, length: 5 }])).toThrow(/not in the file/);
    expect(() => comparePieces(join(dir, 'absent'), [{ from: 0, length: 1 }])).toThrow(/not in the file/);
  });
});
