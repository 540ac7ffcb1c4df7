// Exit 0 when package-lock.json records every workspace with the dependencies its package.json
// declares (so `npm ci` will accept the lock), 1 naming the first workspace it does not cover.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const lock = readJson('package-lock.json');
const rootManifest = readJson('package.json');

function workspaceDirs(patterns) {
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(root, parent))) return [];
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${parent}/${entry.name}`);
  });
}

// npm records `bin` paths without a leading './'.
const normalised = (map = {}) => Object.entries(map).map(([k, v]) => [k, String(v).replace(/^\.\//, '')]).sort();
const sameDeps = (a, b) => JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
const kinds = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'bin'];

for (const dir of workspaceDirs(rootManifest.workspaces)) {
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(join(root, manifestPath))) continue;
  const manifest = readJson(manifestPath);
  if (typeof manifest.bin === 'string') manifest.bin = { [manifest.name.replace(/^@[^/]+\//, '')]: manifest.bin };
  const locked = lock.packages?.[dir];
  const problem = !locked
    ? 'is missing'
    : locked.version !== manifest.version
      ? 'has another version'
      : kinds.find((kind) => !sameDeps(locked[kind], manifest[kind]))
        ? 'has other dependencies'
        : null;
  if (problem) {
    console.error(`package-lock.json: workspace ${dir} ${problem}.`);
    process.exit(1);
  }
}
