import { readSettingsFor } from '../settings-file.js';
import type { LuaRunResult } from '@switchboard/lua';
import type { InvokeContext } from '../invoke.js';
import { EXIT, UsageError } from '../io.js';
import type { CommandHandler } from '../cli/reply.js';
import { luaHost } from '../lua-bridge.js';
import { parseCpuLimit, parseMemoryLimit } from '../lua-limits.js';
import { sandboxRequested } from '../sandbox.js';
import { parseBaseUrlFlags } from '../base-url.js';
import { bindings } from '../registry.js';
import { readInputFile, readStdinIfPiped } from '../stdin.js';
import { upstreamForLua } from '../lua-upstream.js';
import { cliVersion } from '../cli/version.js';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** `switchboard lua [file] [-e code]`: data is what the script printed and returned; meta how it ran. */
export const luaCommand: CommandHandler = async ({ args, options, io, json }) => {
  const memoryBytes = parseMemoryLimit(text(options.memoryLimit));
  const cpuSeconds = parseCpuLimit(text(options.cpuLimit));
  if (options.repl === true) {
    if (options.eval !== undefined || args.length > 0 || json) {
      throw new UsageError('--repl reads Lua from the terminal: it takes no -e, file or --json.', { code: 'invalid_option_value', hint: 'run `switchboard lua --repl` on its own, or drop --repl to run a script.' });
    }
    const { replCommand } = await import('../repl-command.js');
    const exit = await replCommand({ sandbox: options.sandbox === true, force: options.force === true, baseUrls: (options.baseUrl as string[] | undefined) ?? [], mcpConfig: text(options.mcpConfig), memoryBytes, cpuSeconds }, io);
    // The session wrote to the terminal itself.
    return { exit, data: null };
  }
  const code = text(options.eval) ?? (args[0] ? readInputFile(args[0]) : await readStdinIfPiped());
  if (code === null || code.trim() === '') throw new UsageError('give Lua code with -e, a file, or on standard input.', { code: 'missing_argument', hint: "e.g. `switchboard lua -e 'print(1)'`." });

  const force = options.force === true;
  const sandbox = sandboxRequested(options.sandbox === true, process.env);
  const ctx: InvokeContext = { settings: readSettingsFor(sandbox, (m) => io.stderr.write(m)), env: process.env, sandbox, force, dryRun: false, log: [] };
  ctx.baseUrlFlags = parseBaseUrlFlags((options.baseUrl as string[] | undefined) ?? [], bindings);
  const { DEFAULT_LIMITS, LuaPool } = await import('@switchboard/lua');
  // One worker: a script stuck in C code (a pathological pattern) can still be killed.
  const pool = new LuaPool({ size: 1 });
  const upstream = upstreamForLua(text(options.mcpConfig), cliVersion());
  try {
    // Errors and tracebacks name the file a script came from ("report.lua:3: …"); -e and stdin are "script".
    const script = options.eval === undefined && args[0] ? { name: args[0] } : {};
    const run = await pool.run(code, luaHost(ctx, upstream), {
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
      // The wall-clock limit (default 60 s) must not silently cut short a longer CPU limit the user asked for.
      ...(cpuSeconds !== undefined ? { cpuMs: cpuSeconds * 1000, wallMs: Math.max(DEFAULT_LIMITS.wallMs, cpuSeconds * 1000) } : {}),
    }, script);
    const permissionBypassed = force && ctx.log.some((c) => c.operation === 'write' && c.effect !== 'denied');
    return {
      exit: run.ok ? EXIT.ok : EXIT.failure,
      data: { output: run.output, result: run.result ?? null },
      // The traceback is printed under the message for a person, and kept in meta for scripts. An
      // uncaught failed call adds its fields (`call`: code, status, provider_code, …), as `call --json` gives them.
      error: run.error ? { code: run.error.kind, message: run.error.message, ...luaErrorDetails(run.error) } : null,
      meta: { sandbox, permission_bypassed: permissionBypassed, execution_time_ms: Math.round(run.durationMs * 100) / 100, integration_calls: ctx.log, traceback: run.error?.traceback ?? null },
      // A person sees the script's own output, unchanged.
      text: run.output,
      verbatim: true,
      notes: sandbox ? ['(sandbox: integration calls answered by the mock handlers; nothing left this machine)'] : [],
    };
  } finally {
    await Promise.all([pool.close(), upstream.close()]);
  }
};

function luaErrorDetails(error: NonNullable<LuaRunResult['error']>): { details?: { traceback?: string; call?: Record<string, unknown> } } {
  if (!error.traceback && !error.details) return {};
  return { details: { ...(error.traceback ? { traceback: error.traceback } : {}), ...(error.details ? { call: error.details } : {}) } };
}
