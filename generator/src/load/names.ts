import type { DerivedNames } from '../model.js';
import { CLIENT_CLASS_MEMBERS, INHERITED_MEMBERS, JS_RESERVED_WORDS, LUA_KEYWORDS } from '../shared/client-names.js';

function words(name: string): string[] {
  return name.split(/[_-]+/).filter(Boolean);
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export const pascalCase = (name: string) => words(name).map(capitalise).join('');

export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

export const upperSnake = (name: string) => words(name).join('_').toUpperCase();

/** Every name of one function, derived once from the provider and canonical name. */
export function deriveNames(provider: { id: string; namespace: string }, name: string, aliases: string[]): DerivedNames {
  const luaBase = `app.integrations.${provider.namespace}`;
  return {
    qualified: `${provider.id}.${name}`,
    luaPath: `${luaBase}.${name}`,
    luaAliases: aliases.map((alias) => `${luaBase}.${alias}`),
    tsMethod: camelCase(name),
    tsType: pascalCase(name),
    cliCommand: `switchboard call ${provider.id}.${name}`,
    mcpTool: `${provider.namespace}__${name}`,
    tsOperation: operationExport(camelCase(name)),
  };
}

/** The client package's OperationSpec constant of the function whose method is `tsMethod`. */
const operationExport = (tsMethod: string) => `${tsMethod}Operation`;

/** What the mocks package exports for a provider: its documented exchanges and the msw handlers answering them. */
export function mockExports(namespace: string): { examples: string; handlers: string } {
  const stem = namespace.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
  return { examples: `${stem}Examples`, handlers: `${stem}Handlers` };
}

/** Names a function may not take because Lua uses them for accounts. */
export const RESERVED_FUNCTION_NAMES = new Set(['default']);

/**
 * Why a function may not be called `name` in the languages we generate, or null. An alias is a
 * Lua path only; a current or old name (`as: 'name'`, `'old name'`) is also the client's method
 * and the package's standalone function.
 */
export function languageNameProblem(name: string, as: 'name' | 'alias' | 'old name', namespace: string): string | null {
  if (LUA_KEYWORDS.has(name)) return `${as} '${name}' is a Lua keyword, so app.integrations.${namespace}.${name}{…} would not parse; choose another ${as}.`;
  if (as === 'alias') return null;
  const method = camelCase(name);
  if (JS_RESERVED_WORDS.has(method)) return `${as} '${name}' gives the TypeScript function '${method}', a reserved word in JavaScript (\`export function ${method}\` does not parse); choose another ${as}.`;
  if (CLIENT_CLASS_MEMBERS.has(method)) return `${as} '${name}' gives the method '${method}', which every generated client class already has; choose another ${as}.`;
  if (INHERITED_MEMBERS.has(method)) return `${as} '${name}' gives the method '${method}', which every JavaScript object inherits: a client whose ${method} made a request would break wherever the client is converted or compared; choose another ${as}.`;
  return null;
}

/**
 * The names a function declares in its client package's one module (`functions.ts`): the
 * standalone function, its operation literal and, for a function that may page, its item and page
 * walkers. Two functions of one provider must not share one, and none may be a name that module
 * imports from the runtime.
 */
export function moduleNames(tsMethod: string, pages: boolean): string[] {
  return [tsMethod, operationExport(tsMethod), ...(pages ? [`${tsMethod}Items`, `${tsMethod}Pages`] : [])];
}

/** The version of a client package before its first release is recorded. */
export const INITIAL_PACKAGE_VERSION = '0.1.0';
