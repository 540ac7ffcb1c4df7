import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { runLua } from '@switchboard/lua';
import { luaHost } from '../../packages/cli/dist/lua-bridge.js';
import type { InvokeContext } from '../../packages/cli/dist/invoke.js';

/** A headless sandbox run allowed to write, as `switchboard lua --sandbox --force` runs. */
function sandboxContext(): InvokeContext {
  return { settings: { providers: {} }, env: { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-lua-')) }, sandbox: true, force: true, dryRun: false, log: [] };
}

const examples = bindings.flatMap((p) => p.luaExamples.map((e) => ({ ...e, provider: p.id })));

describe('every Lua example in the generated reference pages runs against the mock handlers', () => {
  it('covers every function with an example', () => {
    expect(examples.length).toBeGreaterThanOrEqual(bindings.reduce((n, p) => n + p.functions.filter((f) => f.available).length, 0));
  });

  it.each(examples.map((e) => [`${e.function}: ${e.title}`, e] as const))('%s', async (_name, example) => {
    const ctx = sandboxContext();
    const run = await runLua(example.code, luaHost(ctx), { cpuMs: 5_000 });
    if (example.expectsError) {
      expect(run.ok).toBe(false);
      return;
    }
    expect(run.error).toBeNull();
    expect(run.ok).toBe(true);
    expect(ctx.log.map((c) => c.function)).toEqual([example.function]);
    expect(ctx.log[0]!.effect).toMatch(/^(read|write_succeeded)$/);
    expect(run.output.length).toBeGreaterThan(0);
  });
});
