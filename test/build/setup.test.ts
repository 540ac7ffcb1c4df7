/**
 * The set-up promises of the README, checked on the tree the build just made: the command is
 * linked and runs, generation is cached, and the type checks cover every test file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support.js';

const turbo = join(REPO, 'node_modules/.bin/turbo');

interface DryRunTask {
  taskId: string;
  directory: string;
  inputs: Record<string, string>;
  cache: { status: 'HIT' | 'MISS' };
  command: string;
}
function dryRun(task: string): DryRunTask[] {
  const out = execFileSync(turbo, ['run', task, '--dry=json'], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(out) as { tasks: DryRunTask[] }).tasks;
}

function trackedFiles(pattern: RegExp): string[] {
  return execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter((f) => pattern.test(f));
}

describe('npx switchboard after set-up', () => {
  const bin = join(REPO, 'node_modules/.bin/switchboard');

  it('is linked and executable, whatever turbo restored from its cache', () => {
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
  });

  it('runs --version through the link, as npx does', () => {
    const run = spawnSync(bin, ['--version'], { cwd: REPO, encoding: 'utf8' });
    const { version } = JSON.parse(readFileSync(join(REPO, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`switchboard ${version}\n`);
    expect(run.status).toBe(0);
  });
});

describe('generation as a turbo task', () => {
  it('is a cache hit when nothing changed since the build, so a second build generates nothing', () => {
    const generate = dryRun('generate').find((t) => t.taskId === '//#generate');
    expect(generate, 'turbo knows the root generate task').toBeDefined();
    expect(generate!.cache.status).toBe('HIT');
  });

  it('hashes every spec file, template and spec schema', () => {
    const generate = dryRun('generate').find((t) => t.taskId === '//#generate')!;
    const wanted = trackedFiles(/^(specs\/|generator\/templates\/|generator\/schema\/)/);
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.filter((f) => !(f in generate.inputs))).toEqual([]);
  });
});

describe('type checks', () => {
  // A file that is not among a typecheck task's inputs can hide a type error behind a cache hit;
  // a file no tsconfig includes is never checked at all.
  const tasks = dryRun('typecheck');
  const testFiles = trackedFiles(/(?<!vitest\.config)\.ts$/).filter((f) => /(^|\/)test\/|\.test\.ts$|^packages\/contract-tests\//.test(f));

  it('hash every test file', () => {
    expect(testFiles.length).toBeGreaterThan(0);
    const hashed = new Set(tasks.flatMap((t) => Object.keys(t.inputs).map((f) => (t.directory ? `${t.directory}/${f}` : f))));
    expect(testFiles.filter((f) => !hashed.has(f))).toEqual([]);
  });

  // One `tsc --listFilesOnly` per project: about 30 s on a quiet 2-core VM and over 120 s on a
  // loaded one, so its limit only says "it stops", far beyond both.
  it('compile every test file', () => {
    const compiled = new Set<string>();
    const holdsTests = (task: DryRunTask) => testFiles.some((f) => task.directory === '' || f.startsWith(`${task.directory}/`));
    for (const task of tasks.filter(holdsTests)) {
      const projects = [...task.command.matchAll(/tsc -p (\S+)/g)].map((m) => m[1]!);
      for (const project of projects) {
        const listed = execFileSync(join(REPO, 'node_modules/.bin/tsc'), ['-p', project, '--listFilesOnly'], { cwd: join(REPO, task.directory), encoding: 'utf8' });
        for (const file of listed.split('\n')) if (file) compiled.add(relative(REPO, file));
      }
    }
    expect(testFiles.filter((f) => !compiled.has(f))).toEqual([]);
  }, 900_000);
});

describe('a checkout on any machine', () => {
  it('gets every tracked file with LF endings, whatever core.autocrlf says (a CRLF build script does not run; generated files are compared byte for byte)', () => {
    // Columns: index eol, working-tree eol, the attributes that decide the checkout, path.
    const rows = execFileSync('git', ['-c', 'core.autocrlf=true', 'ls-files', '--eol'], { cwd: REPO, encoding: 'utf8' }).trim().split('\n');
    expect(rows.length).toBeGreaterThan(0);
    const notLf = rows.filter((row) => !/\battr\/text=auto eol=lf\b/.test(row) || /^i\/crlf|^i\/mixed/.test(row));
    expect(notLf).toEqual([]);
  });
});
