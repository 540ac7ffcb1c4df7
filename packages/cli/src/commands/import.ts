import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, ImportError, importOpenApi, SNAPSHOT_FILE } from '@switchboard/importer';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { specsDirectory } from './new.js';

/**
 * `switchboard import openapi <file> --provider <id>`: a provider folder from an OpenAPI
 * document, or the document's changes folded into the folder an earlier import wrote.
 */
export async function importCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      operations: { type: 'string' },
      tag: { type: 'string' },
      'path-prefix': { type: 'string' },
      'specs-dir': { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const [kind, file, ...extra] = positionals;
  if (kind !== 'openapi') throw new UsageError(`imports 'openapi' documents: switchboard import openapi <file> --provider <id>${kind ? ` (found '${kind}')` : ''}.`);
  if (!file || extra.length > 0) throw new UsageError('takes one OpenAPI document (JSON or YAML): switchboard import openapi <file> --provider <id>.');
  if (!values.provider) throw new UsageError('--provider <id> names the folder under specs/ to write, e.g. --provider acme.');
  const folder = join(specsDirectory(io, values['specs-dir']), values.provider);
  try {
    const result = importOpenApi(resolve(io.cwd, file), {
      provider: values.provider,
      ...(values.operations ? { operations: values.operations.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
      ...(values.tag ? { tag: values.tag } : {}),
      ...(values['path-prefix'] ? { pathPrefix: values['path-prefix'] } : {}),
      ...(existsSync(folder) ? { existing: folderFiles(folder) } : {}),
    });
    if (!values['dry-run']) {
      mkdirSync(folder, { recursive: true });
      for (const [name, text] of result.files) writeFileSync(join(folder, name), text);
    }
    io.stdout.write(formatReport(result.report));
    const where = relative(io.cwd, folder) || '.';
    io.stdout.write(values['dry-run'] ? `Dry run: nothing written to ${where}.\n` : `Wrote ${result.files.size - 1} file(s) to ${where} (and ${SNAPSHOT_FILE}, the base of the next re-import). Next: resolve each 'review', then switchboard validate.\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.stderr.write(`switchboard import: ${error.message}\n`);
    return EXIT.failure;
  }
}

function folderFiles(folder: string): Map<string, string> {
  if (!statSync(folder).isDirectory()) throw new UsageError(`${folder} exists and is not a folder.`);
  const files = new Map<string, string>();
  for (const name of readdirSync(folder).sort()) {
    if (name.endsWith('.yaml') || name === SNAPSHOT_FILE) files.set(name, readFileSync(join(folder, name), 'utf8'));
  }
  return files;
}
