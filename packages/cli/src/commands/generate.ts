import { parseArgs } from 'node:util';
import { generate, reportGenerate } from '@switchboard/generator';
import { UsageError, type CliIo, type ExitCode } from '../io.js';
import { findProjectRoot } from '../project-root.js';

export async function generateCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean' }, timings: { type: 'boolean' } } });
  const rootDir = findProjectRoot(io.cwd);
  if (!rootDir) throw new UsageError('no specs/ directory found here or above.');
  const result = generate({ rootDir, check: values.check === true });
  return reportGenerate(result, io, { timings: values.timings === true });
}
