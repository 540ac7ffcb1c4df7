import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { FunctionBinding, ProviderBinding } from '@switchboard/bindings';
import { SwitchboardError } from '@switchboard/runtime';
import { accountsOf, policyFor, type Settings } from '../accounts.js';
import { readDocsPage, searchFunctions } from '../docs-text.js';
import { invoke, type InvokeContext } from '../invoke.js';
import { bindings } from '../registry.js';
import type { BaseUrlFlags } from '../base-url.js';
import { flattenToolSchema } from './tool-schema.js';

export interface GatewayOptions {
  /** Provider ids to expose; empty means all. */
  integrations: string[];
  /** `deny` (default) hides write tools and refuses calls to them. */
  write: 'deny' | 'allow';
  account: string;
  sandbox: boolean;
  maxResultChars: number;
  settings: Settings;
  env: NodeJS.ProcessEnv;
  version: string;
  /** `--base-url` overrides, by provider and server; environment and settings overrides are read per call. */
  baseUrlFlags?: BaseUrlFlags;
}

const SEARCH_TOOL = 'search_functions';

interface Exposed {
  provider: ProviderBinding;
  fn: FunctionBinding;
}

/** Functions this gateway offers: chosen providers, available functions, writes only when allowed and not denied by policy. */
function exposedFunctions(options: GatewayOptions): Exposed[] {
  return bindings
    .filter((p) => options.integrations.length === 0 || options.integrations.includes(p.id) || options.integrations.includes(p.namespace))
    .flatMap((provider) =>
      provider.functions
        .filter((fn) => fn.available)
        .filter((fn) => fn.operation === 'read' || (options.write === 'allow' && policyFor(provider, options.settings).write !== 'deny'))
        .map((fn) => ({ provider, fn })),
    );
}

function toolOf({ provider, fn }: Exposed, settings: Settings): Tool {
  const { inputSchema, constraints } = flattenToolSchema(structuredClone(fn.inputSchema) as Tool['inputSchema'] & { properties: Record<string, unknown> });
  const accounts = accountsOf(provider, settings);
  if (accounts.length > 0) {
    inputSchema.properties = { ...inputSchema.properties, account: { type: 'string', enum: [...new Set(['default', ...accounts])], description: 'Named account to use (default: the default account).' } };
  }
  const tool: Tool = {
    name: fn.mcpTool,
    title: `${provider.name}: ${fn.title}`,
    description: [fn.description, ...constraints].join(' '),
    inputSchema,
    annotations: {
      title: `${provider.name}: ${fn.title}`,
      readOnlyHint: fn.operation === 'read',
      destructiveHint: fn.operation === 'write' && fn.destructive,
      idempotentHint: fn.idempotent,
      openWorldHint: true,
    },
  };
  // Structured output is declared only where the result is an object schema, as MCP requires.
  if (fn.outputSchema && fn.outputSchema.type === 'object') tool.outputSchema = fn.outputSchema as Tool['outputSchema'];
  return tool;
}

function textResult(value: unknown, maxChars: number): CallToolResult['content'] {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  if (text.length <= maxChars) return [{ type: 'text', text }];
  return [{ type: 'text', text: `${text.slice(0, maxChars)}\n[truncated by switchboard: ${text.length - maxChars} more characters; narrow the request or raise --max-result-chars]` }];
}

function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/** An MCP server exposing catalog functions as tools, built on the official SDK. */
export function createGateway(options: GatewayOptions): Server {
  const server = new Server({ name: 'switchboard', version: options.version }, { capabilities: { tools: {}, resources: {} } });
  const exposed = exposedFunctions(options);
  const byTool = new Map(exposed.map((e) => [e.fn.mcpTool, e]));
  const allByTool = new Map(bindings.flatMap((provider) => provider.functions.map((fn) => [fn.mcpTool, { provider, fn }] as const)));

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      ...exposed.map((e) => toolOf(e, options.settings)),
      {
        name: SEARCH_TOOL,
        title: 'Search catalog functions',
        description: 'Find catalog functions by what they do; returns tool names and one-line descriptions.',
        inputSchema: { type: 'object', properties: { query: { type: 'string', description: 'What to do, e.g. "send sms".' }, limit: { type: 'integer', minimum: 1, maximum: 50 } }, required: ['query'] },
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
    ],
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const { name, arguments: given = {} } = request.params;
    if (name === SEARCH_TOOL) {
      const query = typeof given.query === 'string' ? given.query : '';
      if (!query) return toolError("search_functions needs 'query' (a string).");
      const limit = typeof given.limit === 'number' ? given.limit : 10;
      const hits = searchFunctions(query, 50)
        .flatMap((hit) => {
          const match = exposed.find((e) => e.fn.qualified === hit.function);
          return match ? [{ tool: match.fn.mcpTool, function: hit.function, operation: hit.operation, title: hit.title }] : [];
        })
        .slice(0, limit);
      return { content: textResult(hits, options.maxResultChars), structuredContent: { functions: hits } };
    }
    const target = byTool.get(name);
    if (!target) {
      const hidden = allByTool.get(name);
      if (hidden?.fn.operation === 'write') {
        return toolError(`${hidden.fn.qualified} is a write, and this gateway does not allow writes: start it with --write allow (a provider policy of deny still wins).`);
      }
      return toolError(`Unknown tool: ${name}. Use ${SEARCH_TOOL} to find one.`);
    }
    const { account: accountArg, ...args } = given as Record<string, unknown>;
    const account = typeof accountArg === 'string' ? accountArg : options.account;
    const ctx: InvokeContext = { settings: options.settings, env: options.env, sandbox: options.sandbox, force: options.write === 'allow', dryRun: false, log: [], ...(options.baseUrlFlags ? { baseUrlFlags: options.baseUrlFlags } : {}) };
    try {
      const { data } = await invoke(target.provider, target.fn, args, account, ctx);
      const structured = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : { value: data };
      return { content: textResult(data, options.maxResultChars), structuredContent: structured };
    } catch (error) {
      if (error instanceof SwitchboardError || error instanceof Error) return toolError(error.message);
      throw error;
    }
  });

  const providers = bindings.filter((p) => options.integrations.length === 0 || options.integrations.includes(p.id));
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({
    resources: providers.flatMap((p) => [
      { uri: `switchboard://docs/${p.id}`, name: `${p.name} reference`, mimeType: 'text/markdown' },
      ...p.functions.map((f) => ({ uri: `switchboard://docs/${p.id}/${f.name}`, name: `${f.qualified}`, description: f.title, mimeType: 'text/markdown' })),
    ]),
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const page = request.params.uri.replace(/^switchboard:\/\/docs\//, '').replace('/', '.');
    const found = readDocsPage(page);
    if (!found.found) throw new Error(found.message);
    return { contents: [{ uri: request.params.uri, mimeType: 'text/markdown', text: found.text }] };
  });
  return server;
}
