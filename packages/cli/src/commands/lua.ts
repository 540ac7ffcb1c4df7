import { readSettingsFor } from '../settings-file.js';
import type { InvokeContext } from '../invoke.js';
import { EXIT, UsageError } from '../io.js';
import type { CommandHandler } from '../cli/reply.js';
import { luaHost } from '../lua-bridge.js';
import { parseCpuLimit, parseMemoryLimit } from '../lua-limits.js';
import { sandboxRequested } from '../sandbox.js';
import { parseBaseUrlFlags } from '../base-url.js';
import { bindings } from '../registry.js';
import { readInputFile, readStdinIfPiped } from '../stdin.js';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** `switchboard lua [file] [-e code]`: data is what the script printed and returned; meta how it ran. */
export const luaCommand: CommandHandler = async ({ args, options, io }) => {
  const memoryBytes = parseMemoryLimit(text(options.memoryLimit));
  const cpuSeconds = parseCpuLimit(text(options.cpuLimit));
  const code = text(options.eval) ?? (args[0] ? readInputFile(args[0]) : await readStdinIfPiped());
  if (code === null || code.trim() === '') throw new UsageError('give Lua code with -e, a file, or on standard input.', { code: 'missing_argument', hint: "e.g. `switchboard lua -e 'print(1)'`." });

  const force = options.force === true;
  const sandbox = sandboxRequested(options.sandbox === true, process.env);
  const ctx: InvokeContext = { settings: readSettingsFor(sandbox, (m) => io.stderr.write(m)), env: process.env, sandbox, force, dryRun: false, log: [] };
  ctx.baseUrlFlags = parseBaseUrlFlags((options.baseUrl as string[] | undefined) ?? [], bindings);
  const { DEFAULT_LIMITS, LuaPool } = await import('@switchboard/lua');
  // One worker: a script stuck in C code (a pathological pattern) can still be killed.
  const pool = new LuaPool({ size: 1 });
  try {
    const run = await pool.run(code, luaHost(ctx), {
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
      // The wall-clock limit (default 60 s) must not silently cut short a longer CPU limit the user asked for.
      ...(cpuSeconds !== undefined ? { cpuMs: cpuSeconds * 1000, wallMs: Math.max(DEFAULT_LIMITS.wallMs, cpuSeconds * 1000) } : {}),
    });
    const permissionBypassed = force && ctx.log.some((c) => c.operation === 'write' && c.effect !== 'denied');
    return {
      exit: run.ok ? EXIT.ok : EXIT.failure,
      data: { output: run.output, result: run.result ?? null },
      error: run.error ? { code: run.error.kind, message: run.error.message } : null,
      meta: { sandbox, permission_bypassed: permissionBypassed, execution_time_ms: Math.round(run.durationMs * 100) / 100, integration_calls: ctx.log },
      // A person sees the script's own output, unchanged.
      text: run.output,
      verbatim: true,
      notes: sandbox ? ['(sandbox: integration calls answered by the mock handlers; nothing left this machine)'] : [],
    };
  } finally {
    await pool.close();
  }
};
