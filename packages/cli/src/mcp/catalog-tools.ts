/**
 * Catalog functions as the gateway sees them: which are offered, which are hidden and why, and
 * each one's MCP tool definition. Search and the meta-tools read the same answers, so a write the
 * policy hides is found by search with the reason instead of silently missing.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { FunctionBinding, ProviderBinding } from '@switchboard/bindings';
import { accountsOf, policyFor, type Settings } from '../accounts.js';
import { declaresIdempotencyKey, isPaginated } from '../invoke.js';
import { bindings } from '../registry.js';
import { flattenToolSchema } from './tool-schema.js';

export interface CatalogEntry {
  provider: ProviderBinding;
  fn: FunctionBinding;
}

/** Why a function in scope cannot be called through this gateway; undefined when it can. */
export type Blocked = { reason: 'needs_write_allow' | 'denied_by_policy' | 'unavailable'; message: string };

export interface CatalogScope {
  /** Provider ids or namespaces to expose; empty means all. */
  integrations: string[];
  write: 'deny' | 'allow';
  settings: Settings;
}

export function providersInScope(scope: Pick<CatalogScope, 'integrations'>): ProviderBinding[] {
  return bindings.filter((p) => scope.integrations.length === 0 || scope.integrations.includes(p.id) || scope.integrations.includes(p.namespace));
}

/** Every function of the providers in scope, callable or not. */
export function entriesInScope(scope: CatalogScope): CatalogEntry[] {
  return providersInScope(scope).flatMap((provider) => provider.functions.map((fn) => ({ provider, fn })));
}

export function blockedBy({ provider, fn }: CatalogEntry, scope: CatalogScope): Blocked | undefined {
  if (!fn.available) return { reason: 'unavailable', message: `${fn.qualified} is not available in this catalog; its docs page says why.` };
  if (fn.operation === 'read') return undefined;
  if (policyFor(provider, scope.settings).write === 'deny') {
    return { reason: 'denied_by_policy', message: `${fn.qualified} is a write, and writes to ${provider.id} are denied by policy; change it with \`switchboard configure ${provider.id} --write allow\`.` };
  }
  if (scope.write !== 'allow') {
    return { reason: 'needs_write_allow', message: `${fn.qualified} is a write, and this gateway does not allow writes: start it with --write allow (a provider policy of deny still wins).` };
  }
  return undefined;
}

/** `provider.function`, `provider__function` or an alias → the entry, searched among the providers in scope. */
export function findEntry(name: string, scope: CatalogScope): CatalogEntry | undefined {
  return entriesInScope(scope).find(({ provider, fn }) =>
    fn.qualified === name || fn.mcpTool === name || [fn.name, ...fn.aliases].some((n) => `${provider.id}.${n}` === name || `${provider.namespace}.${n}` === name));
}

/** The call option a write that declares an idempotency key takes, in both tool modes. */
export const IDEMPOTENCY_KEY_DESCRIPTION = 'Only for writes whose spec declares an idempotency key: your own key for this call (1 to 255 visible ASCII characters). Calling again with the same key after a timeout or an unknown outcome cannot repeat the effect. Default: a fresh key per call.';

/**
 * Whether the tool's `account` argument chooses the account. A function with a parameter of that
 * name (Stripe's account links take `account`) keeps it as its own, and runs on the gateway's account.
 */
export function selectsAccount(fn: FunctionBinding): boolean {
  return !Object.hasOwn((fn.inputSchema.properties ?? {}) as object, 'account');
}

/** Whether a tool takes the call option `all_pages`: a paginated list without a parameter of that name. */
export function walksPages(fn: FunctionBinding): boolean {
  return isPaginated(fn) && !Object.hasOwn((fn.inputSchema.properties ?? {}) as object, 'all_pages');
}

export const ALL_PAGES_DESCRIPTION = 'true: walk every page of this list and answer with all its items in one list, instead of the first page (a long list makes a long answer).';

export function toolOf({ provider, fn }: CatalogEntry, settings: Settings): Tool {
  const { inputSchema, constraints } = flattenToolSchema(structuredClone(fn.inputSchema) as Tool['inputSchema'] & { properties: Record<string, unknown> });
  const accounts = accountsOf(provider, settings);
  if (accounts.length > 0 && selectsAccount(fn)) {
    inputSchema.properties = { ...inputSchema.properties, account: { type: 'string', enum: [...new Set(['default', ...accounts])], description: 'Named account to use (default: the default account).' } };
  }
  if (declaresIdempotencyKey(fn)) {
    inputSchema.properties = { ...inputSchema.properties, idempotency_key: { type: 'string', minLength: 1, maxLength: 255, description: IDEMPOTENCY_KEY_DESCRIPTION } };
  }
  if (walksPages(fn)) inputSchema.properties = { ...inputSchema.properties, all_pages: { type: 'boolean', description: ALL_PAGES_DESCRIPTION } };
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
