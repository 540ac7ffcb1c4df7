// Build step after tsc: the two spec-file schemas compiled once, to standalone validator code
// (dist/load/spec-validators.cjs), so a generate does not spend a few hundred milliseconds
// compiling them with ajv at every start. load/schema-check.ts uses the file only when the schema
// texts it was made from are the ones on disk, and compiles them itself otherwise (tests run from src/).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const generatorDir = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(generatorDir, 'package.json'));
const standaloneCode = require('ajv/dist/standalone').default;
const { createAjv } = await import(join(generatorDir, 'dist/load/ajv.js'));
const { re2Engine, toRe2Syntax } = await import(join(generatorDir, 'dist/load/patterns.js'));

const kinds = { provider: 'schema/provider.schema.json', function: 'schema/function.schema.json' };
const texts = Object.fromEntries(Object.entries(kinds).map(([kind, file]) => [kind, readFileSync(join(generatorDir, file), 'utf8')]));

/** Every pattern the schemas hold, in the RE2 syntax the loader matches them with. */
const patterns = {};
const walk = (node) => {
  if (Array.isArray(node)) return node.forEach(walk);
  if (typeof node !== 'object' || node === null) return;
  if (typeof node.pattern === 'string') patterns[node.pattern] = toRe2Syntax(node.pattern);
  for (const name of Object.keys(node.patternProperties ?? {})) patterns[name] = toRe2Syntax(name);
  Object.values(node).forEach(walk);
};
Object.values(texts).forEach((text) => walk(JSON.parse(text)));

// The same RE2 engine, plus the code that builds it inside the standalone module. A catalog
// checks the same short texts against the same patterns over and over (every parameter name, type
// and id against snake_case), and re2js matches slowly, so each pattern remembers its answers for
// texts up to MEMO_TEXT characters, at most MEMO_ENTRIES of them (then it starts afresh).
const MEMO_TEXT = 256;
const MEMO_ENTRIES = 4096;
const remembering = `(re) => { const answers = new Map(); return { test: (text) => { if (text.length > ${MEMO_TEXT}) return re.test(text); let answer = answers.get(text); if (answer === undefined) { if (answers.size >= ${MEMO_ENTRIES}) answers.clear(); answer = re.test(text); answers.set(text, answer); } return answer; } }; }`;
const engine = Object.assign((pattern, flags) => re2Engine(pattern, flags), {
  code: `((re2, table, remembering) => (pattern) => remembering(re2.compile(table[pattern])))(require("re2js").RE2JS, ${JSON.stringify(patterns)}, ${remembering})`,
});
const ajv = createAjv({ verbose: true, code: { source: true, regExp: engine } });
for (const [kind, text] of Object.entries(texts)) ajv.addSchema(JSON.parse(text), kind);
const code = standaloneCode(ajv, { provider: 'provider', function: 'function' });
const stamp = createHash('sha256').update(texts.provider).update('\0').update(texts.function).digest('hex');
writeFileSync(join(generatorDir, 'dist/load/spec-validators.cjs'), `${code}\nmodule.exports.schemaStamp = ${JSON.stringify(stamp)};\n`);
