/**
 * The search-first tools: find a function by task, read its schema, call it. Search covers every
 * available function in scope, including writes this gateway hides, each marked with what it
 * would take to call it, so "send an sms" finds the send functions rather than the nearest read.
 */
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { searchFunctions } from '../docs-text.js';
import { ALL_PAGES_DESCRIPTION, blockedBy, entriesInScope, findEntry, IDEMPOTENCY_KEY_DESCRIPTION, toolOf, type CatalogEntry, type CatalogScope } from './catalog-tools.js';
import { dataResult, toolError } from './results.js';
import { docsUri } from './docs-resources.js';

export const SEARCH_TOOL = 'search_functions';
export const DESCRIBE_TOOL = 'describe_function';
export const CALL_TOOL = 'call_function';

const functionArgument = { type: 'string', description: 'Function name as search_functions returns it, e.g. "provider.function".' } as const;

export const searchTool: Tool = {
  name: SEARCH_TOOL,
  title: 'Search catalog functions',
  description: 'Find catalog functions by what they do ("send an sms"). Returns names, one-line descriptions, and whether each can be called here; writes this gateway does not allow are listed with what they need.',
  inputSchema: { type: 'object', properties: { query: { type: 'string', description: 'What to do, e.g. "send sms".' }, limit: { type: 'integer', minimum: 1, maximum: 50 } }, required: ['query'] },
  annotations: { readOnlyHint: true, openWorldHint: false },
};

export const describeTool: Tool = {
  name: DESCRIBE_TOOL,
  title: 'Describe a catalog function',
  description: 'The input schema, description and annotations of one function, to build the arguments of call_function.',
  inputSchema: { type: 'object', properties: { function: functionArgument }, required: ['function'] },
  annotations: { readOnlyHint: true, openWorldHint: false },
};

export const callTool: Tool = {
  name: CALL_TOOL,
  title: 'Call a catalog function',
  description: 'Call one function with its arguments (see describe_function). Writes run only when this gateway allows them (--write allow) and no provider policy denies them.',
  inputSchema: {
    type: 'object',
    properties: {
      function: functionArgument,
      arguments: { type: 'object', description: 'The function\'s arguments, as its input schema describes them.' },
      account: { type: 'string', description: 'Named account to use (default: the gateway\'s account).' },
      idempotency_key: { type: 'string', minLength: 1, maxLength: 255, description: IDEMPOTENCY_KEY_DESCRIPTION },
      all_pages: { type: 'boolean', description: ALL_PAGES_DESCRIPTION.replace('this list', 'a paginated list') },
    },
    required: ['function'],
  },
  // Which function runs is chosen per call, so the tool as a whole may write.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
};

export interface SearchHitForAgent {
  function: string;
  title: string;
  operation: 'read' | 'write';
  /** Whether this gateway will run it now. */
  callable: boolean;
  /** The direct tool name, when the gateway lists one for this function. */
  tool?: string;
  /** What calling it takes, when it cannot be called now: `--write allow`, or a policy change. */
  requires?: string;
  note?: string;
}

export type ScoredHit = SearchHitForAgent & { score: number };

/** Every matching catalog function in scope, best first, with its search score. */
export function catalogHits(query: string, scope: CatalogScope, listsDirectTools: boolean): ScoredHit[] {
  const inScope = new Map(entriesInScope(scope).map((e) => [e.fn.qualified, e]));
  return searchFunctions(query, Number.MAX_SAFE_INTEGER).flatMap((hit): ScoredHit[] => {
    const entry = inScope.get(hit.function);
    if (!entry || !entry.fn.available) return [];
    const blocked = blockedBy(entry, scope);
    const base = { function: hit.function, title: hit.title, operation: hit.operation, callable: blocked === undefined, score: hit.score };
    if (!blocked) return [{ ...base, ...(listsDirectTools ? { tool: entry.fn.mcpTool } : {}) }];
    const requires = blocked.reason === 'needs_write_allow' ? '--write allow' : `switchboard configure ${entry.provider.id} --write allow`;
    return [{ ...base, requires, note: blocked.message }];
  });
}

export function describeEntry(entry: CatalogEntry, scope: CatalogScope): Record<string, unknown> {
  const tool = toolOf(entry, scope.settings);
  const blocked = blockedBy(entry, scope);
  return {
    function: entry.fn.qualified,
    title: tool.title,
    description: tool.description,
    operation: entry.fn.operation,
    annotations: tool.annotations,
    input_schema: tool.inputSchema,
    ...(tool.outputSchema ? { output_schema: tool.outputSchema } : {}),
    callable: blocked === undefined,
    ...(blocked ? { note: blocked.message } : {}),
    docs: docsUri(entry.provider.id, entry.fn.name),
  };
}

/** The function a meta-tool call names, or the tool error that says what is wrong. */
export function lookUp(given: Record<string, unknown>, tool: string, scope: CatalogScope): { entry: CatalogEntry } | { error: CallToolResult } {
  const name = given.function;
  if (typeof name !== 'string' || name === '') return { error: toolError(`${tool} needs 'function' (a string such as "provider.function"; find one with ${SEARCH_TOOL}).`) };
  const entry = findEntry(name, scope);
  if (!entry || !entry.fn.available) return { error: toolError(`Unknown function: ${name}. Use ${SEARCH_TOOL} to find one.`) };
  return { entry };
}

export function searchQuery(given: Record<string, unknown>): string | CallToolResult {
  const query = typeof given.query === 'string' ? given.query : '';
  return query || toolError(`${SEARCH_TOOL} needs 'query' (a string).`);
}

/** Catalog hits merged with `more` (upstream tools in search-first mode) by score, cut at the limit. */
export function searchResult(query: string, given: Record<string, unknown>, scope: CatalogScope, listsDirectTools: boolean, maxChars: number, more: ScoredHit[] = []): CallToolResult {
  const limit = typeof given.limit === 'number' && given.limit >= 1 ? Math.min(50, Math.floor(given.limit)) : 10;
  const functions = [...catalogHits(query, scope, listsDirectTools), ...more]
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ score: _score, ...hit }) => hit);
  return { ...dataResult(functions, maxChars), structuredContent: { functions } };
}
