import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ImportError, newFunction, newProvider, type Scaffold } from '@switchboard/importer';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { findProjectRoot } from '../project-root.js';

const AUTH = ['bearer', 'basic', 'api_key_header', 'api_key_query', 'none'] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * `switchboard new provider <id>` and `switchboard new function <provider> <name>`: YAML that
 * validates as written, and what to fill in next. Flags answer everything; on a terminal,
 * what the flags leave out is asked.
 */
export async function newCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      auth: { type: 'string' },
      'base-url': { type: 'string' },
      method: { type: 'string' },
      path: { type: 'string' },
      operation: { type: 'string' },
      'specs-dir': { type: 'string' },
    },
  });
  const [kind, ...rest] = positionals;
  const specs = specsDirectory(io, values['specs-dir']);
  const ask = asker();
  try {
    if (kind === 'provider') {
      const [id, ...extra] = rest;
      if (!id || extra.length > 0) throw new UsageError('takes one provider id: switchboard new provider <id>.');
      const folder = join(specs, id);
      if (existsSync(join(folder, 'provider.yaml'))) return fail(io, `${relative(io.cwd, folder)}/provider.yaml exists already; edit it, or choose another id.`);
      const name = values.name ?? (await ask?.('Display name', id));
      const auth = values.auth ?? (await ask?.(`Auth kind (${AUTH.join(', ')})`, 'bearer', AUTH));
      const baseUrl = values['base-url'] ?? (await ask?.('Base URL', `https://api.${id}.example.com`));
      if (auth !== undefined && !(AUTH as readonly string[]).includes(auth)) throw new UsageError(`--auth must be one of ${AUTH.join(', ')}; found '${auth}'.`);
      return write(io, folder, newProvider({ id, ...(name ? { name } : {}), ...(auth ? { auth: auth as (typeof AUTH)[number] } : {}), ...(baseUrl ? { baseUrl } : {}) }));
    }
    if (kind === 'function') {
      const [provider, name, ...extra] = rest;
      if (!provider || !name || extra.length > 0) throw new UsageError('takes a provider and a function name: switchboard new function <provider> <name>.');
      const folder = join(specs, provider);
      if (!existsSync(join(folder, 'provider.yaml'))) return fail(io, `no provider '${provider}' in ${relative(io.cwd, specs) || '.'}; start it with switchboard new provider ${provider}.`);
      if (existsSync(join(folder, `${name}.yaml`))) return fail(io, `${relative(io.cwd, folder)}/${name}.yaml exists already; edit it, or choose another name.`);
      const method = (values.method ?? (await ask?.(`Method (${METHODS.join(', ')})`, 'GET', METHODS)) ?? 'GET').toUpperCase();
      if (!(METHODS as readonly string[]).includes(method)) throw new UsageError(`--method must be one of ${METHODS.join(', ')}; found '${method}'.`);
      const path = values.path ?? (await ask?.('Path (placeholders as {name})', `/${name.replace(/_/g, '-')}`));
      if (!path) throw new UsageError('--path <path> is the request path under the server URL, e.g. --path /messages/{message_id}.');
      const operation = values.operation ?? (await ask?.('read or write', method === 'GET' ? 'read' : 'write', ['read', 'write']));
      if (operation !== undefined && operation !== 'read' && operation !== 'write') throw new UsageError(`--operation must be read or write; found '${operation}'.`);
      return write(io, folder, newFunction(readFileSync(join(folder, 'provider.yaml'), 'utf8'), { name, method: method as (typeof METHODS)[number], path, ...(operation ? { operation } : {}) }));
    }
    throw new UsageError(`makes a 'provider' or a 'function': switchboard new provider <id>, switchboard new function <provider> <name>${kind ? ` (found '${kind}')` : ''}.`);
  } catch (error) {
    if (error instanceof ImportError) return fail(io, error.message);
    throw error;
  } finally {
    ask?.close();
  }
}

/** The specs folder: --specs-dir, else the project's specs/, else ./specs. */
export function specsDirectory(io: CliIo, given: string | undefined): string {
  if (given) return resolve(io.cwd, given);
  const root = findProjectRoot(io.cwd);
  return root ? join(root, 'specs') : resolve(io.cwd, 'specs');
}

function write(io: CliIo, folder: string, scaffold: Scaffold): ExitCode {
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of scaffold.files) {
    writeFileSync(join(folder, name), text, { flag: 'wx' });
    io.stdout.write(`Wrote ${relative(io.cwd, join(folder, name))}; it validates as it is.\n`);
  }
  io.stdout.write(`Fill in next:\n${scaffold.next.map((line) => `  - ${line}\n`).join('')}`);
  return EXIT.ok;
}

function fail(io: CliIo, message: string): ExitCode {
  io.stderr.write(`switchboard new: ${message}\n`);
  return EXIT.failure;
}

type Ask = ((question: string, fallback: string, choices?: readonly string[]) => Promise<string>) & { close(): void };

/**
 * Questions on a terminal only; piped or scripted runs take the flags and defaults. Enter takes
 * the default in brackets; an answer outside `choices` (in any case) is asked again rather than ending the run.
 */
function asker(): Ask | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const ask = async (question: string, fallback: string, choices?: readonly string[]): Promise<string> => {
    for (;;) {
      const answer = (await rl.question(`${question} [${fallback}]: `)).trim() || fallback;
      if (!choices) return answer;
      const chosen = choices.find((c) => c.toLowerCase() === answer.toLowerCase());
      if (chosen) return chosen;
      process.stdout.write(`'${answer}' is not one of ${choices.join(', ')}; try again.\n`);
    }
  };
  return Object.assign(ask, { close: () => rl.close() });
}
