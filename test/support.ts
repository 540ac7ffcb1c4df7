import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

/**
 * The built binary as a child process, awaited without blocking this process, so a loopback
 * server in the test can answer it.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
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

/**
 * Make `dir` a project the generator can write into and whose output builds and runs on its own:
 * the base tsconfig and the contract tests' hand-written support copied in, the repo's
 * dependencies and hand-written packages linked into node_modules, and the generated packages
 * (`clients`: the provider ids' client packages, then mocks, bindings, catalog) linked from `dir`
 * itself, as the workspace links them. Generate afterwards, then build with `tsc`.
 */
export function linkProject(dir: string, clients: string[]): void {
  writeFileSync(join(dir, 'package.json'), '{"private": true, "type": "module"}\n');
  cpSync(join(REPO, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
  mkdirSync(join(dir, 'packages/contract-tests'), { recursive: true });
  for (const file of ['support.ts', 'tsconfig.json', 'vitest.config.ts']) cpSync(join(REPO, 'packages/contract-tests', file), join(dir, 'packages/contract-tests', file));
  mkdirSync(join(dir, 'node_modules/@switchboard'), { recursive: true });
  for (const entry of readdirSync(join(REPO, 'node_modules')).filter((e) => e !== '@switchboard' && e !== '.bin')) {
    symlinkSync(join(REPO, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  for (const own of ['runtime', 'testing', 'lua']) symlinkSync(join(REPO, 'packages', own), join(dir, 'node_modules/@switchboard', own));
  const generated = [...clients.map((id) => [id, `packages/clients/${id}`]), ['mocks', 'packages/mocks'], ['bindings', 'packages/bindings'], ['catalog', 'packages/catalog']];
  for (const [name, path] of generated) symlinkSync(join(dir, path!), join(dir, 'node_modules/@switchboard', name!));
}

/** `tsc -p` on one project of a scratch project, as the build runs it: exit status and everything it printed. */
export function tsc(project: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
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
