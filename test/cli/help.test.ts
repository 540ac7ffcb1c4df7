/**
 * Every command answers `--help` (and `switchboard help <command>`, and `-h`) with its own page
 * instead of refusing the flag, and runs nothing.
 */

import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { switchboard } from '../support.js';

/** The commands the top-level help lists (`list`, `mcp serve`, …), read from it, so a new command is covered without edits. */
const topLevel = switchboard(['--help']).stdout;
const commands = /\nCommands:\n([\s\S]*?)\n\n/.exec(topLevel)![1]!.split('\n').map((line) => /^ {2}(\S+(?: [a-z]+)?)\s{2,}/.exec(line)![1]!);

describe('per-command help', () => {
  it('the top-level help lists the commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['call', 'lua', 'mcp serve', 'mcp config', 'validate', 'generate', 'completion']));
  });

  it('the top-level help names a real provider and its variable, read from the catalog', () => {
    const named = bindings.filter((p) => p.fields.length > 0 && topLevel.includes(`\`switchboard configure ${p.id}\``));
    expect(named).toHaveLength(1);
    expect(topLevel).toContain(`(${named[0]!.fields[0]!.env};`);
    expect(topLevel).not.toMatch(/undefined|\[object Object\]/);
  });

  it.each(commands)('`%s --help` prints its usage, options and examples, and exits 0', (command) => {
    const words = command.split(' ');
    const run = switchboard([...words, '--help']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage:\\n {2}switchboard ${command}\\b`));
    expect(run.stdout).toMatch(/\nOptions:\n[\s\S]* {4}--json /);
    if (!['version', 'help'].includes(command)) expect(run.stdout).toMatch(/\nExamples:\n {2}switchboard /);
    expect(switchboard(['help', ...words]).stdout).toBe(run.stdout);
    expect(switchboard([...words, '-h']).stdout).toBe(run.stdout);
  });

  it('`generate --help` generates nothing: it prints usage even where generate would refuse to run', () => {
    const run = switchboard(['generate', '--check', '--help'], { cwd: '/' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--check');
  });

  it('after `--`, --help is an argument, not a request for help', () => {
    const run = switchboard(['lua', '-e', 'print(...)', '--', '--help', '--json']);
    expect(run.stdout).not.toContain('Usage:');
  });

  it('a command that needs a subcommand, given none, shows its help as a usage error', () => {
    const run = switchboard(['mcp']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Usage:\n {2}switchboard mcp <command>/);
    expect(run.stderr).toContain('serve');
  });
});
