import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, loadCatalog } from '@switchboard/generator';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { findProjectRoot } from '../project-root.js';

export async function validateCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError('takes at most one argument, the specs directory.');
  const root = findProjectRoot(io.cwd);
  const specsDir = positionals[0] ? resolve(io.cwd, positionals[0]) : root ? resolve(root, 'specs') : null;
  if (!specsDir) throw new UsageError('no specs/ directory found here or above; pass the specs directory.');
  const result = loadCatalog(specsDir);
  if (!result.ok) {
    for (const d of result.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write(`\n${result.diagnostics.length} problem(s) found in ${specsDir}.\n`);
    return EXIT.failure;
  }
  const functions = result.catalog.providers.reduce((n, p) => n + p.functions.length, 0);
  io.stdout.write(`${result.catalog.providers.length} providers, ${functions} functions: all specs valid.\n`);
  return EXIT.ok;
}
