import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDiagnostic, loadCatalog } from '@switchboard/generator';
import { EXIT, UsageError } from '../io.js';
import type { CommandHandler } from '../cli/reply.js';
import { findProjectRoot } from '../project-root.js';

const isDirectory = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

export const validateCommand: CommandHandler = async ({ args, io, json }) => {
  const root = findProjectRoot(io.cwd);
  const specsDir = args[0] ? resolve(io.cwd, args[0]) : root ? resolve(root, 'specs') : null;
  if (!specsDir) throw new UsageError('no specs/ directory found here or above.', { code: 'no_project', hint: 'Pass the specs directory: `switchboard validate path/to/specs`.' });
  if (!isDirectory(specsDir)) throw new UsageError(`${args[0] ?? specsDir} is not a directory.`, { code: 'not_a_directory', hint: 'Pass the folder that holds one folder per provider.' });
  const result = loadCatalog(specsDir);
  if (!result.ok) {
    const message = `${result.diagnostics.length} problem(s) found in ${specsDir}.`;
    // Text: every problem as file:line:col on stderr, then the count.
    if (!json) io.stderr.write(`${result.diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join('')}\n${message}\n`);
    return { exit: EXIT.failure, data: null, error: json ? { code: 'invalid_specs', message, details: { problems: result.diagnostics } } : null, meta: { specs_dir: specsDir } };
  }
  const providers = result.catalog.providers.length;
  const functions = result.catalog.providers.reduce((n, p) => n + p.functions.length, 0);
  return { data: { specs_dir: specsDir, providers, functions, problems: [] }, text: `${providers} providers, ${functions} functions: all specs valid.` };
};
