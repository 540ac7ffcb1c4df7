import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Build products and installs that say nothing about what the generator does. */
const SKIPPED = new Set(['node_modules', '.turbo']);

function hashTree(hash: Hash, dir: string, label: string): void {
  if (!existsSync(dir)) {
    hash.update(`${label}: absent\0`);
    return;
  }
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (SKIPPED.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) hash.update(`${label}/${child}\0`).update(readFileSync(join(dir, child))).update('\0');
    }
  };
  walk('');
}

/** The installed package `name` as seen from `from`, the way Node resolves a bare import. */
function packageDir(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return null;
  }
}

let memo: string | null = null;

/**
 * What the generator's output depends on besides the specs: its own code (the compiled `dist/`,
 * or `src/` when tests run it from source), templates, schemas and manifest, the installed version
 * of each dependency, and the runtime it imports (the E.164 pattern, the request builder that
 * checks examples). Any change to these
 * invalidates every cached provider.
 */
export function generatorFingerprint(): string {
  if (memo) return memo;
  const codeDir = dirname(dirname(fileURLToPath(import.meta.url)));
  const generatorDir = dirname(codeDir);
  const hash = createHash('sha256');
  hashTree(hash, codeDir, 'code');
  hashTree(hash, join(generatorDir, 'templates'), 'templates');
  hashTree(hash, join(generatorDir, 'schema'), 'schema');
  const manifest = readFileSync(join(generatorDir, 'package.json'));
  hash.update(manifest);
  // A dependency upgrade (yaml's parser, ajv) can change output: each one's installed version counts.
  const dependencies = Object.keys((JSON.parse(manifest.toString('utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}).sort();
  for (const name of dependencies) {
    const dir = packageDir(name, generatorDir);
    hash.update(`${name}@${dir ? (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version : 'absent'}\0`);
  }
  const runtime = packageDir('@switchboard/runtime', generatorDir);
  if (runtime) hashTree(hash, join(runtime, 'dist'), 'runtime');
  else hash.update('runtime: not found\0');
  memo = hash.digest('hex');
  return memo;
}
