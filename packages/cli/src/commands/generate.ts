import { parseArgs } from 'node:util';
import { formatDiagnostic, generate } from '@switchboard/generator';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { findProjectRoot } from '../project-root.js';

export async function generateCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean' }, timings: { type: 'boolean' } } });
  const rootDir = findProjectRoot(io.cwd);
  if (!rootDir) throw new UsageError('no specs/ directory found here or above.');
  const result = generate({ rootDir, check: values.check === true });
  if (values.timings) {
    for (const t of result.timings) io.stderr.write(`${t.phase.padEnd(28)} ${t.ms.toFixed(1).padStart(8)} ms\n`);
  }
  switch (result.kind) {
    case 'invalid':
      for (const d of result.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write(`\n${result.diagnostics.length} problem(s) in the specs; nothing was written.\n`);
      return EXIT.failure;
    case 'checked':
      if (result.stale.length === 0) {
        io.stdout.write(`generated output is up to date (${result.files} files).\n`);
        return EXIT.ok;
      }
      for (const s of result.stale) io.stderr.write(`stale: ${s.path} (${s.problem})\n`);
      io.stderr.write(`\n${result.stale.length} generated file(s) do not match the specs. Run \`npm run generate\` and commit the result.\n`);
      return EXIT.failure;
    case 'written': {
      const { written, removed, unchanged } = result.summary;
      io.stdout.write(`generated ${result.files} files: ${written.length} written, ${removed.length} removed, ${unchanged} unchanged.\n`);
      return EXIT.ok;
    }
  }
}
