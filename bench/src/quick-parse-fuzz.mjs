// Issue 15: seeded mutations of the catalog's spec files, read by the quick YAML reading and by the
// positioned parse; prints how many the quick one answered and every kind of disagreement (none
// expected). A wider net than generator/test/quick-parse.test.ts. Usage: node bench/src/quick-parse-fuzz.mjs [seed] [count]
// (after npm run build: it reads generator/dist).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quickParse } from '../../generator/dist/load/quick-parse.js';
import { parseWithPositions } from '../../generator/dist/load/parse.js';
import { isDeepStrictEqual } from 'node:util';
const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
const files = [];
for (const d of ['specs', 'generator/test/fixtures/acme']) for (const p of readdirSync(join(REPO, d), { recursive: true })) if (p.endsWith('.yaml')) files.push(readFileSync(join(REPO, d, p), 'utf8'));
let seed = Number(process.argv[2] ?? 1);
const random = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const pieces = ['"', "'", ':', ': ', '- ', '\n', '\n  ', ' ', '#', '[', ']', '{', '}', ',', '|', '>', '-', '0', '1.5e3', 'null', '~', 'true', '\\', '?', '&', '*', '!', '%', '\t', '---', '\n- ', ' #', ':\n', '  '];
const kinds = new Map(); let answered = 0, n = 0;
for (let i = 0; i < Number(process.argv[3] ?? 20000); i++) {
  let text = files[random(files.length)];
  for (let e = 1 + random(3); e > 0; e--) { const at = random(text.length + 1); text = random(2) === 0 ? text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + random(4)); }
  n++; const q = quickParse(text); if (!q) continue; answered++;
  const p = parseWithPositions('x.yaml', text);
  let kind = null;
  if (!p.ok) kind = 'refused: ' + p.diagnostics[0].message.slice(0, 70);
  else if (!isDeepStrictEqual(q.data, p.parsed.data)) kind = 'data differs';
  if (kind) { if (!kinds.has(kind)) { const line = p.ok ? '' : text.split('\n')[p.diagnostics[0].line - 1]; kinds.set(kind, { count: 0, line }); } kinds.get(kind).count++; }
}
console.log(n, 'texts', answered, 'quick');
for (const [k, v] of kinds) console.log(v.count, k, '|', JSON.stringify(v.line));
