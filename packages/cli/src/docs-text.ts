import type { ProviderBinding } from '@switchboard/bindings';
import { bindings, findFunction, findProvider } from './registry.js';
import { didYouMean } from './suggest.js';

/** Score a function for a query: names weigh most, then titles, then descriptions. */
function score(provider: ProviderBinding, fn: ProviderBinding['functions'][number], query: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  // "send an sms": one- and two-letter words match inside nearly every name, so they score only when the query has nothing longer.
  const long = words.filter((w) => w.length > 2);
  const terms = long.length > 0 ? long : words;
  const name = `${fn.qualified} ${fn.aliases.join(' ')}`.toLowerCase();
  const title = fn.title.toLowerCase();
  const text = `${fn.description} ${provider.name} ${fn.parameters.map((p) => p.name).join(' ')}`.toLowerCase();
  let total = 0;
  if (name.includes(query.toLowerCase().replace(/\s+/g, '_'))) total += 100;
  if (title.includes(query.toLowerCase())) total += 50;
  for (const term of terms) {
    if (name.includes(term)) total += 10;
    if (title.includes(term)) total += 5;
    if (text.includes(term)) total += 3;
  }
  return total;
}

export interface SearchHit {
  function: string;
  title: string;
  operation: 'read' | 'write';
  description: string;
  score: number;
}

export function searchFunctions(query: string, limit = 20): SearchHit[] {
  return bindings
    .flatMap((provider) => provider.functions.map((fn) => ({ provider, fn, score: score(provider, fn, query) })))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || a.fn.qualified.localeCompare(b.fn.qualified))
    .slice(0, limit)
    .map(({ fn, score: s }) => ({ function: fn.qualified, title: fn.title, operation: fn.operation, description: fn.description, score: s }));
}

/** The catalog index: one line per provider, then its function signatures. */
export function docsIndex(): string {
  return bindings
    .map((p) => [`**app.integrations.${p.namespace}** — ${p.name}: ${p.description}`, ...p.functions.map((f) => `  ${f.signature}`)].join('\n'))
    .join('\n\n');
}

/** A page that does not exist: what was not found, close names, and both as one sentence for Lua and MCP. */
export interface MissingPage {
  found: false;
  code: 'unknown_provider' | 'unknown_function';
  reason: string;
  hint: string;
  message: string;
}

function missing(code: MissingPage['code'], reason: string, hint: string): MissingPage {
  return { found: false, code, reason, hint, message: `${reason} ${hint}` };
}

/**
 * A docs page by name: `telnyx`, `telnyx.send_sms`, `integrations.telnyx`,
 * `app.integrations.retell_ai.create_call`; provider ids and namespaces both work.
 */
export function readDocsPage(page: string): { found: true; text: string } | MissingPage {
  const name = page.replace(/^app\./, '').replace(/^integrations\./, '');
  const [providerName, fnName] = name.split('.', 2) as [string, string | undefined];
  const provider = findProvider(providerName);
  if (!provider) {
    const ids = bindings.map((p) => p.id);
    return missing('unknown_provider', `Page '${page}' not found.`, didYouMean(providerName, ids) ?? `Available pages: ${ids.join(', ')}.`);
  }
  if (!fnName) return { found: true, text: provider.docs };
  const fn = findFunction(provider, fnName);
  if (!fn) {
    const close = didYouMean(fnName, provider.functions.flatMap((f) => [f.name, ...f.aliases]), (n) => `${provider.id}.${n}`);
    return missing('unknown_function', `Function '${fnName}' not found in app.integrations.${provider.namespace}.`, `${close ? `${close} ` : ''}Its functions: \`switchboard docs ${provider.id}\`.`);
  }
  return { found: true, text: fn.docs };
}
