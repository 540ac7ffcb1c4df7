import type { LuaHostFunctions } from '@switchboard/lua';
import { docsIndex, readDocsPage, searchFunctions } from './docs-text.js';
import { invoke, type InvokeContext } from './invoke.js';
import { emptyTablesAsLists } from './lua-args.js';
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
      const parts = path.split('.');
      const provider = findProvider(parts[0] ?? '');
      const fnName = parts.at(-1) ?? '';
      if (!provider || parts.length < 2 || parts.length > 3) {
        const known = bindings.map((p) => p.namespace);
        const hint = suggestions(parts[0] ?? '', known);
        throw new Error(`Unknown function: app.integrations.${path}.${hint.length ? ` Did you mean: ${hint.join(', ')}` : ''}`);
      }
      const account = parts.length === 3 ? parts[1]! : 'default';
      const fn = findFunction(provider, fnName);
      if (!fn) {
        const hint = suggestions(fnName, provider.functions.map((f) => f.name));
        throw new Error(`Unknown function: app.integrations.${path}.${hint.length ? ` Did you mean: ${hint.join(', ')}` : ''}`);
      }
      const given = args[0];
      if (args.length > 1 || (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given)))) {
        throw new Error(`${fn.luaPath} takes one table of named arguments, e.g. ${fn.signature}.`);
      }
      const result = await invoke(provider, fn, emptyTablesAsLists(given ?? {}, fn.inputSchema) as object, account, ctx);
      return result.data;
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
