import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = join(REPO, 'packages/cli/dist/bin.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built `switchboard` binary as a user would: a child process, real stdio. */
export function switchboard(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A scratch project holding a copy of the real specs and the committed generated output. */
export const GENERATED = ['packages/catalog', 'packages/clients', 'packages/mocks', 'packages/contract-tests/test', 'packages/contract-tests/examples', 'packages/bindings', 'packages/docs'];

export function scratchProject(parts: string[] = ['specs', ...GENERATED]): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-project-'));
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  const notBuildOutput = (source: string) => !/[\\/](dist|node_modules|\.turbo)$/.test(source);
  for (const part of parts) cpSync(join(REPO, part), join(root, part), { recursive: true, filter: notBuildOutput });
  return root;
}

/** The generated catalog, as tests read it: every expectation about "all providers" derives from it. */
export interface CatalogFile {
  providers: Array<{
    id: string;
    namespace: string;
    counts: { functions: number; read: number; write: number };
    functions: Array<{
      name: string;
      aliases: string[];
      operation: 'read' | 'write';
      available: boolean;
      unavailable_reason: string | null;
      names: { qualified: string; typescript: string; lua: string; lua_aliases: string[] };
    }>;
  }>;
}
export function readCatalog(): CatalogFile {
  return JSON.parse(readFileSync(join(REPO, 'packages/catalog/catalog.json'), 'utf8')) as CatalogFile;
}

/**
 * The catalog pages our first providers came from (`../shared/seeds`, beside the clone). CI always
 * has them, so there a missing folder is an error rather than a silent skip; elsewhere the tests
 * that need them skip, and their names say why.
 */
export const SEEDS = join(REPO, '../shared/seeds');
export function seedsAvailable(): boolean {
  if (existsSync(SEEDS)) return true;
  if (process.env.CI === 'true') throw new Error(`${SEEDS} is missing; CI always runs with ../shared beside the clone.`);
  return false;
}
export const SKIP_WITHOUT_SEEDS = '(skipped here: needs ../shared/seeds beside the clone)';

/** Providers that have a seed page; a provider added later has none, and seed checks do not apply to it. */
export function seededProviders(): string[] {
  if (!seedsAvailable()) return [];
  return readCatalog().providers.map((p) => p.id).filter((id) => existsSync(join(SEEDS, `${id}.txt`)));
}
