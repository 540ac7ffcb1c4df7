import type { FunctionBinding } from '@switchboard/bindings';
import { readSettingsFor } from '../settings-file.js';
import { parseBaseUrlFlags } from '../base-url.js';
import { coerceFlags, parseCallArgs, type ParsedCall } from '../args.js';
import { cliErrorOf } from '../cli/error-body.js';
import { fileFlags } from '../file-flags.js';
import { isFileAnswer, returnsFile } from '@switchboard/runtime';
import { checkOutputFlag, saveDownload } from '../save-download.js';
import { failure, type CommandHandler, type Reply } from '../cli/reply.js';
import { invoke, type InvokeContext } from '../invoke.js';
import { UsageError } from '../io.js';
import { resolveQualified } from '../registry.js';
import { sandboxRequested } from '../sandbox.js';
import { readStdinIfPiped } from '../stdin.js';

/**
 * `switchboard call <provider.fn> [json] [--param value ...]`. Its envelope keeps the two fields
 * agents of the seed system read beside the four every command has: `function` first and
 * `duration_ms` last.
 */
export const callCommand: CommandHandler = async ({ raw, io }) => {
  const started = performance.now();
  let parsed: ParsedCall | undefined;
  let fn: FunctionBinding | undefined;
  let meta: Record<string, unknown> = {};
  const shaped = (reply: Reply): Reply => ({
    ...reply,
    before: { function: parsed?.positionals[0] ?? raw.find((word) => !word.startsWith('-')) ?? null },
    meta: { dry_run: parsed?.flags.dryRun ?? false, account: parsed?.flags.account ?? 'default', sandbox: sandboxRequested(parsed?.flags.sandbox ?? false, process.env), ...meta, ...reply.meta },
    after: { duration_ms: Math.round((performance.now() - started) * 100) / 100 },
  });
  try {
    parsed = parseCallArgs(raw, await readStdinIfPiped());
    const { positionals, payload, flagParams, flags } = parsed;
    const name = positionals[0];
    if (!name) throw new UsageError('name the function to call.', { code: 'missing_argument', hint: 'e.g. `switchboard call provider.function --param value`; `switchboard search` finds one.' });
    const sandbox = sandboxRequested(flags.sandbox, process.env);
    const target = resolveQualified(name);
    fn = target.fn;
    meta = { operation: fn.operation };
    // A bad --output is refused before any request, as a bad argument is.
    checkOutputFlag(fn, flags.output, flags.json);
    const ctx: InvokeContext = { settings: readSettingsFor(sandbox, (m) => io.stderr.write(m)), env: process.env, sandbox, force: flags.force, dryRun: flags.dryRun, log: [] };
    // `--attachment @minutes.txt`: file parameters read their files; the other flags are coerced by the input schema.
    const { files, rest } = fileFlags(flagParams, fn.spec, process.cwd());
    const params = { ...payload, ...coerceFlags(rest, fn.inputSchema), ...files };
    ctx.baseUrlFlags = parseBaseUrlFlags(flags.baseUrls, [target.provider]);
    const result = await invoke(target.provider, fn, params, flags.account, ctx, { ...(flags.idempotencyKey === undefined ? {} : { idempotencyKey: flags.idempotencyKey }), ...(flags.all ? { allPages: true } : {}) });
    // `--output`: the file's bytes go there, and what is printed is the file without them.
    const saved = flags.output !== undefined && !flags.dryRun && isFileAnswer(result.data) ? saveDownload(result.data, flags.output, fn, io.cwd, io.stdout) : null;
    const data = flags.dryRun ? result.request : saved !== null ? saved.shown : result.data;
    // Where the request goes is part of what a dry run shows, with the source of each override.
    const overrides = Object.keys(result.baseUrls).length > 0 ? { base_urls: result.baseUrls } : {};
    // Where the client secret goes is part of what a dry run shows.
    const token = result.tokenUrl !== null ? { token_url: result.tokenUrl } : {};
    // So is the proxy it goes through (never its password).
    const proxy = result.proxy !== null ? { proxy: result.proxy } : {};
    const notes = [
      ...(sandbox ? ['(sandbox: answered by the mock handlers; nothing left this machine)'] : []),
      ...(result.sandboxWalkEnded ? [`(sandbox: the walk ends after ${Array.isArray(data) ? data.length : 0} items, where the documented examples run out)`] : []),
      ...Object.entries(result.baseUrls).map(([server, o]) => `(base URL of server '${server}': ${o.url}, from ${o.source})`),
      ...(result.tokenUrl !== null ? [`(OAuth2 token from ${result.tokenUrl}, with the client id and secret; fetched only by a real call)`] : []),
      ...(result.proxy !== null ? [`(through the proxy ${result.proxy.url}, from ${result.proxy.source})`] : []),
      ...(saved !== null && saved.savedTo !== '-' ? [`(saved ${saved.shown.size} bytes to ${saved.savedTo})`] : []),
      // A person reading a file's base64 on a terminal most likely wanted the file.
      ...(saved === null && !flags.dryRun && io.stdout.isTTY === true && returnsFile(fn.spec) ? ['(the answer is a file: --output <path> saves it; a folder ending in / keeps its name)'] : []),
    ];
    const walk = result.sandboxWalkEnded ? { sandbox_walk_ended: true } : {};
    // With `--output -` stdout holds the file itself, so nothing else is written there.
    const text = saved?.savedTo === '-' ? '' : JSON.stringify(data, null, 2);
    return shaped({ data, meta: { permission_bypassed: result.permissionBypassed, ...overrides, ...token, ...proxy, ...walk }, text, notes });
  } catch (error) {
    // Policy refusals, missing credentials and provider errors are failures (1); a bad argument is usage (2).
    const known = cliErrorOf(error, fn);
    return shaped(failure(known.body(), known.exit, { cause: error }));
  }
};
