// What each module contributes to a one-function browser bundle (esbuild metafile), for
// finding what a program that calls one function does not need. Usage:
//   node bench/src/bundle-breakdown.mjs ['program name substring']
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { PROGRAMS } from './bundle-size.mjs';
import { BENCH_DIR } from './proc.mjs';

const want = process.argv[2] ?? 'ours: import';
const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
for (const [name, source] of Object.entries(PROGRAMS)) {
  if (!name.includes(want)) continue;
  const r = await build({
    stdin: { contents: source, resolveDir: BENCH_DIR, loader: 'js', sourcefile: 'entry.mjs' },
    bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser',
    external: NODE_BUILTINS, write: false, metafile: true, logLevel: 'silent',
  });
  const code = r.outputFiles[0].contents;
  const [output] = Object.values(r.metafile.outputs);
  console.log(`\n${name}: ${code.length} B minified, ${gzipSync(code, { level: 9 }).length} B gzip`);
  const rows = Object.entries(output.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
  for (const [path, { bytesInOutput }] of rows) if (bytesInOutput > 0) console.log(`${String(bytesInOutput).padStart(7)}  ${path.replace(/.*packages\//, '')}`);
}
