import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SPEC_FILE_BYTES } from '../load/read-spec.js';

/**
 * A hash of everything the loader reads for one provider folder: every entry's name and every
 * file's bytes. Null when the folder holds anything but plain files (a symlink, a subfolder, a
 * pipe, an oversized file): the loader has something to say about those, so such a provider is
 * always loaded afresh and never cached.
 */
export function hashProviderFolder(folderName: string, folderPath: string): string | null {
  const hash = createHash('sha256').update(`${folderName}\0`);
  for (const name of readdirSync(folderPath).sort()) {
    const path = join(folderPath, name);
    const stats = lstatSync(path);
    if (!stats.isFile() || stats.size > MAX_SPEC_FILE_BYTES) return null;
    hash.update(`${name}\0${stats.size}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}
