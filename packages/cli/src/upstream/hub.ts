/**
 * Connections to the configured upstream MCP servers, on the official SDK client. Each server is
 * started (stdio) or reached (HTTP) on first use, so a script that never touches `app.mcp` starts
 * nothing. A server that turns out to be a Switchboard gateway is refused: proxying ourselves
 * would list our own tools twice, or loop.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, GetPromptResult, Prompt, ReadResourceResult, Resource, Tool } from '@modelcontextprotocol/sdk/types.js';
import { basename } from 'node:path';
import type { UpstreamServerConfig, UpstreamTransport } from './config.js';

/** The serverInfo name our own gateway announces (mcp/gateway.ts). */
export const GATEWAY_SERVER_NAME = 'switchboard';

export class UpstreamError extends Error {}

/**
 * A stdio entry that plainly starts `switchboard mcp serve` (directly, through npx, or through
 * node and our bin script), caught before anything is started. Other disguises are caught after
 * connecting, by the serverInfo name.
 */
export function startsThisGateway(transport: UpstreamTransport): boolean {
  if (transport.kind !== 'stdio') return false;
  const words = [basename(transport.command), ...transport.args.map((a) => basename(a))].filter((w) => !w.startsWith('-'));
  const at = words.findIndex((w) => /^switchboard(\.js)?$/.test(w) || w === 'bin.js');
  return at >= 0 && words[at + 1] === 'mcp' && words[at + 2] === 'serve';
}

function selfProxyError(name: string): UpstreamError {
  return new UpstreamError(`mcp server '${name}' is a Switchboard gateway itself; it is not proxied (that would serve its tools twice or loop). Remove it from the MCP config.`);
}

/** A tool is a read only when its server says so; anything else may change something. */
export function isReadOnly(tool: Tool): boolean {
  return tool.annotations?.readOnlyHint === true;
}

/** Whether a non-read-only tool of this server may run: the server's own policy first, then the caller's permission. */
export function writeAllowed(server: UpstreamServerConfig, callerAllows: boolean): boolean {
  return server.write === 'allow' || (server.write !== 'deny' && callerAllows);
}

export function writeRefusal(server: UpstreamServerConfig, tool: string, how: string): string {
  return server.write === 'deny'
    ? `mcp server '${server.name}': ${tool} is not annotated read-only, and writes to this server are denied by its "write": "deny" in the MCP config.`
    : `mcp server '${server.name}': ${tool} is not annotated read-only, so it counts as a write and was not sent: ${how}.`;
}

interface Connection {
  client: Client;
  tools?: Tool[];
}

export class UpstreamHub {
  private readonly connections = new Map<string, Promise<Connection>>();

  /** @param fetch what reaches servers by URL (through the environment's proxy, `upstreamFetch`); default: the platform's fetch */
  constructor(
    readonly servers: UpstreamServerConfig[],
    private readonly clientVersion: string,
    private readonly fetch?: typeof globalThis.fetch,
  ) {}

  server(name: string): UpstreamServerConfig {
    const found = this.servers.find((s) => s.name === name);
    if (!found) {
      const known = this.servers.map((s) => s.name);
      throw new UpstreamError(`Unknown MCP server: ${name}. ${known.length ? `Configured: ${known.join(', ')}.` : 'No MCP servers are configured (see --mcp-config).'}`);
    }
    return found;
  }

  private connection(name: string): Promise<Connection> {
    let pending = this.connections.get(name);
    if (!pending) {
      pending = this.connect(this.server(name));
      // A failed start is not cached: the next call tries again.
      pending.catch(() => this.connections.delete(name));
      this.connections.set(name, pending);
    }
    return pending;
  }

  private async connect(server: UpstreamServerConfig): Promise<Connection> {
    if (startsThisGateway(server.transport)) throw selfProxyError(server.name);
    const client = new Client({ name: 'switchboard', version: this.clientVersion });
    try {
      if (server.transport.kind === 'stdio') {
        const { getDefaultEnvironment, StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
        const { command, args, env, cwd } = server.transport;
        await client.connect(new StdioClientTransport({ command, args, env: { ...getDefaultEnvironment(), ...env }, ...(cwd ? { cwd } : {}), stderr: 'ignore' }));
      } else {
        const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
        const { url, headers } = server.transport;
        await client.connect(new StreamableHTTPClientTransport(new URL(url), { ...(headers ? { requestInit: { headers } } : {}), ...(this.fetch ? { fetch: this.fetch } : {}) }));
      }
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new UpstreamError(`mcp server '${server.name}' could not be started: ${(error as Error).message}`);
    }
    if (client.getServerVersion()?.name === GATEWAY_SERVER_NAME) {
      await client.close();
      throw selfProxyError(server.name);
    }
    return { client };
  }

  async tools(name: string): Promise<Tool[]> {
    const connection = await this.connection(name);
    if (!connection.tools) {
      const tools: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await connection.client.listTools(cursor ? { cursor } : undefined);
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor);
      connection.tools = tools;
    }
    return connection.tools;
  }

  async tool(server: string, tool: string): Promise<Tool> {
    const tools = await this.tools(server);
    const found = tools.find((t) => t.name === tool);
    if (!found) throw new UpstreamError(`mcp server '${server}' has no tool '${tool}'. Its tools: ${tools.map((t) => t.name).join(', ') || 'none'}.`);
    return found;
  }

  async callTool(server: string, tool: string, args: Record<string, unknown>): Promise<CallToolResult> {
    const { client } = await this.connection(server);
    return (await client.callTool({ name: tool, arguments: args })) as CallToolResult;
  }

  async resources(server: string): Promise<Resource[]> {
    const { client } = await this.connection(server);
    if (!client.getServerCapabilities()?.resources) return [];
    return (await client.listResources()).resources;
  }

  async readResource(server: string, uri: string): Promise<ReadResourceResult> {
    const { client } = await this.connection(server);
    return client.readResource({ uri });
  }

  async prompts(server: string): Promise<Prompt[]> {
    const { client } = await this.connection(server);
    if (!client.getServerCapabilities()?.prompts) return [];
    return (await client.listPrompts()).prompts;
  }

  async getPrompt(server: string, name: string, args: Record<string, string>): Promise<GetPromptResult> {
    const { client } = await this.connection(server);
    return client.getPrompt({ name, arguments: args });
  }

  /** Closes every connection that was opened (stdio servers are stopped). */
  async close(): Promise<void> {
    const open = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(open.map((p) => p.then((c) => c.client.close(), () => undefined)));
  }
}
