import type { Example, Func } from '../../model.js';
import { savedFileName } from '../../shared/returns.js';

/**
 * The shell command of an example, as the docs pages and `switchboard call <fn> --help` show it
 * (tests run it with --sandbox added): the arguments as one single-quoted JSON payload, the
 * example's named account, `--force` for a write, which a headless run refuses without it, and
 * `--output` for a download, which saves the file under the name its answer documents.
 */
export function cliExample(func: Func, example: Example): string {
  const payload = JSON.stringify(example.arguments).replace(/'/g, `'\\''`);
  const saved = savedFileName(func, example);
  const flags = [example.account ? `--account ${example.account}` : '', func.operation === 'write' ? '--force' : '', saved !== null ? `--output ${shellQuoted(saved)}` : ''].filter(Boolean);
  return [`switchboard call ${func.names.qualified} '${payload}'`, ...flags].join(' ');
}

/** A file name as one shell word: as it is when plain, else single-quoted. */
const shellQuoted = (name: string): string => (/^[A-Za-z0-9._-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`);
