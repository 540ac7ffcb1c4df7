import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { examplesByProvider } from '@switchboard/mocks';
import { switchboard, type CliRun } from '../support.js';

/** A recognisable secret. A corrupted file may split it over lines, so each half is looked for on its own. */
const SECRET_HEAD = 'KEY_leak_7Hq2';
const SECRET_TAIL = 'Zp9xWm4R';
const SECRET = `${SECRET_HEAD}${SECRET_TAIL}`;

// A read function with a documented example, so a sandbox call has valid arguments; its provider's secret field holds the secret.
const examples = Object.values(examplesByProvider).flatMap((e) => e.examples);
const provider = bindings.find((p) => p.fields.some((f) => f.secret) && p.functions.some((f) => f.operation === 'read' && examples.some((e) => e.function === f.qualified)))!;
const readFn = provider.functions.find((f) => f.operation === 'read' && examples.some((e) => e.function === f.qualified))!;
const readExample = examples.find((e) => e.function === readFn.qualified)!;
const field = provider.fields.find((f) => f.secret)!.key;

/** The settings file as `configure` writes it, with the secret on line 6. */
const good = (value: string) =>
  [
    '{',
    '  "providers": {',
    `    "${provider.id}": {`,
    '      "accounts": {',
    '        "default": {',
    `          "${field}": ${value}`,
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
const valueColumn = `          "${field}": `.length + 1;

/** Hand-edit mistakes and damage; `at` is where the syntax error is (null: valid JSON of the wrong shape). */
const corruptions: Array<{ name: string; text: string; at: [number, number] | null }> = [
  { name: 'an unquoted value', text: good(SECRET), at: [6, valueColumn] },
  { name: 'a file cut short', text: good(`"${SECRET}"`).slice(0, good(`"${SECRET}"`).indexOf(SECRET) + SECRET.length + 1), at: [6, valueColumn + SECRET.length + 2] },
  { name: 'a trailing comma', text: good(`"${SECRET}",`), at: [7, 9] },
  { name: 'a missing comma', text: good(`"${SECRET}" "${SECRET}"`), at: [6, valueColumn + SECRET.length + 3] },
  { name: 'a raw line break in the secret', text: good(`"${SECRET_HEAD}\n${SECRET_TAIL}"`), at: [6, valueColumn + SECRET_HEAD.length + 1] },
  { name: 'a bad escape in the secret', text: good(`"${SECRET_HEAD}\\q${SECRET_TAIL}"`), at: [6, valueColumn + SECRET_HEAD.length + 1] },
  { name: 'single quotes', text: good(`'${SECRET}'`), at: [6, valueColumn] },
  { name: 'a secret as a property name', text: good(`"x", "${SECRET}"`), at: [7, 9] },
  { name: 'binary damage after the secret', text: `${good(`"${SECRET}"`).slice(0, -3)}\u0000\u0007\u00ff`, at: [10, 4] },
  { name: 'the secret in an array', text: good(`["${SECRET}"]`), at: null },
  { name: 'the secret as the whole file', text: `"${SECRET}"\n`, at: null },
  { name: 'the secret as a key of the wrong shape', text: JSON.stringify({ providers: { [provider.id]: { accounts: { default: { [SECRET]: 1 } } } } }), at: null },
];

function homeWith(text: string): { env: Record<string, string>; file: string } {
  const home = mkdtempSync(join(tmpdir(), 'switchboard-corrupt-'));
  const file = join(home, 'accounts.json');
  writeFileSync(file, text, { mode: 0o600 });
  const noEnvCredentials = Object.fromEntries(provider.fields.map((f) => [f.env, '']));
  return { env: { SWITCHBOARD_HOME: home, SWITCHBOARD_SANDBOX: '', ...noEnvCredentials }, file };
}

function expectNoSecret(run: CliRun): void {
  for (const text of [run.stdout, run.stderr]) {
    for (const part of [SECRET, SECRET_HEAD, SECRET_TAIL]) expect(text).not.toContain(part);
  }
  expect(run.stderr).not.toMatch(/SyntaxError|\n\s+at /);
}

describe('a corrupt settings file', () => {
  it.each(corruptions)('with $name: every command names the file and position, never its content; sandbox runs go on', ({ text, at }) => {
    const { env, file } = homeWith(text);
    const where = at ? `${file}:${at[0]}:${at[1]}: not valid JSON` : `${file}: not a switchboard settings file`;

    const call = switchboard(['call', readFn.qualified, JSON.stringify(readExample.arguments)], { env });
    expectNoSecret(call);
    expect(call.status).toBe(1);
    expect(call.stderr).toContain(where);

    const callJson = switchboard(['call', readFn.qualified, JSON.stringify(readExample.arguments), '--json'], { env });
    expectNoSecret(callJson);
    expect(callJson.status).toBe(1);
    expect(JSON.parse(callJson.stdout)).toMatchObject({ success: false, data: null, error: { code: 'settings_file', message: expect.stringContaining(where) } });

    for (const args of [['fields', provider.id, '--json'], ['list', '--json'], ['mcp', 'serve']]) {
      const run = switchboard(args, { env });
      expectNoSecret(run);
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stdout + run.stderr).toContain(where);
    }

    const configure = switchboard(['configure', provider.id, '--set', `${field}=replacement_value`], { env });
    expectNoSecret(configure);
    expect(configure.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(text);

    const sandboxCall = switchboard(['call', readFn.qualified, JSON.stringify(readExample.arguments), '--sandbox', '--json'], { env });
    expectNoSecret(sandboxCall);
    expect(sandboxCall.status).toBe(0);
    expect(JSON.parse(sandboxCall.stdout)).toMatchObject({ success: true, meta: { sandbox: true } });

    const sandboxLua = switchboard(['lua', '-e', 'return 1', '--sandbox', '--json'], { env });
    expectNoSecret(sandboxLua);
    expect(sandboxLua.status).toBe(0);
    expect(JSON.parse(sandboxLua.stdout)).toMatchObject({ success: true, data: { result: 1 } });
  });

  it('a byte order mark from an editor is not corruption', () => {
    const { env } = homeWith(`\uFEFF${good(`"${SECRET}"`)}`);
    const run = switchboard(['fields', provider.id, '--json'], { env });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).data.fields).toContainEqual(expect.objectContaining({ key: field, configured: true }));
    expectNoSecret(run);
  });
});

describe('configure never echoes a value in a usage error', () => {
  it.each([
    ['a colon for the equals sign', ['--set', `${field}:${SECRET}`]],
    ['no separator at all', ['--set', SECRET]],
    ['the secret where the key goes', ['--set', `${SECRET}=x`]],
    ['an equals sign first', ['--set', `=${SECRET}`]],
    ['a secret given to --unset', ['--unset', `${field}=${SECRET}`]],
  ])('%s', (_name, args) => {
    const { env } = homeWith(good('"old"'));
    const run = switchboard(['configure', provider.id, ...args, '--json'], { env });
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toMatch(new RegExp(`^(--set|--unset|.*not a field of ${provider.id})`));
    expectNoSecret(run);
  });
});

describe('configure where the settings folder cannot be written', () => {
  it('names the file and the way round it, keeps the secret out of it, and leaves nothing behind', () => {
    const base = mkdtempSync(join(tmpdir(), 'switchboard-unwritable-'));
    // A file where the folder would go: mkdir fails for every user, root included (permissions would not stop root).
    const blocker = join(base, 'home');
    writeFileSync(blocker, 'not a folder');
    const home = join(blocker, '.switchboard');
    const run = switchboard(['configure', provider.id, '--set', `${field}=${SECRET}`, '--json'], { env: { SWITCHBOARD_HOME: home } });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).error).toEqual({
      code: 'settings_file',
      message: `${join(home, 'accounts.json')} cannot be written (ENOTDIR); make ${home} a folder you can write, or set SWITCHBOARD_HOME to one.`,
    });
    expectNoSecret(run);
    expect(readdirSync(base)).toEqual(['home']);
  });
});
