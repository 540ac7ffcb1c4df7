import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { APIError, isFileAnswer, returnsFile, SwitchboardError } from '@switchboard/runtime';
import type { Settings } from '../accounts.js';
import { declaresIdempotencyKey, invoke, type CallChoices, type InvokeContext } from '../invoke.js';
import type { BaseUrlFlags } from '../base-url.js';
import { GATEWAY_SERVER_NAME, type UpstreamHub } from '../upstream/hub.js';
import { blockedBy, entriesInScope, providersInScope, selectsAccount, toolOf, walksPages, type CatalogEntry, type CatalogScope } from './catalog-tools.js';
import { docsResources, docsTemplates, readDocsResource } from './docs-resources.js';
import { CALL_TOOL, callTool, DESCRIBE_TOOL, describeEntry, describeTool, lookUp, SEARCH_TOOL, searchQuery, searchResult, searchTool } from './meta-tools.js';
import { getPrompt, promptName, promptsFor } from './prompts.js';
import { dataResult, fileResult, toolError } from './results.js';

import { toolModeFor, type ToolMode, type ToolModeRequest } from './tool-mode.js';
import { proxiedTools, proxyCall, PROXY_PREFIX } from './upstream-proxy.js';
import { describeUpstream, upstreamHits } from './upstream-search.js';

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
  /** `all` lists one tool per function, `search` only the meta-tools; `auto` (default) picks by size (tool-mode.ts). */
  tools?: ToolModeRequest;
  /** Upstream MCP servers whose tools the gateway proxies as `mcp__<server>__<tool>`. */
  upstream?: UpstreamHub;
}

/** An MCP server exposing catalog functions as tools, built on the official SDK. */
export function createGateway(options: GatewayOptions): Server {
  const server = new Server(
    { name: GATEWAY_SERVER_NAME, version: options.version },
    { capabilities: { tools: {}, resources: {}, prompts: {} } },
  );
  const scope: CatalogScope = { integrations: options.integrations, write: options.write, settings: options.settings };
  const inScope = entriesInScope(scope);
  const callable = inScope.filter((e) => blockedBy(e, scope) === undefined);
  const byTool = new Map(callable.map((e) => [e.fn.mcpTool, e]));
  const providers = providersInScope(scope);
  let mode: ToolMode | undefined;

  async function upstreamTools(): Promise<Tool[]> {
    return options.upstream ? proxiedTools(options.upstream, options.write) : [];
  }
  async function currentMode(): Promise<ToolMode> {
    mode ??= toolModeFor(options.tools ?? 'auto', callable.length + (await upstreamTools()).length);
    return mode;
  }

  async function callEntry(target: CatalogEntry, given: Record<string, unknown>, account: string, key: unknown, allPages: unknown): Promise<CallToolResult> {
    const blocked = blockedBy(target, scope);
    if (blocked) return toolError(blocked.message);
    if (key !== undefined && typeof key !== 'string') return toolError(`${target.fn.mcpTool}: idempotency_key must be a string.`);
    if (allPages !== undefined && typeof allPages !== 'boolean') return toolError(`${target.fn.mcpTool}: all_pages must be true or false.`);
    const ctx: InvokeContext = { settings: options.settings, env: options.env, sandbox: options.sandbox, force: options.write === 'allow', dryRun: false, log: [], ...(options.baseUrlFlags ? { baseUrlFlags: options.baseUrlFlags } : {}) };
    const choices: CallChoices = { ...(key === undefined ? {} : { idempotencyKey: key }), ...(allPages === true ? { allPages: true } : {}) };
    try {
      const { data } = await invoke(target.provider, target.fn, given, account, ctx, choices);
      return returnsFile(target.fn.spec) && isFileAnswer(data) ? fileResult(data, options.maxResultChars, target.fn.mcpTool) : dataResult(data, options.maxResultChars);
    } catch (error) {
      if (error instanceof APIError) return toolError(error.message, error.body, options.maxResultChars);
      if (error instanceof SwitchboardError || error instanceof Error) return toolError(error.message);
      throw error;
    }
  }

  // Search-first lists no upstream tool either: they are found, described and called through the meta-tools.
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await currentMode()) === 'all' ? [...callable.map((e) => toolOf(e, options.settings)), searchTool, ...(await upstreamTools())] : [searchTool, describeTool, callTool],
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const { name, arguments: given = {} } = request.params;
    const listsDirectTools = (await currentMode()) === 'all';
    const upstreamByMeta = !listsDirectTools && options.upstream !== undefined && typeof given.function === 'string' && given.function.startsWith(PROXY_PREFIX);
    if (name === SEARCH_TOOL) {
      const query = searchQuery(given);
      if (typeof query !== 'string') return query;
      const more = !listsDirectTools && options.upstream ? await upstreamHits(options.upstream, query, options.write) : [];
      return searchResult(query, given, scope, listsDirectTools, options.maxResultChars, more);
    }
    if (name === DESCRIBE_TOOL && upstreamByMeta) {
      const described = await describeUpstream(options.upstream!, given.function as string, options.write);
      return described ? dataResult(described, options.maxResultChars) : toolError(`Unknown function: ${String(given.function)}. Use ${SEARCH_TOOL} to find one.`);
    }
    if (name === CALL_TOOL && upstreamByMeta) {
      const args = given.arguments ?? {};
      if (typeof args !== 'object' || args === null || Array.isArray(args)) return toolError(`${CALL_TOOL}: 'arguments' must be an object of named arguments.`);
      return proxyCall(options.upstream!, given.function as string, args as Record<string, unknown>, options.write, options.maxResultChars);
    }
    if (name === DESCRIBE_TOOL) {
      const found = lookUp(given, DESCRIBE_TOOL, scope);
      return 'entry' in found ? dataResult(describeEntry(found.entry, scope), options.maxResultChars) : found.error;
    }
    if (name === CALL_TOOL) {
      const found = lookUp(given, CALL_TOOL, scope);
      if ('error' in found) return found.error;
      const args = given.arguments ?? {};
      if (typeof args !== 'object' || args === null || Array.isArray(args)) return toolError(`${CALL_TOOL}: 'arguments' must be an object of named arguments.`);
      return callEntry(found.entry, args as Record<string, unknown>, typeof given.account === 'string' ? given.account : options.account, given.idempotency_key, given.all_pages);
    }
    if (name.startsWith(PROXY_PREFIX) && options.upstream) return proxyCall(options.upstream, name, given, options.write, options.maxResultChars);
    const target = byTool.get(name);
    if (!target) {
      const hidden = inScope.find((e) => e.fn.mcpTool === name);
      if (hidden) return toolError(blockedBy(hidden, scope)?.message ?? `${name} is not callable here.`);
      return toolError(`Unknown tool: ${name}. Use ${SEARCH_TOOL} to find one.`);
    }
    // `account`, `idempotency_key` and `all_pages` are call options where the tool lists them; elsewhere the names are the function's own parameters.
    const { account: accountArg, ...withoutAccount } = given as Record<string, unknown>;
    const args = selectsAccount(target.fn) ? withoutAccount : (given as Record<string, unknown>);
    const account = selectsAccount(target.fn) && typeof accountArg === 'string' ? accountArg : options.account;
    const { idempotency_key: key, ...withoutKey } = args;
    const withKey = declaresIdempotencyKey(target.fn);
    const rest = withKey ? withoutKey : args;
    const { all_pages: allPages, ...withoutAll } = rest;
    const walks = walksPages(target.fn);
    return callEntry(target, walks ? withoutAll : rest, account, withKey ? key : undefined, walks ? allPages : undefined);
  });

  const servesProvider = (id: string) => providers.some((p) => p.id === id || p.namespace === id);
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: docsResources(providers, (await currentMode()) === 'all') }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: docsTemplates }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => readDocsResource(request.params.uri, servesProvider));

  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: promptsFor(providers) }));
  server.setRequestHandler(GetPromptRequestSchema, async (request) => {
    const provider = providers.find((p) => promptName(p) === request.params.name);
    if (!provider) throw new Error(`Unknown prompt: ${request.params.name}. Prompts: ${providers.map(promptName).join(', ')}.`);
    return getPrompt(provider, scope, await currentMode());
  });
  return server;
}
