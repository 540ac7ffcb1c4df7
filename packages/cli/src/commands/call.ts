import { ValidationError } from '@switchboard/runtime';
import { readSettingsFor } from '../settings-file.js';
import { parseBaseUrlFlags } from '../base-url.js';
import { coerceFlags, parseCallArgs } from '../args.js';
import { invoke, type InvokeContext } from '../invoke.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../io.js';
import { resolveQualified, UnknownFunctionError } from '../registry.js';
import { sandboxRequested } from '../sandbox.js';
import { readStdinIfPiped } from '../stdin.js';

/** `switchboard call <provider.fn> [json] [--param value ...] [--account name] [--dry-run] [--force] [--sandbox] [--base-url [server=]URL ...] [--json]` */
export async function callCommand(argv: string[], io: CliIo): Promise<ExitCode> {
  const started = performance.now();
  const { positionals, payload, flagParams, flags } = parseCallArgs(argv, await readStdinIfPiped());
  const name = positionals[0];
  if (!name) throw new UsageError('name the function to call, e.g. `switchboard call telnyx.send_sms --to +15551234567 --text hi`.');
  const sandbox = sandboxRequested(flags.sandbox, process.env);
  const envelope = (success: boolean, data: unknown, error: string | null, meta: Record<string, unknown>) => ({
    function: name,
    success,
    data,
    error,
    meta: { dry_run: flags.dryRun, account: flags.account, sandbox, ...meta },
    duration_ms: Math.round((performance.now() - started) * 100) / 100,
  });
  const ctx: InvokeContext = { settings: readSettingsFor(sandbox, (m) => io.stderr.write(m)), env: process.env, sandbox, force: flags.force, dryRun: flags.dryRun, log: [] };

  let target;
  try {
    target = resolveQualified(name);
  } catch (error) {
    if (!(error instanceof UnknownFunctionError)) throw error;
    return fail(io, flags.json, { function: name, success: false, error: error.message }, EXIT.usage);
  }
  const params = { ...payload, ...coerceFlags(flagParams, target.fn.inputSchema) };
  try {
    ctx.baseUrlFlags = parseBaseUrlFlags(flags.baseUrls, [target.provider]);
    const result = await invoke(target.provider, target.fn, params, flags.account, ctx);
    const data = flags.dryRun ? result.request : result.data;
    // Where the request goes is part of what a dry run shows, with the source of each override.
    const overrides = Object.keys(result.baseUrls).length > 0 ? { base_urls: result.baseUrls } : {};
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(envelope(true, data, null, { operation: target.fn.operation, permission_bypassed: result.permissionBypassed, ...overrides }), null, 2)}\n`);
    } else {
      if (sandbox) io.stderr.write('(sandbox: answered by the mock handlers; nothing left this machine)\n');
      for (const [server, o] of Object.entries(result.baseUrls)) io.stderr.write(`(base URL of server '${server}': ${o.url}, from ${o.source})\n`);
      io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    // Policy refusals, missing credentials and provider errors are failures (1); a bad argument is usage (2).
    if (!(error instanceof Error)) throw error;
    return fail(io, flags.json, envelope(false, null, error.message, { operation: target.fn.operation }), error instanceof ValidationError || error instanceof UsageError ? EXIT.usage : EXIT.failure);
  }
}

function fail(io: CliIo, json: boolean, body: { error: string | null } & Record<string, unknown>, code: ExitCode): ExitCode {
  if (json) io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  else io.stderr.write(`error: ${body.error}\n`);
  return code;
}
