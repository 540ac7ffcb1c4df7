/**
 * Upstream MCP servers for Lua scripts: `app.mcp.<server>.<tool>(args)` and the `mcp.*`
 * functions, under the same rule as integrations: tools annotated read-only run freely, any
 * other tool is a write and runs only with --force or the server's `"write": "allow"`
 * (`"write": "deny"` always wins). Every tool call lands in the run's call log.
 */
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { LuaMcp, McpQuery } from '@switchboard/lua';
import type { CallLogEntry, EffectStatus } from '../invoke.js';
import { isReadOnly, UpstreamError, writeAllowed, writeRefusal, type UpstreamHub } from './hub.js';

export interface LuaMcpContext {
  /** --force: writes run without a server policy of allow. */
  force: boolean;
  log: CallLogEntry[];
}

function stringArg(fn: string, args: unknown[], index: number, what: string): string {
  const value = args[index];
  if (typeof value !== 'string' || value === '') throw new UpstreamError(`mcp.${fn}: expected string ${what} (argument ${index + 1}), got ${value === undefined || value === null ? 'nil' : typeof value}.`);
  return value;
}

/** Lua's `{}` arrives as an empty array; a tool's arguments are always an object. */
function toolArguments(label: string, args: unknown[]): Record<string, unknown> {
  const [given] = args;
  if (args.length > 1) throw new UpstreamError(`${label} takes one table of named arguments.`);
  if (given === undefined || given === null || (Array.isArray(given) && given.length === 0)) return {};
  if (typeof given !== 'object' || Array.isArray(given)) throw new UpstreamError(`${label} takes one table of named arguments, not ${Array.isArray(given) ? 'a list' : typeof given}.`);
  return given as Record<string, unknown>;
}

/** What a script gets back: the structured content when there is one, else the text (parsed when it is JSON). */
function resultValue(result: CallToolResult): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const parts = result.content ?? [];
  if (parts.length === 1 && parts[0]!.type === 'text') {
    const { text } = parts[0]!;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return parts;
}

function errorText(result: CallToolResult): string {
  return (result.content ?? []).map((p) => (p.type === 'text' ? p.text : `[${p.type}]`)).join('\n') || 'the tool reported an error';
}

function toolSummary(server: string, tool: Tool): Record<string, unknown> {
  return { server, name: tool.name, title: tool.title ?? tool.annotations?.title ?? null, description: tool.description ?? '', read_only: isReadOnly(tool) };
}

export function luaMcp(hub: UpstreamHub, ctx: LuaMcpContext): LuaMcp {
  async function callTool({ path, args }: { path: string; args: unknown[] }): Promise<unknown> {
    const dot = path.indexOf('.');
    const serverName = path.slice(0, dot);
    const toolName = path.slice(dot + 1);
    const label = `app.mcp.${path}`;
    const started = performance.now();
    const entry: CallLogEntry = { function: label, account: 'default', operation: 'write', effect: 'write_succeeded', duration_ms: 0 };
    const finish = (effect: EffectStatus, error?: string) => {
      entry.effect = effect;
      entry.duration_ms = Math.round((performance.now() - started) * 100) / 100;
      if (error) entry.error = error;
      ctx.log.push(entry);
    };
    // Once the request is out, a failed write may still have happened.
    let sent = false;
    try {
      const server = hub.server(serverName);
      const tool = await hub.tool(serverName, toolName);
      entry.operation = isReadOnly(tool) ? 'read' : 'write';
      if (entry.operation === 'write' && !writeAllowed(server, ctx.force)) {
        const message = writeRefusal(server, toolName, 're-run with --force, or set "write": "allow" for this server in the MCP config');
        finish('denied', message);
        throw new UpstreamError(message);
      }
      const toolArgs = toolArguments(label, args);
      sent = true;
      const result = await hub.callTool(serverName, toolName, toolArgs);
      if (result.isError) {
        const message = `${label}: ${errorText(result)}`;
        finish('failed', message);
        throw new UpstreamError(message);
      }
      finish(entry.operation === 'read' ? 'read' : 'write_succeeded');
      return resultValue(result);
    } catch (error) {
      if (!ctx.log.includes(entry)) finish(sent && entry.operation === 'write' ? 'write_unknown' : 'failed', (error as Error).message);
      throw error;
    }
  }

  async function query(fn: McpQuery, args: unknown[]): Promise<unknown> {
    switch (fn) {
      case 'servers':
        return hub.servers.map((s) => ({ name: s.name, transport: s.transport.kind, write: s.write }));
      case 'tools': {
        const only = args[0] === undefined || args[0] === null ? undefined : stringArg(fn, args, 0, 'server');
        const servers = only ? [hub.server(only)] : hub.servers;
        const lists = await Promise.all(servers.map(async (s) => (await hub.tools(s.name)).map((t) => toolSummary(s.name, t))));
        return lists.flat();
      }
      case 'schema': {
        const server = stringArg(fn, args, 0, 'server');
        const tool = await hub.tool(server, stringArg(fn, args, 1, 'tool'));
        return { ...toolSummary(server, tool), input_schema: tool.inputSchema, output_schema: tool.outputSchema ?? null, annotations: tool.annotations ?? {} };
      }
      case 'resources':
        return hub.resources(stringArg(fn, args, 0, 'server'));
      case 'read_resource':
        return (await hub.readResource(stringArg(fn, args, 0, 'server'), stringArg(fn, args, 1, 'uri'))).contents;
      case 'prompts':
        return hub.prompts(stringArg(fn, args, 0, 'server'));
      case 'get_prompt': {
        const given = args[2];
        const promptArgs = given === undefined || given === null || (Array.isArray(given) && given.length === 0) ? {} : given;
        if (typeof promptArgs !== 'object' || Array.isArray(promptArgs) || !Object.values(promptArgs).every((v) => typeof v === 'string')) {
          throw new UpstreamError('mcp.get_prompt: arguments (argument 3) must be a table of strings.');
        }
        return hub.getPrompt(stringArg(fn, args, 0, 'server'), stringArg(fn, args, 1, 'prompt'), promptArgs as Record<string, string>);
      }
    }
  }

  return { callTool, query };
}
