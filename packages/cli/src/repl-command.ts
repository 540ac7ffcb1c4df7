/** `switchboard lua --repl [--sandbox] [--force] [--base-url …] [--mcp-config FILE] [--memory-limit …] [--cpu-limit …]`, wired to runRepl. */
import { parseBaseUrlFlags } from './base-url.js';
import { EXIT, type CliIo, type ExitCode } from './io.js';
import type { InvokeContext } from './invoke.js';
import { luaHost } from './lua-bridge.js';
import { upstreamForLua } from './lua-upstream.js';
import { cliVersion } from './cli/version.js';
import { bindings } from './registry.js';
import { runRepl } from './repl.js';
import { sandboxRequested } from './sandbox.js';
import { readSettingsFor } from './settings-file.js';

export interface ReplCommandOptions {
  sandbox: boolean | undefined;
  force: boolean | undefined;
  baseUrls: string[];
  mcpConfig: string | undefined;
  memoryBytes: number | undefined;
  cpuSeconds: number | undefined;
}

export async function replCommand(options: ReplCommandOptions, io: CliIo): Promise<ExitCode> {
  const sandbox = sandboxRequested(options.sandbox, process.env);
  const ctx: InvokeContext = { settings: readSettingsFor(sandbox, (m) => io.stderr.write(m)), env: process.env, sandbox, force: options.force === true, dryRun: false, log: [] };
  ctx.baseUrlFlags = parseBaseUrlFlags(options.baseUrls, bindings);
  const upstream = upstreamForLua(options.mcpConfig, cliVersion());
  const { LuaPool, MAX_OUTPUT_BYTES } = await import('@switchboard/lua');
  const pool = new LuaPool({ size: 1 });
  if (sandbox) io.stderr.write('(sandbox: integration calls answered by the mock handlers; nothing left this machine)\n');
  try {
    await runRepl({
      pool,
      host: luaHost(ctx, upstream),
      // Output is shown as it is written; the session's cap is the largest there is.
      limits: { outputBytes: MAX_OUTPUT_BYTES, ...(options.memoryBytes !== undefined ? { memoryBytes: options.memoryBytes } : {}), ...(options.cpuSeconds !== undefined ? { cpuMs: options.cpuSeconds * 1000 } : {}) },
      input: process.stdin,
      output: process.stdout,
      errors: io.stderr,
      env: process.env,
    });
    return EXIT.ok;
  } finally {
    await Promise.all([pool.close(), upstream.close()]);
  }
}
