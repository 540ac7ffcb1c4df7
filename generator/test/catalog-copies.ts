// Project roots made from copies of the real catalog's providers, and what generate wrote there:
// shared by the tests that compare one way of generating with another.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

export const REPO_SPECS = fileURLToPath(new URL('../../specs/', import.meta.url));

/** An empty project root. */
export function newRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-catalog-'));
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  return root;
}

/** Every generated file under packages/ (install and build products aside), path → bytes. */
export function tree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string) => {
    const absolute = join(root, relative);
    if (!existsSync(absolute)) return;
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const child = posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else files.set(child, readFileSync(join(root, child), 'utf8'));
    }
  };
  walk('packages');
  return files;
}

/** Edit one YAML spec file as data (so quoting stays valid whatever the spec looks like). */
export function editYaml(path: string, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, doc.toString());
}

/** A copy of provider `from` under the id `to`: names derive from the id, so explicit ones are dropped. */
export function copyProvider(specs: string, from: string, to: string): void {
  cpSync(join(specs, from), join(specs, to), { recursive: true });
  editYaml(join(specs, to, 'provider.yaml'), (doc) => {
    doc.set('id', to);
    for (const key of ['namespace', 'class_name', 'env_prefix']) doc.delete(key);
  });
}

