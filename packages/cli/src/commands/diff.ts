import { parseArgs } from 'node:util';
import { CatalogUnavailableError, diffCatalogSince, formatDiff, writeChangesets } from '@switchboard/generator';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { findProjectRoot } from '../project-root.js';

/** `switchboard diff <git-ref> [--json] [--write-changeset]`: what the specs changed since a ref, per package, with the bump each needs. */
export async function diffCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, 'write-changeset': { type: 'boolean' } } });
  const [ref, ...extra] = positionals;
  if (!ref || extra.length > 0) throw new UsageError('takes one git ref to compare the working tree with, e.g. `switchboard diff main`.');
  const root = findProjectRoot(io.cwd);
  if (!root) throw new UsageError('no specs/ directory found here or above.');
  const started = performance.now();
  const meta = () => ({ base: ref, duration_ms: Math.round((performance.now() - started) * 100) / 100 });
  try {
    const diff = diffCatalogSince(root, ref);
    const changesets = values['write-changeset'] ? writeChangesets(root, diff) : [];
    if (values.json) io.stdout.write(`${JSON.stringify({ success: true, data: { packages: diff.packages, changesets }, error: null, meta: meta() }, null, 2)}\n`);
    else {
      io.stdout.write(formatDiff(diff));
      for (const path of changesets) io.stdout.write(`wrote ${path}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof CatalogUnavailableError)) throw error;
    if (values.json) io.stdout.write(`${JSON.stringify({ success: false, data: null, error: error.message, meta: meta() }, null, 2)}\n`);
    else io.stderr.write(`switchboard diff: ${error.message}\n`);
    return EXIT.failure;
  }
}
