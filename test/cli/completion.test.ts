/**
 * `switchboard completion bash|zsh|fish` prints a script that asks the hidden `__complete`
 * helper for candidates, so completion knows the commands, flags, providers and functions of the
 * installed catalog. The helper is checked directly and through a real bash.
 */

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { CLI, readCatalog, switchboard } from '../support.js';

const catalog = readCatalog();
const providerIds = catalog.providers.map((p) => p.id);
const qualified = catalog.providers.flatMap((p) => p.functions.map((f) => f.names.qualified));
const complete = (...words: string[]) => switchboard(['__complete', '--', ...words]).stdout.split('\n').filter(Boolean);
/** Command names as the top-level help lists them. */
const listed = [...new Set(/\nCommands:\n([\s\S]*?)\n\n/.exec(switchboard(['--help']).stdout)![1]!.split('\n').map((line) => line.trim().split(/\s+/)[0]!))];

describe('completion scripts', () => {
  it.each(['bash', 'zsh', 'fish'])('%s: a script that asks the completion helper', (shell) => {
    const run = switchboard(['completion', shell]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('switchboard __complete --');
  });

  it('bash really completes with it', () => {
    // A `switchboard` on PATH that runs the built binary, as an installed one would.
    const bin = mkdtempSync(join(tmpdir(), 'switchboard-bin-'));
    writeFileSync(join(bin, 'switchboard'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'switchboard'), 0o755);
    const script = `source <(switchboard completion bash)
COMP_WORDS=(switchboard configure ''); COMP_CWORD=2; _switchboard; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([...providerIds].sort());
  });
});

describe('the completion helper', () => {
  it('offers every listed command, and not the hidden helper', () => {
    expect(complete('')).toEqual([...listed].sort());
    expect(complete('')).not.toContain('__complete');
  });

  it('narrows by what is typed', () => {
    const word = listed[0]!.slice(0, 2);
    expect(complete(word)).toEqual(listed.filter((c) => c.startsWith(word)).sort());
  });

  it('offers subcommands', () => {
    expect(complete('mcp', '')).toEqual(['config', 'install', 'serve']);
  });

  it('offers every function to call, docs and schema', () => {
    for (const command of ['call', 'schema', 'docs']) expect(complete(command, '')).toEqual(expect.arrayContaining(qualified));
  });

  it('offers providers where a provider is expected', () => {
    expect(complete('fields', '')).toEqual([...providerIds].sort());
    expect(complete('mcp', 'serve', '--integration', '')).toEqual([...providerIds].sort());
  });

  it("offers a command's flags, and the parameters of the function being called", () => {
    expect(complete('lua', '--')).toEqual(expect.arrayContaining(['--eval', '--sandbox', '--json', '--help']));
    const fn = bindings.flatMap((p) => p.functions).find((f) => Object.keys((f.inputSchema.properties ?? {}) as object).length > 0)!;
    const params = Object.keys(fn.inputSchema.properties as object).map((p) => `--${p.replace(/_/g, '-')}`);
    expect(complete('call', fn.qualified, '--')).toEqual(expect.arrayContaining([...params, '--dry-run', '--json']));
  });

  it("offers a flag's allowed values", () => {
    expect(complete('mcp', 'serve', '--write', '')).toEqual(['allow', 'deny']);
    expect(complete('completion', '')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('offers nothing (so the shell completes file names) for a file argument', () => {
    expect(complete('lua', '')).toEqual([]);
  });
});
