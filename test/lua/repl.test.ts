import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasScript, ptySession } from '../pty.js';

/** A REPL session in a pty: `typeAtPrompt` types a line once the n-th prompt has appeared. */
function session(args: string[], home: string) {
  const pty = ptySession(['lua', '--repl', ...args], { env: { SWITCHBOARD_HOME: home } });
  const prompts = (out: string) => out.split('lua> ').length - 1;
  const typeAtPrompt = (n: number, keys: string) => pty.typeWhen((out) => prompts(out) >= n, keys);
  return { typeAtPrompt, typeAfter: pty.typeAfter, exited: pty.exited, output: pty.output, kill: pty.kill };
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

  it('starts without history when its history file cannot be read', async () => {
    const home = mkdtempSync(join(tmpdir(), 'switchboard-repl-unreadable-'));
    // A folder where the file goes: unreadable for every user, root included.
    mkdirSync(join(home, 'lua_history'));
    const repl = session([], home);
    await repl.typeAtPrompt(1, '6 * 7\r');
    await repl.typeAtPrompt(2, ':quit\r');
    expect(await repl.exited).toBe(0);
    expect(repl.output()).toContain('lua> 6 * 7\n42\n');
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
