import { describe, expect, it } from 'vitest';
import { progressLine } from '../src/progress.js';
import { jsonSummary } from '../src/report.js';
import { emitters, generate } from '../src/index.js';
import { projectWith } from './support.js';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe('progress line', () => {
  it('draws providers done of total on a terminal, and erases itself when done', () => {
    const tty = terminal(true);
    let now = 0;
    const line = progressLine(tty, {}, () => now, 100);
    line.update({ phase: 'providers', done: 1, total: 3 });
    now = 50; // too soon to redraw
    line.update({ phase: 'providers', done: 2, total: 3 });
    line.update({ phase: 'providers', done: 3, total: 3 }); // the last step always shows
    line.update({ phase: 'write', done: 0, total: 1 });
    line.done();
    expect(tty.writes).toEqual(['\r\x1b[2Kgenerate: providers 1/3', '\r\x1b[2Kgenerate: providers 3/3', '\r\x1b[2K']);
  });

  it.each([
    ['a pipe', false, {}],
    ['CI', true, { CI: 'true' }],
  ])('writes nothing to %s', (_name, isTTY, env) => {
    const out = terminal(isTTY);
    const line = progressLine(out, env, () => 1_000);
    line.update({ phase: 'providers', done: 1, total: 1 });
    line.done();
    expect(out.writes).toEqual([]);
  });

  it('is told about every provider by generate', () => {
    const { root } = projectWith([]);
    const seen: string[] = [];
    generate({ rootDir: root, onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`) });
    expect(seen).toEqual(['providers 1/1', `index 0/${emitters.length}`, 'write 0/1']);
  });
});

describe('--json summary', () => {
  it('carries the outcome, what the cache saved and every phase timing', () => {
    const { root } = projectWith([]);
    generate({ rootDir: root });
    const summary = JSON.parse(JSON.stringify(jsonSummary(generate({ rootDir: root }))));
    expect(summary).toMatchObject({ kind: 'written', written: [], removed: [], stats: { providers: 1, parsed: 0, emitted: 0 } });
    expect(summary.timings.length).toBeGreaterThan(0);
    for (const t of summary.timings) expect(t).toEqual({ phase: expect.any(String), ms: expect.any(Number) });
  });
});
