/**
 * The docs pages as MCP resources: `docs://{provider}` and `docs://{provider}/{function}` as
 * resource templates (so a catalog of any size costs two entries), and the older
 * `switchboard://docs/...` URIs, still listed and readable for clients that saved them.
 */
import type { ReadResourceResult, Resource, ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import type { ProviderBinding } from '@switchboard/bindings';
import { readDocsPage } from '../docs-text.js';

export function docsUri(provider: string, fn?: string): string {
  return `docs://${encodeURIComponent(provider)}${fn === undefined ? '' : `/${encodeURIComponent(fn)}`}`;
}

export const docsTemplates: ResourceTemplate[] = [
  { uriTemplate: 'docs://{provider}', name: 'provider-reference', title: 'Provider reference', description: 'Every function of one provider, with its Lua signature.', mimeType: 'text/markdown' },
  { uriTemplate: 'docs://{provider}/{function}', name: 'function-reference', title: 'Function reference', description: 'One function: parameters, result, examples.', mimeType: 'text/markdown' },
];

/** Listed resources: provider pages always; each function's page too when the gateway lists every tool. */
export function docsResources(providers: ProviderBinding[], withFunctions: boolean): Resource[] {
  return providers.flatMap((p) => [
    { uri: `switchboard://docs/${p.id}`, name: `${p.name} reference`, mimeType: 'text/markdown' },
    ...(withFunctions ? p.functions.map((f) => ({ uri: `switchboard://docs/${p.id}/${f.name}`, name: f.qualified, description: f.title, mimeType: 'text/markdown' })) : []),
  ]);
}

/** The page a docs URI names, as `provider` or `provider.function`; null when the URI is not a docs URI. */
function pageOf(uri: string): string | null {
  const match = /^(?:docs:\/\/|switchboard:\/\/docs\/)([^/]+)(?:\/([^/]+))?$/.exec(uri);
  if (!match) return null;
  const [, provider, fn] = match;
  return fn === undefined ? decodeURIComponent(provider!) : `${decodeURIComponent(provider!)}.${decodeURIComponent(fn)}`;
}

export function readDocsResource(uri: string, inScope: (providerId: string) => boolean): ReadResourceResult {
  const page = pageOf(uri);
  if (page === null) throw new Error(`Unknown resource: ${uri}. Docs resources look like docs://{provider} or docs://{provider}/{function}.`);
  const provider = page.split('.')[0]!;
  if (!inScope(provider)) throw new Error(`Unknown resource: ${uri}: ${provider} is not served by this gateway.`);
  const found = readDocsPage(page);
  if (!found.found) throw new Error(found.message);
  return { contents: [{ uri, mimeType: 'text/markdown', text: found.text }] };
}
