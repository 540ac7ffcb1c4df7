// Fails when the specs changed in a breaking way since the merge-base with main (or
// SWITCHBOARD_RELEASE_BASE) and no pending changeset records a major bump for that package.
import { fileURLToPath } from 'node:url';
import { checkBreakingChangesRecorded, CatalogUnavailableError, formatReleaseCheck, releaseBase } from '../generator/dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  const result = await checkBreakingChangesRecorded(root, releaseBase(root));
  const text = formatReleaseCheck(result);
  const failed = result.kind === 'checked' && result.unrecorded.length > 0;
  (failed ? process.stderr : process.stdout).write(text);
  process.exitCode = failed ? 1 : 0;
} catch (error) {
  if (!(error instanceof CatalogUnavailableError)) throw error;
  process.stderr.write(`breaking-change check: ${error.message}\n`);
  process.exitCode = 1;
}
