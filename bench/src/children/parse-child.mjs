// The bare cost the generator's own cost is held against: read every spec file and parse it
// with positions (the same yaml library and options as the loader, plus conversion to data),
// nothing else. Usage: node parse-child.mjs <specsDir>; prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';

const specs = process.argv[2];
const t0 = performance.now();
let files = 0;
for (const provider of readdirSync(specs).sort()) {
  for (const name of readdirSync(join(specs, provider)).sort()) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(join(specs, provider, name), 'utf8'), { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false });
    if (doc.errors.length > 0) throw new Error(`${provider}/${name}: ${doc.errors[0].message}`);
    doc.toJS({ maxAliasCount: 100 });
    files++;
  }
}
console.log(JSON.stringify({ files, totalMs: performance.now() - t0, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
