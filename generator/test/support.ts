import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edit } from './broken-specs.cases.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A fresh project root holding a copy of the fixture specs with `edits` applied. */
export function projectWith(edits: Edit[]): { root: string; specs: string } {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-spec-'));
  const specs = join(root, 'specs');
  cpSync(FIXTURES, specs, { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  for (const edit of edits) {
    const path = join(specs, edit.file);
    if (edit.find === null) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, edit.replace);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const count = text.split(edit.find).length - 1;
    if (count !== 1) throw new Error(`edit for ${edit.file} must match exactly once; it matches ${count} times: ${edit.find}`);
    writeFileSync(path, text.replace(edit.find, edit.replace));
  }
  return { root, specs };
}
