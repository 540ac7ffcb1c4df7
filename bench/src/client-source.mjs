// Issue 14: bytes of a generated client's TypeScript source (every .ts file under
// packages/clients/<id>/src), per file kind and per kind of text: the generated-file header,
// import and re-export statements, doc comments (/** ... */), and the rest (code, with its
// whitespace). `node bench/src/client-source.mjs [provider-id] [--json]`, default retell-ai.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT as ROOT } from './proc.mjs';

const filesUnder = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** Which kind of file: the functions' files are grouped, the others named. */
const kindOf = (path) => (path.startsWith('functions/') ? 'functions/*.ts' : path);

/** One file's bytes by kind of text (UTF-8 bytes; the generated sources are ASCII but need not be). */
export function classify(text) {
  const bytes = (s) => Buffer.byteLength(s);
  const out = { total: bytes(text), header: 0, imports: 0, docs: 0, code: 0 };
  const firstLine = text.slice(0, text.indexOf('\n') + 1);
  if (firstLine.startsWith('// Generated')) out.header = bytes(firstLine);
  const source = ts.createSourceFile('f.ts', text, ts.ScriptTarget.Latest, false);
  for (const st of source.statements) {
    const isImport = ts.isImportDeclaration(st) || (ts.isExportDeclaration(st) && st.moduleSpecifier);
    if (isImport) out.imports += bytes(text.slice(st.getStart(source), st.end));
  }
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    if (t === ts.SyntaxKind.MultiLineCommentTrivia && scanner.getTokenText().startsWith('/**')) out.docs += bytes(scanner.getTokenText());
  }
  out.code = out.total - out.header - out.imports - out.docs;
  return out;
}

export function clientSource(providerId = 'retell-ai') {
  const root = join(ROOT, 'packages/clients', providerId, 'src');
  const byKind = new Map();
  const whole = { files: 0, total: 0, header: 0, imports: 0, docs: 0, code: 0 };
  for (const file of filesUnder(root).sort()) {
    const kind = kindOf(relative(root, file));
    const row = byKind.get(kind) ?? { kind, files: 0, total: 0, header: 0, imports: 0, docs: 0, code: 0 };
    const c = classify(readFileSync(file, 'utf8'));
    for (const target of [row, whole]) {
      target.files += 1;
      for (const k of ['total', 'header', 'imports', 'docs', 'code']) target[k] += c[k];
    }
    byKind.set(kind, row);
  }
  return { provider: providerId, kinds: [...byKind.values()].sort((a, b) => b.total - a.total), whole };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const id = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'retell-ai';
  const result = clientSource(id);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    const n = (x) => x.toLocaleString('en-US');
    console.log('| file kind | files | total | header | imports | doc comments | code |\n|---|---|---|---|---|---|---|');
    for (const r of [...result.kinds, { ...result.whole, kind: '**whole**' }]) console.log(`| ${r.kind} | ${r.files} | ${n(r.total)} | ${n(r.header)} | ${n(r.imports)} | ${n(r.docs)} | ${n(r.code)} |`);
  }
}
