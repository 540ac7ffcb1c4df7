import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
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
