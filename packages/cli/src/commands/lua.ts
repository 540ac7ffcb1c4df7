import { parseArgs } from 'node:util';
import { readSettingsFor } from '../settings-file.js';
import type { InvokeContext } from '../invoke.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { luaHost } from '../lua-bridge.js';
import { parseCpuLimit, parseMemoryLimit } from '../lua-limits.js';
import { sandboxRequested } from '../sandbox.js';
import { parseBaseUrlFlags } from '../base-url.js';
import { bindings } from '../registry.js';
import { readInputFile, readStdinIfPiped } from '../stdin.js';
import { upstreamForLua } from '../lua-upstream.js';

/** `switchboard lua [file] [-e code] [--json] [--force] [--sandbox] [--memory-limit bytes] [--cpu-limit seconds] [--base-url provider[.server]=URL ...]` */
export async function luaCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      eval: { type: 'string', short: 'e' },
      json: { type: 'boolean' },
      force: { type: 'boolean' },
      sandbox: { type: 'boolean' },
      'memory-limit': { type: 'string' },
      'cpu-limit': { type: 'string' },
      'base-url': { type: 'string', multiple: true },
      // Upstream MCP servers (lua-upstream.ts) and the REPL (repl.ts).
      'mcp-config': { type: 'string' },
      repl: { type: 'boolean' },
    },
  });
  const memoryBytes = parseMemoryLimit(values['memory-limit']);
  const cpuSeconds = parseCpuLimit(values['cpu-limit']);
  if (values.repl) {
    if (values.eval !== undefined || positionals.length > 0 || values.json) throw new UsageError('--repl reads Lua from the terminal: it takes no -e, file or --json.');
    const { replCommand } = await import('../repl-command.js');
    return replCommand({ sandbox: values.sandbox, force: values.force, baseUrls: values['base-url'] ?? [], mcpConfig: values['mcp-config'], memoryBytes, cpuSeconds }, io);
  }
  const code = values.eval ?? (positionals[0] ? readInputFile(positionals[0]) : await readStdinIfPiped());
  if (code === null || code.trim() === '') throw new UsageError('give Lua code with -e, a file, or on standard input.');

  const sandbox = sandboxRequested(values.sandbox, process.env);
  const ctx: InvokeContext = { settings: readSettingsFor(sandbox, (m) => io.stderr.write(m)), env: process.env, sandbox, force: values.force === true, dryRun: false, log: [] };
  ctx.baseUrlFlags = parseBaseUrlFlags(values['base-url'] ?? [], bindings);
  const { DEFAULT_LIMITS, LuaPool } = await import('@switchboard/lua');
  // One worker: a script stuck in C code (a pathological pattern) can still be killed.
  const pool = new LuaPool({ size: 1 });
  const upstream = upstreamForLua(values['mcp-config'], '0.1.0');
  try {
    // Errors and tracebacks name the file a script came from ("report.lua:3: …"); -e and stdin are "script".
    const script = values.eval === undefined && positionals[0] ? { name: positionals[0] } : {};
    const run = await pool.run(code, luaHost(ctx, upstream), {
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
      // The wall-clock limit (default 60 s) must not silently cut short a longer CPU limit the user asked for.
      ...(cpuSeconds !== undefined ? { cpuMs: cpuSeconds * 1000, wallMs: Math.max(DEFAULT_LIMITS.wallMs, cpuSeconds * 1000) } : {}),
    }, script);
    const permissionBypassed = values.force === true && ctx.log.some((c) => c.operation === 'write' && c.effect !== 'denied');
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify(
          {
            success: run.ok,
            output: run.output,
            error: run.error ? run.error.message : null,
            result: run.result ?? null,
            execution_time_ms: Math.round(run.durationMs * 100) / 100,
            integration_calls: ctx.log,
            meta: { sandbox, permission_bypassed: permissionBypassed, error_kind: run.error?.kind ?? null, traceback: run.error?.traceback ?? null },
          },
          null,
          2,
        )}\n`,
      );
    } else {
      if (sandbox) io.stderr.write('(sandbox: integration calls answered by the mock handlers; nothing left this machine)\n');
      io.stdout.write(run.output);
      if (run.error) io.stderr.write(`error: ${run.error.message}\n${run.error.traceback ? `${run.error.traceback}\n` : ''}`);
    }
    return run.ok ? EXIT.ok : EXIT.failure;
  } finally {
    await Promise.all([pool.close(), upstream.close()]);
  }
}
