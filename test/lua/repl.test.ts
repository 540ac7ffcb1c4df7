import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO } from '../support.js';

/** util-linux `script` gives the REPL a real pseudo-terminal, as a user's shell would. */
const hasScript = spawnSync('script', ['--version']).status === 0;

// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');

/** A REPL session in a pty: `send` types a line once `after` has appeared `count` times in the output. */
function session(args: string[], home: string) {
  const child = spawn('script', ['-qfec', [process.execPath, CLI, 'lua', '--repl', ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], {
    cwd: REPO,
    env: { ...process.env, SWITCHBOARD_HOME: home, TERM: 'xterm' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiters.splice(0)) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const prompts = () => plain(output).split('lua> ').length - 1;
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (done() ? resolve() : waiters.push(check));
      check();
    });
  /** Waits for the n-th prompt, then types the keys (a line ends with Enter, \r, as a terminal sends it). */
  async function typeAtPrompt(n: number, keys: string): Promise<void> {
    await until(() => prompts() >= n);
    child.stdin.write(keys);
  }
  /** Waits until the output matches, then types the keys. */
  async function typeAfter(pattern: RegExp, keys: string): Promise<void> {
    await until(() => pattern.test(plain(output)));
    child.stdin.write(keys);
  }
  return { typeAtPrompt, typeAfter, exited, output: () => plain(output), kill: () => child.kill() };
}

describe.skipIf(!hasScript)('switchboard lua --repl in a pseudo-terminal', () => {
  it('evaluates expressions, keeps globals, survives errors, continues incomplete statements and leaves on :quit', async () => {
    const home = mkdtempSync(join(tmpdir(), 'switchboard-repl-'));
    const repl = session([], home);
    await repl.typeAtPrompt(1, 'x = 20 + 1\r');
    await repl.typeAtPrompt(2, 'x * 2\r');
    await repl.typeAtPrompt(3, 'error("bad input")\r');
    await repl.typeAtPrompt(4, 'for i = 1, 2 do\r');
    // The continuation prompt: the loop runs once `end` completes it.
    await repl.typeAtPrompt(4, 'print("item " .. i)\rend\r');
    await repl.typeAtPrompt(5, ':quit\r');
    expect(await repl.exited).toBe(0);
    const out = repl.output();
    expect(out).toContain('lua> x * 2\n42\n');
    expect(out).toContain('stdin:1: bad input\n');
    expect(out).toContain('>> ');
    expect(out).toContain('item 1\nitem 2\n');
  }, 60_000);

  it('brings back lines of an earlier session with the up arrow, from $SWITCHBOARD_HOME/lua_history', async () => {
    const home = mkdtempSync(join(tmpdir(), 'switchboard-repl-history-'));
    const first = session([], home);
    await first.typeAtPrompt(1, '6 * 7\r');
    await first.typeAtPrompt(2, ':quit\r');
    expect(await first.exited).toBe(0);
    expect(readFileSync(join(home, 'lua_history'), 'utf8')).toBe('6 * 7\n');

    const second = session([], home);
    await second.typeAtPrompt(1, '\x1b[A\r');
    // Not by prompt count: readline redraws the prompt when it recalls a line.
    await second.typeAfter(/\n42\nlua> /, ':quit\r');
    expect(await second.exited).toBe(0);
    // The recalled line is redrawn after the prompt, then runs.
    expect(second.output()).toMatch(/lua> (lua> )?6 \* 7\n42\n/);
  }, 60_000);

  it('reaches integrations under the same write policy as scripts', async () => {
    const home = mkdtempSync(join(tmpdir(), 'switchboard-repl-sandbox-'));
    const { bindings } = await import('@switchboard/bindings');
    const read = bindings.flatMap((p) => p.functions).find((f) => f.available && f.operation === 'read' && f.parameters.every((p) => !p.required))!;
    const mocks = await import('@switchboard/mocks');
    const examples = Object.values(mocks).flatMap((v) => (typeof v === 'object' && v !== null && 'examples' in v ? (v as { examples: Array<{ function: string; arguments: object }> }).examples : []));
    const write = bindings.flatMap((p) => p.functions).find((f) => f.available && f.operation === 'write' && examples.some((e) => e.function === f.qualified))!;
    const args = JSON.stringify(examples.find((e) => e.function === write.qualified)!.arguments);
    const repl = session(['--sandbox'], home);
    await repl.typeAtPrompt(1, `type(${read.luaPath}({}))\r`);
    await repl.typeAtPrompt(2, `select(2, pcall(${write.luaPath}, json.decode([[${args}]])))\r`);
    await repl.typeAtPrompt(3, ':quit\r');
    expect(await repl.exited).toBe(0);
    const out = repl.output();
    expect(out).toContain('\n"table"\n');
    expect(out).toContain(`${write.qualified} is a write and was not sent: re-run with --force`);
  }, 60_000);
});

describe('switchboard lua --repl refuses what it cannot use', () => {
  it('takes no -e, file or --json', async () => {
    const { switchboard } = await import('../support.js');
    const run = switchboard(['lua', '--repl', '-e', 'print(1)']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--repl reads Lua from the terminal');
  });
});
