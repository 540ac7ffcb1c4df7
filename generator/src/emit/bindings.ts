import { LICENSE_TEXT, publishedPackageFields } from './package-meta.js';
import type { Func, Provider } from '../model.js';
import { valueTypesOf } from '../shared/value-types.js';
import { answerSchemaOf } from '../shared/returns.js';
import { cliExample } from './render/cli-example.js';
import { jsLiteral } from './render/js-literal.js';
import { emitFromSplit, generatedHeader, stableJson, type Emitter, type GeneratedFile, type ProviderSplit, type SummaryList } from './emitter.js';
import { docLine } from './escape/jsdoc.js';
import { CodeReference } from './escape/ts.js';
import { luaExamples, luaFunctionPage, luaNamespacePage } from './lua/reference.js';
import { luaSignature } from './lua/lua-literal.js';

const ROOT = 'packages/bindings';

const moduleName = (provider: Provider) => provider.namespace;

function functionEntry(provider: Provider, func: Func) {
  return {
    name: func.name,
    // Old names of a renamed function keep answering in scripts and the CLI until they are removed.
    aliases: [...func.aliases, ...func.renamedFrom.map((old) => old.name)],
    // Only where there are any, so the entries of functions never renamed stay as they were.
    ...(func.renamedFrom.length > 0 ? { renamedFrom: func.renamedFrom.map((old) => ({ name: old.name, removedIn: old.removedIn })) } : {}),
    qualified: func.names.qualified,
    luaPath: func.names.luaPath,
    signature: luaSignature(func),
    title: func.title,
    description: func.description,
    operation: func.operation,
    idempotent: func.idempotent,
    destructive: func.destructive,
    available: func.binding.kind === 'http',
    mcpTool: func.names.mcpTool,
    cliCommand: func.names.cliCommand,
    // What `call <fn> --help` shows under Examples: the same commands as the docs page's CLI tab.
    examples: func.binding.kind === 'http' ? func.examples.map((e) => ({ title: e.title, command: cliExample(func, e), status: e.response.status })) : [],
    parameters: func.parameters.map((p) => ({
      name: p.name,
      type: [...valueTypesOf(p.schema), ...(p.schema.nullable ? ['null'] : [])].join(' or '),
      required: p.required,
      description: p.schema.description ?? '',
      ...(p.sentWhenOmitted ? { sentWhenOmitted: p.sentWhenOmitted.value } : {}),
    })),
    inputSchema: func.inputSchema,
    outputSchema: answerSchemaOf(func.returns),
    spec: new CodeReference(func.names.tsOperation),
    docs: luaFunctionPage(provider, func),
  };
}

function providerModule(provider: Provider): string {
  const reads = provider.functions.filter((f) => f.operation === 'read').length;
  const data = {
    id: provider.id,
    namespace: provider.namespace,
    name: provider.name,
    category: provider.category,
    description: provider.description,
    docsUrl: provider.docsUrl,
    packageName: provider.packageName,
    counts: { functions: provider.functions.length, read: reads, write: provider.functions.length - reads },
    fields: provider.fields.map((f) => ({
      key: f.key,
      label: f.label,
      description: f.description,
      secret: f.secret,
      env: f.env,
      accountEnvTemplate: f.accountEnvTemplate,
      option: f.option,
      example: f.example,
      default: f.default,
    })),
    provider: new CodeReference('provider'),
    functions: provider.functions.map((f) => functionEntry(provider, f)),
    docs: luaNamespacePage(provider),
    luaExamples: luaExamples(provider),
  };
  const literal = jsLiteral(data, '', 120);
  const imports = ['provider', ...provider.functions.map((f) => f.names.tsOperation)];
  return `${generatedHeader('//', [provider.source.file, ...provider.functions.map((f) => f.source.file)])}
import { ${imports.join(', ')} } from '${provider.packageName}';
import type { ProviderBinding } from './types.js';

${docLine(`${provider.name} as scripts, the CLI and MCP see it: every function under its canonical name and aliases.`)}export const ${moduleName(provider)}: ProviderBinding = ${literal};
`;
}

const TYPES = `import type { AnyOperation, ProviderSpec } from '@switchboard/runtime';

/** One function as the Lua host, the CLI and MCP see it. */
export interface FunctionBinding {
  name: string;
  aliases: string[];
  /** Old names among \`aliases\` (spec \`renamed_from\`): deprecated, removed in the version given. Absent: none. */
  renamedFrom?: Array<{ name: string; removedIn: string }>;
  /** \`telnyx.send_sms\`. */
  qualified: string;
  luaPath: string;
  /** \`app.integrations.telnyx.send_sms({to, text, from?})\`. */
  signature: string;
  title: string;
  description: string;
  operation: 'read' | 'write';
  idempotent: boolean;
  destructive: boolean;
  available: boolean;
  mcpTool: string;
  cliCommand: string;
  /** Its documented examples as shell commands (\`switchboard call … '{json}'\`), each with its title and the HTTP status documented for it; none for an unavailable function. */
  examples: Array<{ title: string; command: string; status: number }>;
  /** \`sentWhenOmitted\`: the value sent when a call leaves the parameter out; absent for most. */
  parameters: Array<{ name: string; type: string; required: boolean; description: string; sentWhenOmitted?: unknown }>;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown> | null;
  spec: AnyOperation;
  /** Agent-facing Lua reference page (markdown). */
  docs: string;
}

export interface FieldBinding {
  key: string;
  label: string;
  description: string;
  secret: boolean;
  env: string;
  accountEnvTemplate: string;
  option: string;
  example: string;
  default: string | null;
}

/** One provider as the Lua host, the CLI and MCP see it. */
export interface ProviderBinding {
  id: string;
  namespace: string;
  name: string;
  category: string;
  description: string;
  docsUrl: string;
  packageName: string;
  counts: { functions: number; read: number; write: number };
  fields: FieldBinding[];
  provider: ProviderSpec;
  functions: FunctionBinding[];
  /** Agent-facing Lua reference of the whole namespace (markdown). */
  docs: string;
  /** Every Lua example shown in the reference pages; tests run each one. */
  luaExamples: Array<{ function: string; title: string; code: string; expectsError: boolean }>;
}
`;

/** What the package's index and manifest need about one provider. */
interface BindingsSummary {
  module: string;
  packageName: string;
  /** The client's released version, which the bindings depend on. */
  version: string;
  source: string;
}

function bindingsIndex(summaries: SummaryList<BindingsSummary>): GeneratedFile[] {
  const providers = [...summaries];
  const header = generatedHeader('//', providers.map((p) => p.source));
  return [
    { path: `${ROOT}/src/types.ts`, contents: `${header}\n${TYPES}` },
    {
      path: `${ROOT}/src/index.ts`,
      contents: `${header}
${providers.map((p) => `import { ${p.module} } from './${p.module}.js';`).join('\n')}
import type { ProviderBinding } from './types.js';

export type { FieldBinding, FunctionBinding, ProviderBinding } from './types.js';

/** Every provider, sorted by id. */
export const bindings: ProviderBinding[] = [${providers.map((p) => p.module).join(', ')}];
`,
    },
    {
      path: `${ROOT}/package.json`,
      contents: stableJson({
        name: '@switchboard/bindings',
        version: '0.1.0',
        description: 'Every Switchboard provider registered for the Lua host, the CLI and MCP (generated).',
        ...publishedPackageFields(ROOT, ['switchboard', 'lua', 'mcp', 'integrations']),
        type: 'module',
        sideEffects: false,
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
        main: './dist/index.js',
        types: './dist/index.d.ts',
        files: ['dist', 'LICENSE'],
        engines: { node: '>=20' },
        scripts: { build: 'tsc -p tsconfig.json' },
        dependencies: {
          '@switchboard/runtime': '0.1.0',
          ...Object.fromEntries(providers.map((p) => [p.packageName, p.version])),
        },
      }),
    },
    { path: `${ROOT}/tsconfig.json`, contents: stableJson({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }) },
    { path: `${ROOT}/LICENSE`, contents: LICENSE_TEXT },
  ];
}

const bindingsSplit: ProviderSplit<BindingsSummary> = {
  provider: (p) => [{ path: `${ROOT}/src/${moduleName(p)}.ts`, contents: providerModule(p) }],
  summary: (p) => ({ module: moduleName(p), packageName: p.packageName, version: p.version, source: p.source.file }),
  index: bindingsIndex,
};

/** \`@switchboard/bindings\`: every provider registered for Lua, the CLI and MCP, with its Lua reference pages. */
export const bindingsEmitter: Emitter = {
  name: 'bindings',
  owns: () => [ROOT],
  emit: emitFromSplit(bindingsSplit),
  split: bindingsSplit,
};
