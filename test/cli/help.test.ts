/**
 * Every command answers `--help` (and `switchboard help <command>`) with its own usage lines
 * instead of refusing the flag, and runs nothing.
 */

import { describe, expect, it } from 'vitest';
import { switchboard } from '../support.js';

/** The commands the top-level help lists, read from it, so a new command is covered without edits. */
const commands = [...new Set([...switchboard(['--help']).stdout.matchAll(/^ {2}switchboard ([a-z]+)/gm)].map((m) => m[1]!))];

describe('per-command help', () => {
  it('the top-level help lists the commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['call', 'lua', 'mcp', 'validate', 'generate']));
  });

  it.each(commands)('`%s --help` prints its usage and exits 0', (command) => {
    const run = switchboard([command, '--help']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage:\\n {2}switchboard ${command}\\b`));
    expect(switchboard(['help', command]).stdout).toBe(run.stdout);
  });

  it('`generate --help` generates nothing: it prints usage even where generate would refuse to run', () => {
    const run = switchboard(['generate', '--check', '--help'], { cwd: '/' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('switchboard generate [--check]');
  });

  it('after `--`, --help is an argument, not a request for help', () => {
    const run = switchboard(['lua', '-e', 'print(...)', '--', '--help', '--json']);
    expect(run.stdout).not.toContain('Usage:');
  });
});
