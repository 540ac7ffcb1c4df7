/**
 * Upstream tools in search-first mode: not listed one by one (that would undo the mode), but
 * found by search_functions, described by describe_function and run by call_function under
 * their proxied names, `mcp__<server>__<tool>`, with the same write gating as when listed.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { isReadOnly, writeAllowed, writeRefusal, type UpstreamHub } from '../upstream/hub.js';
import type { SearchHitForAgent } from './meta-tools.js';
import { proxiedName } from './upstream-proxy.js';

interface UpstreamEntry {
  name: string;
  tool: Tool;
  blocked: string | undefined;
}

async function upstreamEntries(hub: UpstreamHub, write: 'deny' | 'allow'): Promise<UpstreamEntry[]> {
  const perServer = await Promise.all(
    hub.servers.map(async (server) =>
      (await hub.tools(server.name).catch(() => [] as Tool[])).map((tool) => ({
        name: proxiedName(server.name, tool.name),
        tool,
        blocked: isReadOnly(tool) || writeAllowed(server, write === 'allow') ? undefined : writeRefusal(server, tool.name, 'start the gateway with --write allow'),
      })),
    ),
  );
  return perServer.flat();
}

/** Names weigh most, then titles and descriptions, as in the catalog's search. */
function score(entry: UpstreamEntry, terms: string[]): number {
  const name = entry.name.toLowerCase();
  const text = `${entry.tool.title ?? ''} ${entry.tool.description ?? ''}`.toLowerCase();
  return terms.reduce((total, term) => total + (name.includes(term) ? 10 : 0) + (text.includes(term) ? 3 : 0), 0);
}

export async function upstreamHits(hub: UpstreamHub, query: string, write: 'deny' | 'allow'): Promise<Array<SearchHitForAgent & { score: number }>> {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t.length > 2);
  return (await upstreamEntries(hub, write))
    .map((entry) => ({ entry, score: score(entry, terms) }))
    .filter((hit) => hit.score > 0)
    .map(({ entry, score: s }) => ({
      function: entry.name,
      title: entry.tool.title ?? entry.tool.annotations?.title ?? entry.tool.name,
      operation: isReadOnly(entry.tool) ? ('read' as const) : ('write' as const),
      callable: entry.blocked === undefined,
      ...(entry.blocked ? { requires: '--write allow', note: entry.blocked } : {}),
      score: s,
    }));
}

export async function describeUpstream(hub: UpstreamHub, name: string, write: 'deny' | 'allow'): Promise<Record<string, unknown> | undefined> {
  const entry = (await upstreamEntries(hub, write)).find((e) => e.name === name);
  if (!entry) return undefined;
  return {
    function: entry.name,
    title: entry.tool.title ?? entry.tool.name,
    description: entry.tool.description ?? '',
    operation: isReadOnly(entry.tool) ? 'read' : 'write',
    annotations: entry.tool.annotations ?? {},
    input_schema: entry.tool.inputSchema,
    ...(entry.tool.outputSchema ? { output_schema: entry.tool.outputSchema } : {}),
    callable: entry.blocked === undefined,
    ...(entry.blocked ? { note: entry.blocked } : {}),
  };
}
