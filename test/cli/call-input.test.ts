import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { examplesByProvider } from '@switchboard/mocks';
import { CLI, REPO, switchboard, type CliRun } from '../support.js';

const env = () => ({ SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-input-')), SWITCHBOARD_SANDBOX: '' });
const json = (text: string) => JSON.parse(text) as Record<string, any>;
const kebab = (name: string) => name.replace(/_/g, '-');

const examples = Object.values(examplesByProvider).flatMap((e) => e.examples);
const fnOf = (qualified: string) => bindings.flatMap((p) => p.functions).find((f) => f.qualified === qualified)!;
const typeOf = (qualified: string, param: string) => (fnOf(qualified).inputSchema as { properties: Record<string, { type?: string }> }).properties[param]?.type;

// A documented call with a string parameter, and one with an array-of-strings parameter: found in the catalog, not named here.
const withString = examples.flatMap((e) => Object.entries(e.arguments).filter(([p, v]) => typeof v === 'string' && typeOf(e.function, p) === 'string').map(([param]) => ({ e, param })))[0]!;
const withArray = examples.flatMap((e) =>
  Object.entries(e.arguments)
    .filter(([p, v]) => Array.isArray(v) && v.length > 0 && v.every((item) => typeof item === 'string' && !item.includes(',')) && typeOf(e.function, p) === 'array')
    .map(([param, value]) => ({ e, param, item: (value as string[])[0]! })),
)[0]!;

// A documented call with a nullable parameter (type [T, 'null']), found in the catalog, not named here.
const isNullable = (qualified: string, param: string) => {
  const type: unknown = typeOf(qualified, param);
  return Array.isArray(type) && type.includes('null');
};
const withNullable = examples.flatMap((e) => Object.keys(fnOf(e.function).inputSchema.properties as object).filter((p) => isNullable(e.function, p)).map((param) => ({ e, param })))[0];

/** A sandbox dry run (`--force` so a write is built too): the exact request, or the error. */
const dryRun = (fn: string, payload: object, ...flags: string[]) => switchboard(['call', fn, JSON.stringify(payload), ...flags, '--sandbox', '--dry-run', '--force', '--json'], { env: env() });

const without = (args: Record<string, unknown>, param: string) => Object.fromEntries(Object.entries(args).filter(([p]) => p !== param));

describe('call parameter flags are never dropped or overwritten silently', () => {
  it.each([
    ['--__proto__', 'x'],
    ['--__proto__=x'],
    ['--__proto__'],
    ['--constructor', 'x'],
    ['--to-string', 'x'],
  ])('%s is a usage error naming it', (...flag) => {
    const run = switchboard(['call', withString.e.function, JSON.stringify(withString.e.arguments), ...flag, '--sandbox', '--dry-run', '--force', '--json'], { env: env() });
    expect(run.status).toBe(2);
    const name = flag[0]!.replace(/^--/, '').replace(/=.*/, '').replace(/-/g, '_');
    expect(run.stdout + run.stderr).toContain(name);
  });

  it('a JSON payload key __proto__ is refused as an unknown parameter, not merged into the prototype', () => {
    const run = dryRun(withString.e.function, JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(withString.e.arguments).slice(1)}`));
    expect(run.status).toBe(2);
    expect(json(run.stdout).error).toMatchObject({ code: 'invalid_arguments', message: expect.stringContaining('__proto__') });
  });

  it('a parameter flag given twice is a usage error naming it (no "last one wins")', () => {
    const flag = `--${kebab(withString.param)}`;
    const run = dryRun(withString.e.function, without(withString.e.arguments, withString.param), flag, 'first', flag, 'second');
    expect(run.status).toBe(2);
    expect(json(run.stdout).error.message).toContain(`${flag} was given 2 times; '${withString.param}' takes one value.`);
  });

  it('--account given twice is a usage error', () => {
    const run = dryRun(withString.e.function, withString.e.arguments, '--account', 'one', '--account', 'two');
    expect(run.status).toBe(2);
    expect(json(run.stdout).error.message).toContain('--account was given twice');
  });

  it.runIf(withNullable !== undefined)('a nullable parameter sends JSON null, from a flag or the payload; left out, nothing is sent', () => {
    const { e, param } = withNullable!;
    const bodyOf = (run: CliRun) => {
      expect(run.status, run.stdout + run.stderr).toBe(0);
      return JSON.parse((json(run.stdout).data as { body: string }).body) as Record<string, unknown>;
    };
    const rest = without(e.arguments, param);
    expect(bodyOf(dryRun(e.function, rest, `--${kebab(param)}`, 'null'))[param]).toBeNull();
    expect(bodyOf(dryRun(e.function, { ...rest, [param]: null }))[param]).toBeNull();
    const leftOut = dryRun(e.function, rest);
    expect(leftOut.status).toBe(0);
    const body = (json(leftOut.stdout).data as { body: string | null }).body;
    expect(body === null ? {} : (JSON.parse(body) as object)).not.toHaveProperty(param);
  });

  it('an array parameter collects repeats, as documented: --p a --p b is [a, b]', () => {
    const flag = `--${kebab(withArray.param)}`;
    const asPayload = dryRun(withArray.e.function, { ...withArray.e.arguments, [withArray.param]: [withArray.item, withArray.item] });
    const asFlags = dryRun(withArray.e.function, without(withArray.e.arguments, withArray.param), flag, withArray.item, flag, withArray.item);
    expect(asPayload.status).toBe(0);
    expect(asFlags.status).toBe(0);
    // The same request either way. Bodies are compared as data, since the order of different keys
    // follows the arguments' order: a JSON body parsed, a form body as its pairs sorted by key (a
    // stable sort, so the order of one key's repeated values still counts).
    const request = (run: CliRun) => {
      const data = json(run.stdout).data as { body?: unknown; headers?: Record<string, string> };
      if (typeof data.body !== 'string') return data;
      if (/^[[{]/.test(data.body)) return { ...data, body: JSON.parse(data.body) };
      if (data.headers?.['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return { ...data, body: [...new URLSearchParams(data.body)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
      }
      return data;
    };
    expect(request(asFlags)).toEqual(request(asPayload));
  });
});

/**
 * The CLI with `input` on standard input, as a shell gives it: through a real pipe (`cat file |`),
 * or redirected from the file. (Node's own `input` option hands the child a socket, not a pipe.)
 */
function withStdin(args: string[], input: Buffer, asFile = false): CliRun {
  const path = join(mkdtempSync(join(tmpdir(), 'switchboard-stdin-')), 'input');
  writeFileSync(path, input);
  const script = asFile ? 'f=$1; shift; exec "$@" < "$f"' : 'f=$1; shift; cat "$f" | "$@"';
  const run = spawnSync('sh', ['-c', script, 'sh', path, process.execPath, CLI, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env() },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('standard input has a documented size cap of 4 MiB', () => {
  const MiB = 1024 * 1024;
  // A valid JSON payload padded with whitespace, so only its size is wrong.
  const payload = (bytes: number) => Buffer.concat([Buffer.from(JSON.stringify(withString.e.arguments)), Buffer.alloc(bytes, ' ')]);

  it.each([
    ['a 50 MB pipe to call', ['call', withString.e.function, '--sandbox', '--dry-run', '--force'], 50 * 1000 * 1000, false],
    ['a 50 MB file to call', ['call', withString.e.function, '--sandbox', '--dry-run', '--force'], 50 * 1000 * 1000, true],
    ['a pipe just over the cap to lua', ['lua', '--sandbox'], 4 * MiB + 1, false],
  ] as const)('%s is refused with a usage error naming the limit', (_name, args, bytes, asFile) => {
    const run = withStdin([...args], payload(bytes), asFile);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('standard input is larger than 4 MiB, the limit for a payload or script; nothing was run.');
  });

  it('a payload under the cap is read', () => {
    const run = withStdin(['call', withString.e.function, '--sandbox', '--dry-run', '--force', '--json'], payload(MiB));
    expect(run.status).toBe(0);
    expect(json(run.stdout).success).toBe(true);
  });

  it('a Lua script file over the cap is refused before reading', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'switchboard-script-')), 'big.lua');
    writeFileSync(file, Buffer.alloc(4 * MiB + 1, ' '));
    const run = switchboard(['lua', file], { env: env() });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is larger than 4 MiB');
  });
});
