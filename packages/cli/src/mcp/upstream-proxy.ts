/**
 * Upstream MCP servers' tools, proxied by the gateway as `mcp__<server>__<tool>` under the
 * gateway's write policy: tools annotated read-only are reads; any other tool is a write, listed
 * and forwarded only with --write allow and when the server's own policy does not deny writes.
 */
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { isReadOnly, writeAllowed, writeRefusal, type UpstreamHub } from '../upstream/hub.js';
import { toolError } from './results.js';

export const PROXY_PREFIX = 'mcp__';

export function proxiedName(server: string, tool: string): string {
  return `${PROXY_PREFIX}${server}__${tool}`;
}

/** `mcp__<server>__<tool>` → its parts; server names never contain `__` (upstream/config.ts). */
function parseProxied(name: string): { server: string; tool: string } | null {
  const rest = name.slice(PROXY_PREFIX.length);
  const split = rest.indexOf('__');
  return split > 0 ? { server: rest.slice(0, split), tool: rest.slice(split + 2) } : null;
}

/** Every proxied tool the gateway may list; a server that cannot be reached contributes none (its error shows on a call). */
export async function proxiedTools(hub: UpstreamHub, write: 'deny' | 'allow'): Promise<Tool[]> {
  const perServer = await Promise.all(
    hub.servers.map(async (server) => {
      const tools = await hub.tools(server.name).catch(() => [] as Tool[]);
      return tools
        .filter((tool) => isReadOnly(tool) || writeAllowed(server, write === 'allow'))
        .map((tool): Tool => ({ ...tool, name: proxiedName(server.name, tool.name), title: `${server.name}: ${tool.title ?? tool.annotations?.title ?? tool.name}` }));
    }),
  );
  return perServer.flat();
}

export async function proxyCall(hub: UpstreamHub, name: string, args: Record<string, unknown>, write: 'deny' | 'allow', maxChars: number): Promise<CallToolResult> {
  const parts = parseProxied(name);
  if (!parts) return toolError(`Unknown tool: ${name}. Proxied tools are named mcp__<server>__<tool>.`);
  try {
    const server = hub.server(parts.server);
    const tool = await hub.tool(parts.server, parts.tool);
    if (!isReadOnly(tool) && !writeAllowed(server, write === 'allow')) {
      return toolError(writeRefusal(server, parts.tool, 'start the gateway with --write allow'));
    }
    const result = await hub.callTool(parts.server, parts.tool, args);
    // Text is capped like our own results; structured content passes through as the server sent it.
    const content = (result.content ?? []).map((part) => (part.type === 'text' ? (textCapped(part.text, maxChars) ?? part) : part));
    return { ...result, content } as CallToolResult;
  } catch (error) {
    return toolError((error as Error).message);
  }
}

function textCapped(text: string, maxChars: number): { type: 'text'; text: string } | undefined {
  if (text.length <= maxChars) return undefined;
  return { type: 'text', text: `${text.slice(0, maxChars)}\n[truncated by switchboard: ${text.length - maxChars} more characters; narrow the request or raise --max-result-chars]` };
}
