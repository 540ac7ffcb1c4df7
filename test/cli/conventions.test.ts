/**
 * The conventions every command shares, driven through the built binary: `--version`, did-you-mean
 * at each level (command, subcommand, option, provider, function, parameter), one JSON envelope
 * with an error object, one table of exit codes, no stack trace on a usage error, and colour only
 * where it is wanted. Every name comes from the catalog.
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { CLI, REPO, switchboard } from '../support.js';

const home = () => ({ SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-conventions-')), SWITCHBOARD_SANDBOX: '', NO_COLOR: '', FORCE_COLOR: '' });
const json = (text: string) => JSON.parse(text) as Record<string, any>;
/** A near miss: the last two letters swapped (`telnyx` → `telnxy`). */
const typo = (name: string) => `${name.slice(0, -2)}${name.at(-1)}${name.at(-2)}`;

const functions = bindings.flatMap((p) => p.functions.filter((f) => f.available).map((fn) => ({ provider: p, fn })));
const read = functions.find(({ fn }) => fn.operation === 'read' && ((fn.inputSchema.required as string[] | undefined) ?? []).length === 0)!;
const write = functions.find(({ fn }) => fn.operation === 'write')!;
const provider = read.provider;
/** A parameter of a function whose near miss is no other parameter's name. */
const withParameter = functions
  .flatMap(({ fn }) => Object.keys((fn.inputSchema.properties ?? {}) as object).map((param) => ({ fn, param })))
  .find(({ fn, param }) => param.length >= 5 && !Object.keys(fn.inputSchema.properties as object).includes(typo(param)))!;
const version = (JSON.parse(readFileSync(join(REPO, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

describe('--version', () => {
  it.each([['--version'], ['-V'], ['-v'], ['version']])('`%s` prints the package version and exits 0', (flag) => {
    const run = switchboard([flag]);
    expect(run).toMatchObject({ status: 0, stdout: `switchboard ${version}\n`, stderr: '' });
  });

  it('`version --json` is the envelope', () => {
    expect(json(switchboard(['version', '--json']).stdout)).toEqual({ success: true, data: { version }, error: null, meta: { command: 'version' } });
  });
});

describe('did-you-mean', () => {
  const hintOf = (args: string[]) => {
    const run = switchboard([...args, '--json'], { env: home() });
    expect(run.status, args.join(' ')).toBe(2);
    return json(run.stdout).error as { code: string; message: string; hint?: string };
  };

  it('for a command', () => {
    expect(hintOf(['serach'])).toMatchObject({ code: 'unknown_command', hint: expect.stringContaining('Did you mean search?') });
  });

  it('for a subcommand', () => {
    expect(hintOf(['mcp', 'sevre'])).toMatchObject({ code: 'unknown_command', hint: expect.stringContaining('Did you mean serve?') });
  });

  it('for an option', () => {
    expect(hintOf(['list', '--jsno'])).toMatchObject({ code: 'unknown_option', hint: expect.stringContaining('Did you mean --json?') });
  });

  it.each([['configure'], ['fields']])('for a provider given to %s', (command) => {
    expect(hintOf([command, typo(provider.id)])).toMatchObject({ code: 'unknown_provider', hint: expect.stringContaining(`Did you mean ${provider.id}`) });
  });

  it.each([['docs'], ['schema'], ['call']])('for a function given to %s, without listing every function', (command) => {
    const error = hintOf([command, `${read.fn.qualified}x`]);
    expect(error).toMatchObject({ code: 'unknown_function', hint: expect.stringContaining(`Did you mean ${read.fn.qualified}`) });
    const far = provider.functions.filter((f) => !f.name.includes(read.fn.name) && !read.fn.name.includes(f.name) && Math.abs(f.name.length - read.fn.name.length) > 3);
    for (const f of far) expect(`${error.message} ${error.hint}`).not.toContain(f.qualified);
  });

  it('for a parameter of the function called', () => {
    const run = switchboard(['call', withParameter.fn.qualified, `--${typo(withParameter.param).replace(/_/g, '-')}`, 'x', '--dry-run', '--sandbox', '--force', '--json'], { env: home() });
    expect(run.status).toBe(2);
    expect(json(run.stdout).error).toMatchObject({ code: 'invalid_arguments', hint: expect.stringContaining(`--${withParameter.param.replace(/_/g, '-')}`) });
  });

  it('in text, on stderr: the error, then the hint', () => {
    const run = switchboard(['serach', 'sms'], { env: home() });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("error: unknown command 'serach'.\nhint: Did you mean search? See `switchboard --help`.\n");
  });
});

/** [arguments, exit code, error code or null]: one row per kind of outcome of every command. */
const outcomes: Array<[string[], 0 | 1 | 2, string | null]> = [
  [['list'], 0, null],
  [['search', ...read.fn.title.toLowerCase().split(' ')], 0, null],
  [['search'], 2, 'missing_argument'],
  [['docs'], 0, null],
  [['docs', read.fn.qualified], 0, null],
  [['docs', `${provider.id}.no_such_function`], 2, 'unknown_function'],
  [['schema', read.fn.qualified], 0, null],
  [['schema', `${typo(provider.id)}.x`], 2, 'unknown_provider'],
  [['fields', provider.id], 0, null],
  [['fields'], 2, 'missing_argument'],
  [['configure', provider.id, '--write', 'allow'], 0, null],
  [['configure', provider.id, '--write', 'maybe'], 2, 'invalid_option_value'],
  [['call', read.fn.qualified, '--sandbox'], 0, null],
  [['call', write.fn.qualified, '{}', '--sandbox', '--dry-run', '--force'], 2, 'invalid_arguments'],
  [['call', write.fn.qualified, '{', '--sandbox'], 2, 'invalid_payload'],
  [['lua', '-e', 'return 1'], 0, null],
  [['lua', '-e', 'error("boom")'], 1, 'runtime'],
  [['lua', join(tmpdir(), 'switchboard-no-such-script.lua')], 2, 'unreadable_file'],
  [['lua', '--cpu-limit', 'soon', '-e', 'return 1'], 2, 'invalid_option_value'],
  [['mcp', 'config'], 0, null],
  [['mcp', 'serve', '--write', 'maybe'], 2, 'invalid_option_value'],
  [['mcp'], 2, 'missing_command'],
  [['validate'], 0, null],
  [['validate', 'no-such-specs-dir'], 2, 'not_a_directory'],
  [['validate', 'a', 'b'], 2, 'too_many_arguments'],
  [['completion', 'bash'], 0, null],
  [['completion', 'tcsh'], 2, 'invalid_argument'],
  [['version'], 0, null],
  [['frobnicate'], 2, 'unknown_command'],
  [['list', '--frobnicate'], 2, 'unknown_option'],
  [['fields', provider.id, '--account'], 2, 'invalid_option_value'],
];

describe('one JSON shape and one table of exit codes', () => {
  it.each(outcomes)('%j --json exits %i with the envelope (error %s)', (args, exit, code) => {
    const run = switchboard([...args, '--json'], { env: home() });
    expect(run.status).toBe(exit);
    const envelope = json(run.stdout);
    const fields = args[0] === 'call' ? ['function', 'success', 'data', 'error', 'meta', 'duration_ms'] : ['success', 'data', 'error', 'meta'];
    expect(Object.keys(envelope)).toEqual(fields);
    expect(envelope.success).toBe(exit === 0);
    expect(envelope.meta).toEqual(expect.objectContaining({ command: expect.any(String) }));
    if (code === null) expect(envelope.error).toBeNull();
    else expect(envelope.error).toEqual({ code, message: expect.any(String), ...(envelope.error.hint !== undefined ? { hint: expect.any(String) } : {}), ...(envelope.error.details !== undefined ? { details: expect.anything() } : {}) });
  });

  it.each(outcomes.filter(([, exit]) => exit !== 0))('%j without --json: the error on stderr, no JSON and no stack trace', (args, exit) => {
    const run = switchboard(args, { env: home() });
    expect(run.status).toBe(exit);
    expect(run.stderr).toMatch(/(^|\n)error: \S/);
    expect(run.stderr).not.toMatch(/\n\s+at |node:internal|Error:/);
    expect(run.stdout).not.toMatch(/^\{/);
  });

  // One row of each kind: a success, a failure, a command missing its subcommand, an unknown command and option.
  const leading = outcomes.filter(([args]) => ['list', 'call', 'lua', 'mcp', 'frobnicate'].includes(args[0]!) && args.length <= 3 && args.at(-1) !== 'return 1');
  it.each(leading)('%j: --json and --debug may also come before the command, with the same outcome', (args, exit) => {
    const env = home();
    const after = switchboard([...args, '--json'], { env });
    const before = switchboard(['--json', '--debug', ...args], { env });
    expect(before.status).toBe(exit);
    const withoutTimings = (text: string) => {
      const { duration_ms: _duration, meta, ...envelope } = json(text);
      return { ...envelope, meta: { command: meta.command } };
    };
    expect(withoutTimings(before.stdout)).toEqual(withoutTimings(after.stdout));
  });

  it('an option missing its value, last on the line, is a usage error', () => {
    const run = switchboard(['fields', provider.id, '--account'], { env: home() });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("error: option '--account <name>' argument missing.\nhint: See `switchboard fields --help`.\n");
  });

  it('--debug adds the stack trace', () => {
    const run = switchboard(['validate', 'no-such-specs-dir', '--debug'], { env: home() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: no-such-specs-dir is not a directory\.\n[\s\S]*\n\s+at /);
  });

  it('--debug adds the stack trace of a failed call too, which the call reports rather than throws', () => {
    const { fn } = read;
    const text = switchboard(['call', fn.qualified, '{"no_such_parameter": 1}', '--debug'], { env: home() });
    expect(text.status).toBe(2);
    expect(text.stderr).toMatch(/\n\s+at /);
    const envelope = json(switchboard(['call', fn.qualified, '{"no_such_parameter": 1}', '--debug', '--json'], { env: home() }).stdout);
    expect(envelope.meta.stack).toMatch(/\n\s+at /);
    expect(json(switchboard(['call', fn.qualified, '{"no_such_parameter": 1}', '--json'], { env: home() }).stdout).meta.stack).toBeUndefined();
  });

  it('validate --json lists every problem with its position', () => {
    const specs = mkdtempSync(join(tmpdir(), 'switchboard-bad-specs-'));
    mkdirSync(join(specs, 'acme'));
    writeFileSync(join(specs, 'acme/provider.yaml'), 'id: [1\n');
    const run = switchboard(['validate', specs, '--json'], { env: home() });
    const envelope = json(run.stdout);
    expect(run.status).toBe(1);
    expect(envelope.error.code).toBe('invalid_specs');
    expect(envelope.error.details.problems[0]).toEqual({ file: expect.any(String), line: expect.any(Number), column: expect.any(Number), message: expect.any(String) });
  });

  it('generate --check --json says the output is up to date', () => {
    const envelope = json(switchboard(['generate', '--check', '--json']).stdout);
    expect(envelope).toMatchObject({ success: true, data: { check: true, stale: [] }, error: null });
  });

  it('schema without --json prints the schemas, and its error as text', () => {
    const good = switchboard(['schema', read.fn.qualified], { env: home() });
    expect(json(good.stdout)).toMatchObject({ function: read.fn.qualified, input_schema: read.fn.inputSchema });
    const bad = switchboard(['schema', `${read.fn.qualified}x`], { env: home() });
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error: Unknown integration function/);
  });
});

describe('colour', () => {
  const failing = ['docs', `${provider.id}.no_such_function`];
  it('is off when stderr is not a terminal', () => {
    expect(switchboard(failing, { env: home() }).stderr).not.toContain('\u001b[');
  });

  it('is on with FORCE_COLOR, even into a pipe', () => {
    expect(switchboard(failing, { env: { ...home(), FORCE_COLOR: '1' } }).stderr).toContain('\u001b[31m');
  });

  it('FORCE_COLOR=0 turns it off', () => {
    expect(switchboard(failing, { env: { ...home(), FORCE_COLOR: '0' } }).stderr).not.toContain('\u001b[');
  });

  // util-linux `script` runs the CLI on a pseudo-terminal, where colour is on unless NO_COLOR says otherwise.
  const onTerminal = (env: Record<string, string>) =>
    spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" ${failing.join(' ')}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, ...home(), TERM: 'xterm', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).stdout;
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('is on for a terminal, and NO_COLOR turns it off there', () => {
    expect(onTerminal({})).toContain('\u001b[31m');
    expect(onTerminal({ NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(onTerminal({ NO_COLOR: '1' })).toContain('error: ');
  });

  it('never colours the JSON envelope', () => {
    expect(switchboard([...failing, '--json'], { env: { ...home(), FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });
});
