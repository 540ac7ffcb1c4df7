import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWithPositions } from '../src/load/parse.js';
import { matchesAtSomeFind, quickParse, quickTopLevelKeyPosition, quickTopLevelPosition, RISKY_TEXT } from '../src/load/quick-parse.js';
import { brokenSpecCases } from './broken-specs.cases.js';
import { seededRandom } from './seeded-random.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ACME = join(REPO, 'generator/test/fixtures/acme');

function yamlFilesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every YAML text at hand: the catalog, the test fixtures, the importer's documents, and each broken-spec case's edited files. */
function corpus(): Array<{ name: string; text: string }> {
  const files = ['specs', 'generator/test/fixtures', 'test/fixtures', 'packages/importer/test/fixtures'].flatMap((dir) => yamlFilesUnder(join(REPO, dir)));
  const texts = files.flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const name = path.slice(REPO.length);
    // The same file as editors may save it: with a byte order mark, CRLF or bare CR line ends.
    return [
      { name, text },
      { name: `${name} (BOM, CRLF)`, text: `\uFEFF${text.replace(/\n/g, '\r\n')}` },
      { name: `${name} (CR)`, text: text.replace(/\n/g, '\r') },
    ];
  });
  for (const c of brokenSpecCases) {
    for (const edit of c.edits) {
      if (!('find' in edit) || typeof edit.replace !== 'string') continue;
      const original = edit.find === null ? '' : readFileSync(join(ACME, '..', edit.file), 'utf8');
      texts.push({ name: `${c.name}: ${edit.file}`, text: edit.find === null ? edit.replace : original.replace(edit.find, edit.replace) });
    }
  }
  return texts;
}

/** Scalars and shapes on which js-yaml's core schema and `yaml`'s documents were seen to differ, or might. */
const TRICKY = [
  ...['0b101', '+0x1', '0x1F', '0o17', '017', '+.5', '.5', '-0', '1e3', '1.7976931348623157e309', '.inf', '-.Inf', '.NaN', '1_000', '9007199254740993', '~', 'Null', 'yes', 'on', '2024-01-01', '12:30:00', "'x''y'", '"\\x41"', '"\\N"', '"\\_"', 'a #b', 'a: b'].map((s) => `k: ${s}\n`),
  'null: a\n', '~: a\n', '"": a\n', '[a]: b\n', '{a: 1}: b\n', '? a\n: b\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.1\n---\na: yes\n', '---\na: 1\n', 'a: 1\n---\nb: 2\n',
  'description: "x\nname: y\n  z"\n"name": y\n', 'a: "x\ny"\n', "a: 'x\ny'\n", 'a:\n  b: "x\n y"\n', 'a:\n  - "x\n  y"\n', 'a: ["x\ny"]\n', 'a: "x\\"\ny"\n',
  'a: |\n\tx\n', 'a: |\n  x\n\ty\n', 'a: |\n  x\t\n',
  'a: b\n...\n', '__proto__: {x: 1}\n', 'a:\t1\n', 'a:\n\t- 1\n', 'a: 1\na: 2\n', '1: a\n"1": b\n', 'a: |\n  x\n  y\n', 'a: >-\n  x\n\n  y\n', 'a: |+\n  x\n\n', 'a: "x\n  y"\n',
  "a: 'x\n\n  y'\n", 'a: x\n  y\n', 'a: [1, 2, {b: c}]\n', 'a: {b: }\n', 'a:\n  - b\n  -\n', 'a: "\\u2028"\n', `a: ${'['.repeat(200)}${']'.repeat(200)}\n`, `a: "${'x'.repeat(20_000)}"\n`, '<<: {a: 1}\n', '- a\n- b\n', '',
  // Plain anchors and aliases (whole block values), and the shapes around them that stay with the positioned parse.
  'a: &x\n  b: 1\nc: *x\n', 'a: &x\n  - 1\n  - 2\nc:\n  - *x\n  - *x\n', 'a: &x\nb: *x\n', 'a: &x\n- 1\nb: *x\n', 'a: &x\n  b: 1\nc: *y\n', 'c: *x\na: &x\n  b: 1\n',
  'a: &x\n  b: 1\na2: &x\n  c: 1\nd: *x\n', 'a: &x\n  b: &y\n    c: 1\n  d: *y\ne: *x\n', 'a: &x\n  b: *x\n', '- &x\n  a: 1\n- *x\n', 'a: &x\r\n  b: 1\r\nc: *x\r\n', 'a: &x  \n  b: 1\nc: *x \n',
  '- - &x\n    a: 1\n- - *x\n', 'a: &x\n  b: 1\nc:\n  *x\n', 'a: &x\n  b: 1\nc: *x\n  d: 2\n', 'a: &x\n  b: 1\n*x : 2\n', 'x: &a\n  - &b\n    k: 1\n  - *b\ny: *a\n', 'a: &x\n  b: 1\nc: *x # c\n',
  `a: &x\n  b: 1\n${Array.from({ length: 11 }, (_, i) => `c${i}: *x\n`).join('')}`, plainAliasBomb(),
  // Quotes inside a closed quoted value open nothing; one left open does.
  'a:\n  b:\n    - \n- c\n  - d\n', 'join: ","\n', "a: ','\n", 'a: "x, \\"y"\n', "a: 'it''s'\n", 'a: [",", "x"]\n', 'a: b # "c\n', 'a: "x" # "y\n', 'a: "x", "y\n', 'a:  "x\ny"\n', 'a: b, "c\n  d"\n',
];

/** A "billion laughs" in the plain alias form: ten aliases, each level doubling the one before. */
function plainAliasBomb(): string {
  const lines = ['l0: &l0', ...Array.from({ length: 2_000 }, (_, i) => `  - v${i}`)];
  for (let level = 1; level <= 5; level++) lines.push(`l${level}: &l${level}`, `  - *l${level - 1}`, `  - *l${level - 1}`);
  return `${lines.join('\n')}\n`;
}

// Thousands of texts through both parsers: a few seconds on a quiet machine, so the limit (which
// only has to end a hang) is far above vitest's default of 5 s, which a loaded CI machine can pass.
describe('the quick parser', { timeout: 300_000 }, () => {
  it('answers only where it gives exactly the data the positioned parse gives', () => {
    let answered = 0;
    for (const { name, text } of [...corpus(), ...TRICKY.map((text) => ({ name: JSON.stringify(text.slice(0, 60)), text }))]) {
      const quick = quickParse(text);
      if (!quick) continue;
      answered++;
      const positioned = parseWithPositions('x.yaml', text);
      expect(positioned.ok, `${name}: the quick parser read a file the positioned parse refuses`).toBe(true);
      if (positioned.ok) expect(quick.data, name).toStrictEqual(positioned.parsed.data);
    }
    expect(answered).toBeGreaterThan(0);
  });

  it('still agrees on damaged files: seeded mutations of the fixture provider and the catalog', () => {
    // A fixed seed, so a failure names a text that can be reproduced.
    let seed = 0x5eed;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ['"', "'", ':', ': ', '- ', '\n', '\n  ', ' ', '#', '[', ']', '{', '}', ',', '|', '>', '-', '0', '1.5e3', 'null', '~', 'true', '\\', '?', '&', '*', '!', '%', '\t', '---'];
    const sources = [...yamlFilesUnder(ACME), ...yamlFilesUnder(join(REPO, 'specs')).slice(0, 20)].map((path) => readFileSync(path, 'utf8'));
    let answered = 0;
    for (const source of sources) {
      for (let i = 0; i < 80; i++) {
        let text = source;
        for (let edits = 1 + random(3); edits > 0; edits--) {
          const at = random(text.length + 1);
          text = random(2) === 0 ? text.slice(0, at) + pieces[random(pieces.length)]! + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + random(4));
        }
        const quick = quickParse(text);
        if (!quick) continue;
        answered++;
        const positioned = parseWithPositions('x.yaml', text);
        expect(positioned.ok, `the quick parser read a text the positioned parse refuses: ${JSON.stringify(text)}`).toBe(true);
        if (positioned.ok) expect(quick.data, JSON.stringify(text)).toStrictEqual(positioned.parsed.data);
      }
    }
    expect(answered).toBeGreaterThan(0);
  });

  it('places top-level values exactly where the positioned parse places them, or leaves them to it', () => {
    let placed = 0;
    const texts = [
      ...corpus(),
      ...['name: a\n', 'name:  "a"  # c\n', "name: 'it''s'\n", 'name: a\r\nid: b\r\n', 'description: "x\nname: y"\nname: z\n', 'name:\n  a\n', 'name: a # b\n', 'description: "x\nname: y\n  z"\n"name": y\n'].map((text) => ({ name: JSON.stringify(text), text })),
    ];
    for (const { name, text } of texts) {
      const quick = quickParse(text);
      if (!quick || typeof quick.data !== 'object' || quick.data === null || Array.isArray(quick.data)) continue;
      const positioned = parseWithPositions('x.yaml', text);
      if (!positioned.ok) continue;
      for (const [key, value] of Object.entries(quick.data)) {
        const at = quickTopLevelPosition(text, key, value);
        if (!at) continue;
        placed++;
        expect(at, `${name}: ${key}`).toEqual(positioned.parsed.locate([key]));
      }
    }
    expect(placed).toBeGreaterThan(0);
  });

  it('places top-level keys exactly where the positioned parse places them, or leaves them to it', () => {
    let placed = 0;
    const texts = [
      ...corpus(),
      ...['aliases: [a, b]\n', 'name: x\naliases:\n  - a\n  - b\n', 'aliases:\n- a\n', 'description: "x\naliases: y"\naliases: [z]\n', '"aliases": [a]\n', "aliases: [a] # c\r\nname: b\r\n"].map((text) => ({ name: JSON.stringify(text), text })),
    ];
    for (const { name, text } of texts) {
      const quick = quickParse(text);
      if (!quick || typeof quick.data !== 'object' || quick.data === null || Array.isArray(quick.data)) continue;
      const positioned = parseWithPositions('x.yaml', text);
      if (!positioned.ok) continue;
      for (const key of Object.keys(quick.data)) {
        const at = quickTopLevelKeyPosition(text, key);
        if (!at) continue;
        placed++;
        expect(at, `${name}: ${key}`).toEqual(positioned.parsed.locate([key], 'key'));
      }
    }
    expect(placed).toBeGreaterThan(0);
  });

  it('reads plain spec files (the fixture provider) itself, so a valid catalog is parsed once', () => {
    for (const path of yamlFilesUnder(ACME)) expect(quickParse(readFileSync(path, 'utf8')), path).toBeDefined();
  });

  it('reads spec files that share values through plain aliases, or quote punctuation, itself', () => {
    for (const text of ['a: &x\n  b: 1\nc: *x\n', 'examples:\n  - headers: &h\n      k: v\n  - headers: *h\n', 'transform:\n  join: ","\n', "a: 'it''s, \"x\"'\n"]) {
      expect(quickParse(text), JSON.stringify(text)).toBeDefined();
    }
  });

  it('leaves aliases the positioned parse must measure (many, nested past the limit, self-containing) to it', () => {
    const manyAliases = `a: &x\n  b: 1\n${Array.from({ length: 11 }, (_, i) => `c${i}: *x\n`).join('')}`;
    for (const text of [manyAliases, plainAliasBomb(), 'a: &x\n  b: *x\n', 'a: &x\n  b: 1\na2: &x\n  c: 1\nd: *x\n']) {
      expect(quickParse(text), JSON.stringify(text.slice(0, 60))).toBeUndefined();
    }
    expect(parseWithPositions('x.yaml', plainAliasBomb()).ok).toBe(false);
  });

  it('leaves every construct the two parsers read differently to the positioned parse', () => {
    for (const text of ['k: -0\n', 'k: 0b101\n', 'k: +.5\n', 'k: +0x1\n', 'k: 1.7976931348623157e309\n', 'null: a\n', '[a]: b\n', '%YAML 1.1\n---\na: yes\n', 'k: 9007199254740993\n', 'a: &x 1\nb: *x\n', 'a:\n  b:\n    - \n- c\n']) {
      expect(quickParse(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe('risky-text checks found the cheap way round', () => {
  /** Seeded, so a disagreement can be replayed. */
  const next = seededRandom(15);
  // The characters the patterns turn on, and a few they do not.
  const ALPHABET = ['0', 'b', 'B', 'o', 'x', 'X', '.', '9', 'a', 'f', 'inf', 'NaN', '-', '+', '#', '}', ']', '"', "'", ':', ' ', ',', '[', '{', '\n', '\t', '\r', 'z', '-0', '\u00a0'];
  const texts = [
    ...['', '#', '-0', '.5', '+.5', '0x1', '"#', 'a"#', '}#', ' -0', 'a-0', '\n.inf', 'x.5', '-.5', ':+0b1', 'a: 0o7', '2026-01-02', 'k: "v"#c', "k: 'v' #c", '\u00a0.5'],
    ...Array.from({ length: 20_000 }, () => Array.from({ length: Math.floor(next() * 12) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('')),
  ];

  it('say exactly what their patterns say, on every text', () => {
    const checks = RISKY_TEXT.filter((risk) => risk.find);
    expect(checks.length).toBeGreaterThan(0);
    for (const risk of checks) {
      for (const text of texts) expect(matchesAtSomeFind(text, risk.find!, risk.before!), `${risk.pattern} on ${JSON.stringify(text)}`).toBe(risk.pattern.test(text));
    }
  });
});
