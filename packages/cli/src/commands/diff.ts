import { CatalogUnavailableError, diffCatalogSince, formatDiff, writeChangesets } from '@switchboard/generator';
import { CliError, EXIT, UsageError } from '../io.js';
import type { CommandHandler } from '../cli/reply.js';
import { findProjectRoot } from '../project-root.js';

/** `switchboard diff <git-ref> [--write-changeset]`: what the specs changed since a ref, per package, with the bump each needs. */
export const diffCommand: CommandHandler = async ({ args, options, io }) => {
  const [ref] = args;
  if (!ref) throw new UsageError('takes one git ref to compare the working tree with.', { code: 'missing_argument', hint: 'e.g. `switchboard diff main`.' });
  const root = findProjectRoot(io.cwd);
  if (!root) throw new UsageError('no specs/ directory found here or above.', { code: 'not_a_directory' });
  const started = performance.now();
  try {
    const diff = diffCatalogSince(root, ref);
    const changesets = options.writeChangeset === true ? writeChangesets(root, diff) : [];
    return {
      data: { packages: diff.packages, changesets },
      meta: { base: ref, duration_ms: Math.round((performance.now() - started) * 100) / 100 },
      text: `${formatDiff(diff)}${changesets.map((path) => `wrote ${path}\n`).join('')}`,
      verbatim: true,
    };
  } catch (error) {
    if (error instanceof CatalogUnavailableError) throw new CliError('diff_failed', error.message, EXIT.failure);
    throw error;
  }
};
