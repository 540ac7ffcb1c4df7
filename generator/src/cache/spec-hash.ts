import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SPEC_FILE_BYTES } from '../load/read-spec.js';

/** A provider folder's files as `ls -l` would show them: name, size and mtime of each, in order. */
export type SpecStamp = string;

/**
 * The folder's stamp, or null when it holds anything but plain files (a symlink, a subfolder, a
 * pipe, an oversized file): the loader has something to say about those, so such a provider is
 * always loaded afresh and never cached.
 */
export function stampProviderFolder(folderPath: string): SpecStamp | null {
  const parts: string[] = [];
  for (const name of readdirSync(folderPath).sort()) {
    const stats = lstatSync(join(folderPath, name));
    if (!stats.isFile() || stats.size > MAX_SPEC_FILE_BYTES) return null;
    parts.push(`${name}\0${stats.size}\0${stats.mtimeMs}`);
  }
  return parts.join('\n');
}

/** A hash of everything the loader reads for one provider folder: every entry's name and every file's bytes. */
export function hashProviderFolder(folderName: string, folderPath: string): string {
  const hash = createHash('sha256').update(`${folderName}\0`);
  for (const name of readdirSync(folderPath).sort()) {
    const bytes = readFileSync(join(folderPath, name));
    hash.update(`${name}\0${bytes.length}\0`).update(bytes).update('\0');
  }
  return hash.digest('hex');
}
