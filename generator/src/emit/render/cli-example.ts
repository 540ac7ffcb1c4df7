import type { Example, Func } from '../../model.js';

/**
 * The shell command of an example, as the docs pages and `switchboard call <fn> --help` show it
 * (tests run it with --sandbox added): the arguments as one single-quoted JSON payload, the
 * example's named account, and `--force` for a write, which a headless run refuses without it.
 */
export function cliExample(func: Func, example: Example): string {
  const payload = JSON.stringify(example.arguments).replace(/'/g, `'\\''`);
  const flags = [example.account ? `--account ${example.account}` : '', func.operation === 'write' ? '--force' : ''].filter(Boolean);
  return [`switchboard call ${func.names.qualified} '${payload}'`, ...flags].join(' ');
}
