import { LuaHostError, type LuaHostFunctions } from '@switchboard/lua';
import { ValidationError } from '@switchboard/runtime';
import { cliErrorOf } from './cli/error-body.js';
import { docsIndex, readDocsPage, searchFunctions } from './docs-text.js';
import { UsageError } from './io.js';
import { invoke, type CallChoices, type InvokeContext } from './invoke.js';
import { luaArguments } from './lua-args.js';
import { bindings, findFunction, findProvider, suggestions } from './registry.js';
import type { UpstreamHub } from './upstream/hub.js';
import { luaMcp } from './upstream/lua-mcp.js';

/**
 * What a Lua script reaches: `app.integrations.<namespace>[.<account>].<fn>(args)`
 * through the shared call path, the docs helpers, and with upstream MCP servers
 * `app.mcp.<server>.<tool>(args)` and `mcp.*` (upstream/lua-mcp.ts).
 */
export function luaHost(ctx: InvokeContext, upstream?: UpstreamHub): LuaHostFunctions {
  return {
    ...(upstream ? { mcp: luaMcp(upstream, ctx) } : {}),
    async integration({ path, args }) {
      try {
        return await integrationCall(path, args, ctx);
      } catch (error) {
        throw luaErrorOf(error);
      }
    },
    docs: {
      list: () => docsIndex(),
      search: (query, limit = 10) => {
        const hits = searchFunctions(query, limit);
        if (hits.length === 0) return `No results found for '${query}'.`;
        return [`Found ${hits.length} result(s) for '${query}':`, ...hits.map((h) => `${h.function} - ${h.title} (${h.operation})`)].join('\n');
      },
      read: (page) => {
        const found = readDocsPage(page);
        return found.found ? found.text : found.message;
      },
    },
  };
}

/** One `app.integrations.<namespace>[.<account>].<fn>(args)` call. */
async function integrationCall(path: string, args: unknown[], ctx: InvokeContext): Promise<unknown> {
  const parts = path.split('.');
  const provider = findProvider(parts[0] ?? '');
  const fnName = parts.at(-1) ?? '';
  if (!provider || parts.length < 2 || parts.length > 3) {
    throw unknownFunction(path, suggestions(parts[0] ?? '', bindings.map((p) => p.namespace)));
  }
  const account = parts.length === 3 ? parts[1]! : 'default';
  const fn = findFunction(provider, fnName);
  if (!fn) throw unknownFunction(path, suggestions(fnName, provider.functions.map((f) => f.name)));
  const [given, options] = args;
  if (args.length > 2 || !isTableOrNil(given)) {
    throw new UsageError(`${fn.luaPath} takes one table of named arguments, e.g. ${fn.signature}, and optionally a table of call options ({ idempotency_key = "…" } or { all_pages = true }).`, { code: 'invalid_arguments' });
  }
  const result = await invoke(provider, fn, luaArguments(given ?? {}, fn.inputSchema) as object, account, ctx, callChoices(fn.luaPath, options));
  return result.data;
}

const isTableOrNil = (value: unknown): value is Record<string, unknown> | null | undefined =>
  value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));

/** The second argument of a call: `{ idempotency_key = "…" }` or `{ all_pages = true }`, the call options a script chooses. */
function callChoices(luaPath: string, options: unknown): CallChoices {
  if (options === undefined || options === null) return {};
  if (!isTableOrNil(options)) throw new UsageError(`${luaPath}: the call options must be a table, e.g. { idempotency_key = "order-4711" }.`, { code: 'invalid_option' });
  const unknown = Object.keys(options).filter((key) => key !== 'idempotency_key' && key !== 'all_pages');
  if (unknown.length > 0) throw new UsageError(`${luaPath}: unknown call option ${unknown.map((k) => `'${k}'`).join(', ')}; the options are idempotency_key and all_pages.`, { code: 'invalid_option' });
  const { idempotency_key: key, all_pages: all } = options;
  if (key !== undefined && key !== null && typeof key !== 'string') throw new UsageError(`${luaPath}: idempotency_key must be a string.`, { code: 'invalid_option' });
  if (all !== undefined && all !== null && typeof all !== 'boolean') throw new UsageError(`${luaPath}: all_pages must be true or false.`, { code: 'invalid_option' });
  return { ...(typeof key === 'string' ? { idempotencyKey: key } : {}), ...(all === true ? { allPages: true } : {}) };
}

const unknownFunction = (path: string, hint: string[]) =>
  new UsageError(`Unknown function: app.integrations.${path}.${hint.length ? ` Did you mean: ${hint.join(', ')}` : ''}`, { code: 'unknown_function' });

/**
 * A failed call as the script's error: the message the CLI would print, and as fields the code,
 * hint and details that `--json` gives (`err.code`, `err.status`, `err.provider_code`,
 * `err.request_id`, `err.body`, `err.request_sent`, `err.issues`), so a script can branch on them.
 * The function is not passed on: its hints name CLI flags, which a script has none of. An error
 * the CLI does not know stays as it is (a string error in Lua).
 */
function luaErrorOf(error: unknown): unknown {
  const failure = cliErrorOf(inLuaPositions(error));
  if (failure.code === 'internal') return error;
  const details = failure.details !== null && typeof failure.details === 'object' ? failure.details : {};
  return new LuaHostError(failure.message, { code: failure.code, ...(failure.hint ? { hint: failure.hint } : {}), ...details });
}

/**
 * Argument problems with list positions as the script wrote them: Lua counts items from 1, so the
 * runtime's `messages[0].destinations` is the script's `messages[1].destinations`.
 */
function inLuaPositions(error: unknown): unknown {
  if (!(error instanceof ValidationError)) return error;
  const shift = (path: string) => path.replace(/\[(\d+)\]/g, (_, index: string) => `[${Number(index) + 1}]`);
  return new ValidationError(error.operation, error.issues.map((issue) => ({ ...issue, path: shift(issue.path) })));
}
