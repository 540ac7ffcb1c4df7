import { LICENSE_TEXT, publishedPackageFields } from './package-meta.js';
import type { Func, Provider } from '../model.js';
import { emitFromSplit, generatedHeader, joinedFile, stableJson, type Emitter, type IndexOutput, type ProviderSplit, type SummaryList } from './emitter.js';

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

/** One provider's part of the catalog files, already rendered: the index only joins them. */
interface CatalogSummary {
  /** The entry as it appears in catalog.json (two-space JSON, indented to its place in the list). */
  pretty: string;
  /** The entry as it appears in index.js. */
  compact: string;
  sources: string[];
}

function catalogSummary(provider: Provider): CatalogSummary {
  const entry = providerEntry(provider);
  return {
    pretty: JSON.stringify(entry, null, 2).replace(/\n/g, '\n    '),
    compact: JSON.stringify(entry),
    sources: [provider.source.file, ...provider.functions.map((f) => f.source.file)],
  };
}

/** `stableJson({ providers })` and `JSON.stringify({ providers })`, joined from entries rendered one by one. */
function catalogFiles(summaries: SummaryList<CatalogSummary>): IndexOutput[] {
  const sources: string[] = [];
  for (const s of summaries) sources.push(...s.sources);
  const header = generatedHeader('//', sources);
  const json = joinedFile(`${ROOT}/catalog.json`, summaries, {
    head: '{\n  "providers": [\n    ',
    piece: (s) => s.pretty,
    separator: ',\n    ',
    tail: '\n  ]\n}\n',
    empty: stableJson({ providers: [] }),
  });
  const moduleHead = `${header}export const catalog = {"providers":[`;
  const module = joinedFile(`${ROOT}/index.js`, summaries, { head: moduleHead, piece: (s) => s.compact, separator: ',', tail: ']};\n', empty: `${moduleHead}]};\n` });
  return [
    json,
    { path: `${ROOT}/LICENSE`, contents: LICENSE_TEXT },
    module,
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
}

const catalogSplit: ProviderSplit<CatalogSummary> = { provider: () => [], summary: catalogSummary, index: catalogFiles };

/** A machine-readable index of the whole catalog: `@switchboard/catalog`. */
export const catalogEmitter: Emitter = {
  name: 'catalog',
  owns: () => [ROOT],
  emit: emitFromSplit(catalogSplit),
  split: catalogSplit,
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
