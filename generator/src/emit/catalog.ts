import { LICENSE_TEXT, publishedPackageFields } from './package-meta.js';
import type { Catalog, Func, Provider } from '../model.js';
import { generatedHeader, stableJson, type Emitter } from './emitter.js';

const ROOT = 'packages/catalog';

function functionEntry(func: Func) {
  return {
    name: func.name,
    aliases: func.aliases,
    title: func.title,
    description: func.description,
    operation: func.operation,
    idempotent: func.idempotent,
    destructive: func.destructive,
    available: func.binding.kind === 'http',
    unavailable_reason: func.binding.kind === 'unavailable' ? func.binding.reason : null,
    deprecated: func.deprecated?.message ?? null,
    names: {
      qualified: func.names.qualified,
      lua: func.names.luaPath,
      lua_aliases: func.names.luaAliases,
      typescript: func.names.tsMethod,
      cli: func.names.cliCommand,
      mcp: func.names.mcpTool,
    },
    input_schema: func.inputSchema,
    source: `specs/${func.source.file}`,
  };
}

function providerEntry(provider: Provider) {
  const reads = provider.functions.filter((f) => f.operation === 'read').length;
  return {
    id: provider.id,
    namespace: provider.namespace,
    name: provider.name,
    category: provider.category,
    description: provider.description,
    docs_url: provider.docsUrl,
    api_version: provider.apiVersion,
    package: provider.packageName,
    counts: { functions: provider.functions.length, read: reads, write: provider.functions.length - reads },
    fields: provider.fields.map((f) => ({ key: f.key, label: f.label, secret: f.secret, env: f.env, description: f.description })),
    functions: provider.functions.map(functionEntry),
  };
}

/** A machine-readable index of the whole catalog: `@switchboard/catalog`. */
export const catalogEmitter: Emitter = {
  name: 'catalog',
  owns: () => [ROOT],
  emit(catalog: Catalog) {
    const data = { providers: catalog.providers.map(providerEntry) };
    const sources = catalog.providers.flatMap((p) => [p.source.file, ...p.functions.map((f) => f.source.file)]);
    const header = generatedHeader('//', sources);
    return [
      { path: `${ROOT}/catalog.json`, contents: stableJson(data) },
      { path: `${ROOT}/LICENSE`, contents: LICENSE_TEXT },
      { path: `${ROOT}/index.js`, contents: `${header}export const catalog = ${JSON.stringify(data)};\n` },
      { path: `${ROOT}/index.d.ts`, contents: `${header}${CATALOG_TYPES}` },
      {
        path: `${ROOT}/package.json`,
        contents: stableJson({
          name: '@switchboard/catalog',
          version: '0.1.0',
          description: 'Machine-readable index of every Switchboard provider and function (generated).',
          ...publishedPackageFields(ROOT, ['switchboard', 'api-catalog', 'integrations']),
          type: 'module',
          sideEffects: false,
          exports: { '.': { types: './index.d.ts', default: './index.js' }, './catalog.json': './catalog.json' },
          main: './index.js',
          types: './index.d.ts',
          files: ['index.js', 'index.d.ts', 'catalog.json', 'LICENSE'],
          engines: { node: '>=20' },
        }),
      },
    ];
  },
};

const CATALOG_TYPES = `export interface CatalogFunction {
  name: string;
  aliases: string[];
  title: string;
  description: string;
  operation: 'read' | 'write';
  idempotent: boolean;
  destructive: boolean;
  available: boolean;
  unavailable_reason: string | null;
  deprecated: string | null;
  names: { qualified: string; lua: string; lua_aliases: string[]; typescript: string; cli: string; mcp: string };
  input_schema: Record<string, unknown>;
  source: string;
}

export interface CatalogProvider {
  id: string;
  namespace: string;
  name: string;
  category: string;
  description: string;
  docs_url: string;
  api_version: string | null;
  package: string;
  counts: { functions: number; read: number; write: number };
  fields: Array<{ key: string; label: string; secret: boolean; env: string; description: string }>;
  functions: CatalogFunction[];
}

export declare const catalog: { providers: CatalogProvider[] };
`;
