import { printStatements } from './print-statements.js';
import type { Catalog, Func, HttpBinding, Provider, Returns } from '../../model.js';
import { dataSchemaOf } from '../../shared/returns.js';
import { schemasAt, type Schema } from '../../shared/schema-paths.js';
import { emitFromSplit, generatedHeader, stableJson, type Emitter, type GeneratedFile, type ProviderSplit } from '../emitter.js';
import { clientPackageJson, clientReadme, clientTsconfig } from './package-files.js';
import { LICENSE_TEXT } from '../package-meta.js';
import { operationSpec, providerSpec } from '../../shared/runtime-spec.js';
import { operationParts } from './operation-parts.js';
import { providerParts } from './provider-parts.js';
import { jsonSchemaType, valueType } from '../render/ts-types.js';
import { AsConst, jsLiteral, TypedAs } from '../render/js-literal.js';
import { tsClientSetup, tsExampleCall } from '../render/ts-example.js';
import { commentSafe, docBlock, docLine as doc } from '../escape/jsdoc.js';
import { CodeReference, tsString } from '../escape/ts.js';
import { groupMembers, groupUnions } from './group-types.js';
import { hoistRepeated } from './shared-rules.js';
import { documentedArgs, parameterDoc } from './documented-rules.js';
import { firstSentence } from '../../shared/sentences.js';
import { takesFile } from '../../shared/value-types.js';


type HttpFunc = Func & { binding: HttpBinding };
const isHttp = (func: Func): func is HttpFunc => func.binding.kind === 'http';
/** Spec text on one line, for comments that must stay on one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const paramsType = (func: Func) => `${func.names.tsType}Params`;
const responseType = (func: Func) => `${func.names.tsType}Response`;
const itemType = (func: Func) => `${func.names.tsType}Item`;
/**
 * The modules functions.ts and client.ts read by namespace (`T.SendSmsResponse`, `F.sendSms`),
 * so neither lists every name it uses. Capitals: a function's camel-cased name never is one.
 */
const TYPES = 'T';
const FUNCTIONS = 'F';
// A `requires` group needs nothing of a call that leaves its parameter out, so `{}` may still do.
const hasRequired = (func: Func) => func.parameters.some((p) => p.required) || func.requiredGroups.some((g) => g.kind !== 'requires');
/** Which generated module a reference is written in: a derived parameter type is local to functions.ts. */
type Module = 'functions' | 'client';
const paramsRef = (func: Func, module: Module) =>
  !derivesParams(func) ? `${TYPES}.${paramsType(func)}` : module === 'functions' ? paramsType(func) : `${FUNCTIONS}.${paramsType(func)}`;
const paramsArg = (func: Func, module: Module) => `params: ${paramsRef(func, module)}${hasRequired(func) ? '' : ' = {}'}`;
const responseRef = (func: Func) => `${TYPES}.${responseType(func)}`;

/**
 * Whether a function's parameter type is derived from its argument rule (`ArgsOf` in the
 * runtime) rather than written out: each parameter is then stated once, in the rule with its doc.
 * Required groups (unions) and old parameter names (optional although required) are more than
 * the rule says, so those functions keep a written type, as does a function without parameters.
 */
const derivesParams = (func: Func): boolean =>
  isHttp(func) && func.parameters.length > 0 && func.requiredGroups.length === 0 && func.parameters.every((p) => p.renamedFrom.length === 0);

const clientSplit: ProviderSplit<null> = { provider: (provider) => emitProvider(provider), summary: () => null, index: () => [] };

/** One npm package per provider: typed client class, standalone functions, and each function's spec as data. */
export const clientEmitter: Emitter = {
  name: 'clients',
  owns: (catalog) => catalog.providers.map((p) => p.packageDir),
  emit: emitFromSplit(clientSplit),
  split: clientSplit,
};

function emitProvider(provider: Provider): GeneratedFile[] {
  const root = provider.packageDir;
  const sources: Array<[string, string[], string[]]> = [
    ['src/provider.ts', [provider.source.file], providerFile(provider)],
    ['src/types.ts', provider.functions.map((f) => f.source.file), typesFile(provider)],
    ['src/functions.ts', provider.functions.map((f) => f.source.file), functionsFile(provider)],
    ['src/client.ts', [provider.source.file], clientFile(provider)],
    ['src/index.ts', [provider.source.file], indexFile(provider)],
  ];
  const files: GeneratedFile[] = sources.map(([path, from, statements]) => ({
    path: `${root}/${path}`,
    contents: `${generatedHeader('//', from)}\n${printStatements(statements)}`,
  }));
  files.push(
    { path: `${root}/package.json`, contents: stableJson(clientPackageJson(provider)) },
    { path: `${root}/tsconfig.json`, contents: stableJson(clientTsconfig()) },
    { path: `${root}/README.md`, contents: clientReadme(provider) },
    { path: `${root}/LICENSE`, contents: LICENSE_TEXT },
  );
  return files;
}

/** Whether a server authenticates with OAuth2 client credentials: only then does the client bundle token handling. */
const usesOAuth2 = (provider: Provider) => provider.servers.some((s) => s.auth.kind === 'oauth2_client_credentials');

function providerFile(provider: Provider): string[] {
  const oauth2 = usesOAuth2(provider);
  const { parts, imports } = providerParts(provider);
  const spec = { ...providerSpec(provider), ...(oauth2 ? { oauth2: new CodeReference('oauth2ClientCredentials') } : {}), ...(parts ? { parts } : {}) };
  const optionMembers = provider.fields
    .map((f) => `${doc(`${f.description} Defaults to the environment variable ${f.env} (for a named account: ${f.accountEnvTemplate.replace('{ACCOUNT}', '<ACCOUNT>')})${f.default ? `, then ${JSON.stringify(f.default)}` : ''}.${f.required ? '' : ' Optional: when unset, the headers that use it are not sent.'}`)}  ${f.option}?: ${f.enum ? f.enum.map(tsString).join(' | ') : 'string'};`)
    .join('\n');
  return [
    `import { Core, ${[...(oauth2 ? ['oauth2ClientCredentials'] : []), ...imports].map((name) => `${name}, `).join('')}type ClientOptions, type ProviderSpec } from '@switchboard/runtime';`,
    `/** What the runtime needs to know about ${commentSafe(oneLine(provider.name))}: servers, credentials, auth, error envelope. */\nexport const provider: ProviderSpec = ${jsLiteral(spec, '', 160)};`,
    `/** Options of the ${commentSafe(oneLine(provider.name))} client: credentials (or their environment variables) plus the runtime's options. */\nexport interface ${provider.className}Options extends ClientOptions {\n${optionMembers.replace(/^/gm, '  ').replace(/^  {2}/gm, '  ')}\n}`,
    `/** A runtime core bound to ${commentSafe(oneLine(provider.name))}, for the standalone functions (smallest bundles). */\nexport function createCore(options: ${provider.className}Options = {}): Core {\n  return new Core(provider, options);\n}`,
  ];
}

function itemsSchema(func: HttpFunc): Schema | null {
  const pagination = func.binding.pagination;
  const schema = dataSchemaOf(func.returns);
  if (!pagination || !schema) return null;
  const paths = pagination.items.kind === 'single' ? [pagination.items.path] : Object.values(pagination.items.paths);
  const found = paths.flatMap((p) => schemasAt(schema as Schema, p)).flatMap((s) => (s.items ? [s.items] : []));
  return found.length === 1 ? found[0]! : found.length > 1 ? { anyOf: found } as Schema : null;
}

/** What a call resolves to: the answer's type, a `File` for a download, `null` for no body. */
function resultType(returns: Returns, named: Map<object, string>): string {
  if (returns.kind === 'file') return 'File';
  return returns.kind === 'data' ? jsonSchemaType(returns.schema, '', named) : 'null';
}

/** Params of a function with required groups: an interface of the others, intersected with one union per group. */
function groupedParamsType(func: Func): string {
  const grouped = groupMembers(func);
  const members = writtenMembers(func.parameters.filter((p) => !grouped.has(p.name)));
  const base = `${paramsType(func)}Base`;
  const unions = groupUnions(func, (p, mode) =>
    mode === 'never' ? `${p.name}?: never;` : `${doc(p.schema.description).replace(/\n$/, ' ')}${p.name}${mode === 'optional' ? '?' : ''}: ${valueType(p.schema, '  ')};`,
  );
  return [
    `/** Arguments of \`${func.names.tsMethod}\` other than its required groups. */\nexport interface ${base} {\n${members.join('\n')}\n}`,
    `/** Arguments of \`${func.names.tsMethod}\` (${commentSafe(oneLine(func.title))}): ${func.requiredGroups.map((g) => (g.kind === 'requires' ? `${g.given} needs ${g.required.join(' and ')}` : `${g.kind === 'exactly_one' ? 'exactly one' : 'at least one'} of ${g.parameters.join(', ')}`)).join('; ')}. */\nexport type ${paramsType(func)} = ${base} & ${unions.join(' & ')};`,
  ].join('\n\n');
}

/** A function's parameter type written out member by member, for the functions whose type is not derived from their rule. */
function writtenParamsType(func: Func): string {
  if (func.requiredGroups.length > 0) return groupedParamsType(func);
  const members = writtenMembers(func.parameters);
  return `${paramsDoc(func)}\nexport interface ${paramsType(func)} ${members.length > 0 ? `{\n${members.join('\n')}\n}` : '{}'}`;
}

/** Interface members of `parameters`, each with its doc, then their old names (deprecated). */
function writtenMembers(parameters: Func['parameters']): string[] {
  const members = parameters.map((p) => {
    // A required parameter with an old name may be given under either: the runtime says which is missing.
    const optional = !p.required || p.renamedFrom.length > 0;
    return `  ${doc(parameterDoc(p)).replace(/\n$/, '\n  ')}${p.name}${optional ? '?' : ''}: ${valueType(p.schema, '  ')};`;
  });
  return [...members, ...oldParameterMembers(parameters)];
}

/** "Arguments of `getCall`", with the title where it says more than the name (`apiGet`: "Call a Retell GET Endpoint"). */
const paramsDoc = (func: Func) => `/** Arguments of \`${func.names.tsMethod}\`${restatesName(func) ? '' : ` (${commentSafe(oneLine(func.title))})`}. */`;
/** Whether a function's title is its name in words ("Get Call" for `getCall`). */
const restatesName = (func: Func) => func.title.toLowerCase().replace(/[^a-z0-9]/g, '') === func.names.tsMethod.toLowerCase();

/** Each old parameter name, typed like the new one and marked deprecated with what to use instead. */
function oldParameterMembers(parameters: Func['parameters']): string[] {
  return parameters.flatMap((p) =>
    p.renamedFrom.map((old) => `  ${doc(`@deprecated Renamed to \`${p.name}\`; \`${old.name}\` is removed in version ${old.removedIn}.`).replace(/\n$/, '\n  ')}${old.name}?: ${valueType(p.schema, '  ')};`),
  );
}

function typesFile(provider: Provider): string[] {
  const statements: string[] = [];
  for (const func of provider.functions) {
    // A derived parameter type is declared in functions.ts, next to the rule it is read from.
    if (!derivesParams(func)) statements.push(writtenParamsType(func));
    const items = isHttp(func) ? itemsSchema(func) : null;
    // The page's items print as the item type, declared once below.
    const named = new Map<object, string>(items ? [[items, itemType(func)]] : []);
    statements.push(`/** Result of \`${func.names.tsMethod}\`. */\nexport type ${responseType(func)} = ${resultType(func.returns, named)};`);
    if (items) statements.push(`/** One item of \`${func.names.tsMethod}\`'s pages. */\nexport type ${itemType(func)} = ${jsonSchemaType(items as Record<string, unknown>)};`);
  }
  // A written-out parameter type of a file says `FileInput`, the runtime's.
  const namesFiles = provider.functions.some((func) => !derivesParams(func) && func.parameters.some((p) => takesFile(p.schema)));
  return namesFiles ? [`import type { FileInput } from '@switchboard/runtime';`, ...statements] : statements;
}

function tsdoc(provider: Provider, func: Func): string {
  const lines = [func.description, ''];
  if (func.binding.kind === 'unavailable') lines.push(`Unavailable: ${func.binding.reason}`, '');
  const keyHeader = func.binding.kind === 'http' ? func.binding.idempotencyKey?.header : undefined;
  if (keyHeader) lines.push(`Write, retried safely by idempotency key: one \`${keyHeader}\` per call (pass \`{ idempotencyKey }\` to choose it), reused by that call's retries.`);
  else lines.push(`${func.operation === 'read' ? 'Read' : 'Write'}${func.idempotent ? ', idempotent' : ', not idempotent: never retried once the request may have reached the provider'}.`);
  const example = func.examples[0];
  if (example) lines.push('', '@example', '```ts', ...tsExampleCall(provider, func, example).split('\n'), '```');
  if (func.deprecated) lines.push(`@deprecated ${oneLine(func.deprecated.message)}`);
  return docBlock(lines);
}

/**
 * A standalone function's TSDoc: the description's first sentence, and where the rest is. The
 * whole description, the example and the retry class live on the client method, which is what
 * most callers hover, so the package does not carry every function's documentation twice.
 */
function standaloneDoc(provider: Provider, func: Func): string {
  const pointer = `As {@link ${provider.className}.${func.names.tsMethod}}, on a \`core\` from \`createCore()\`.`;
  // The common case fits one line; a reason or a deprecation keeps its own paragraph.
  if (func.binding.kind !== 'unavailable' && !func.deprecated) return doc(`${firstSentence(func.description)} ${pointer}`).trimEnd();
  const lines = [firstSentence(func.description), ''];
  if (func.binding.kind === 'unavailable') lines.push(`Unavailable: ${func.binding.reason}`, '');
  lines.push(pointer);
  if (func.deprecated) lines.push(`@deprecated ${oneLine(func.deprecated.message)}`);
  return docBlock(lines);
}

/** What one function contributes to `functions.ts`: the names it imports and its statements. */
interface FunctionPiece {
  runtimeValues: string[];
  runtimeTypes: string[];
  statements: string[];
}

/**
 * Every function of the provider in one module: its operation literal, its standalone function and
 * its page walkers. One module instead of one per function means one import of the runtime and one
 * of the types for the whole package, and argument rules that repeat across functions declared
 * once; bundlers drop the unused declarations of a module as they drop unused modules (every
 * declaration here is a constant literal or a function).
 */
function functionsFile(provider: Provider): string[] {
  const http = provider.functions.filter(isHttp);
  const specs = new Map(http.map((func) => [func, operationSpec(func)]));
  // `rule_1`: camel-cased function names never hold an underscore, so a hoisted rule cannot take a function's name.
  const args = (func: HttpFunc) => (derivesParams(func) ? documentedArgs(func.parameters, specs.get(func)!.args) : specs.get(func)!.args);
  const shared = hoistRepeated(Object.fromEntries(http.map((func) => [func.name, args(func)])), 'rule_');
  const sharedArgs = shared.value as Record<string, unknown>;
  const pieces = provider.functions.map((func) => (isHttp(func) ? httpPiece(provider, func, specs.get(func)!, sharedArgs[func.name]) : unavailablePiece(provider, func)));
  const unique = (names: string[]) => [...new Set(names)];
  const runtimeValues = unique(pieces.flatMap((p) => p.runtimeValues));
  const runtimeTypes = unique(['Core', 'RequestOptions', ...pieces.flatMap((p) => p.runtimeTypes)]);
  return [
    runtimeValues.length > 0
      ? `import { ${[...runtimeValues, ...runtimeTypes.map((t) => `type ${t}`)].join(', ')} } from '@switchboard/runtime';`
      : `import type { ${runtimeTypes.join(', ')} } from '@switchboard/runtime';`,
    `import type * as ${TYPES} from './types.js';`,
    // `as const`: the derived parameter types read the rules' literal types.
    ...shared.declarations.map((d) => `const ${d.name} = ${jsLiteral(d.value, '', 160)} as const;`),
    ...pieces.flatMap((p) => p.statements),
  ];
}

function unavailablePiece(provider: Provider, func: Func): FunctionPiece {
  if (func.binding.kind !== 'unavailable') throw new Error(`${func.names.qualified} is not unavailable`);
  return {
    runtimeValues: func.renamedFrom.length > 0 ? ['warnDeprecatedOnce'] : [],
    runtimeTypes: ['UnavailableOperationSpec'],
    statements: [
      `export const ${func.names.tsOperation}: UnavailableOperationSpec = ${jsLiteral({ id: func.names.qualified, unavailable: { reason: func.binding.reason, alternative: func.binding.alternative } }, '', 160)};`,
      `${standaloneDoc(provider, func)}\nexport function ${func.names.tsMethod}(core: Core, ${paramsArg(func, 'functions')}, options?: RequestOptions): Promise<${responseRef(func)}> {\n  return core.call(${func.names.tsOperation}, params, options);\n}`,
      ...oldStandaloneFunctions(provider, func),
    ],
  };
}

function httpPiece(provider: Provider, func: HttpFunc, fullSpec: ReturnType<typeof operationSpec>, args: unknown): FunctionPiece {
  const items = func.binding.pagination && itemsSchema(func) ? itemType(func) : null;
  const { args: _unshared, ...spec } = fullSpec;
  const { parts, imports: partImports } = operationParts(func);
  const derived = derivesParams(func);
  const statements = [
    ...(derived
      ? // The rule stays in the operation, `as const`, so the parameter type can be read from it and the
        // built operation is the same object as before; `satisfies` checks the literal and keeps its
        // type. The parts are given their declared type: the declaration file cannot name the
        // inferred types of the runtime's check functions.
        [
          `export const ${func.names.tsOperation} = ${jsLiteral({ ...spec, args: new AsConst(args), ...(parts ? { parts: namedParts(parts) } : {}) }, '', 160)} satisfies OperationSpec;\n${paramsDoc(func)}\nexport interface ${paramsType(func)} extends ArgsOf<typeof ${func.names.tsOperation}.args> {}`,
        ]
      : [`export const ${func.names.tsOperation}: OperationSpec = ${jsLiteral({ ...spec, args, ...(parts ? { parts } : {}) }, '', 160)};`]),
    `${standaloneDoc(provider, func)}\nexport function ${func.names.tsMethod}(core: Core, ${paramsArg(func, 'functions')}, options?: RequestOptions): Promise<${responseRef(func)}> {\n  return core.call(${func.names.tsOperation}, params, options);\n}`,
    ...oldStandaloneFunctions(provider, func),
  ];
  if (items) {
    statements.push(
      `/** Every item of every page of \`${func.names.tsMethod}\`, fetched lazily. */\nexport function ${func.names.tsMethod}Items(core: Core, ${paramsArg(func, 'functions')}, options?: RequestOptions): AsyncIterable<${TYPES}.${items}> {\n  return itemsOf(core, ${func.names.tsOperation}, params, options);\n}`,
      `/** Every page of \`${func.names.tsMethod}\`, fetched lazily. */\nexport function ${func.names.tsMethod}Pages(core: Core, ${paramsArg(func, 'functions')}, options?: RequestOptions): AsyncIterable<${responseRef(func)}> {\n  return pagesOf(core, ${func.names.tsOperation}, params, options);\n}`,
    );
  }
  return {
    runtimeValues: [...partImports, ...(items ? ['itemsOf', 'pagesOf'] : []), ...(func.renamedFrom.length > 0 ? ['warnDeprecatedOnce'] : [])],
    runtimeTypes: ['OperationSpec', ...(derived ? ['ArgsOf', ...(parts && namedParts(parts) instanceof TypedAs ? ['OperationParts'] : [])] : [])],
    statements,
  };
}

/** Parts whose values declaration files can name as they are: functions declared as such, and format rules. */
const NAMEABLE_PARTS = new Set(['path', 'pairs', 'query', 'omitted', 'formats']);
/** An operation's parts, given their declared type where a declaration file could not name the inferred one (the rule checks, the transforms). */
const namedParts = (parts: Record<string, unknown>) => (Object.keys(parts).every((key) => NAMEABLE_PARTS.has(key)) ? parts : new TypedAs(parts, 'OperationParts'));

/** What an old function name says: deprecated, what to use instead, and when it goes. */
const renamedDoc = (provider: Provider, func: Func, old: Func['renamedFrom'][number]) =>
  docBlock([`Old name of {@link ${provider.className}.${func.names.tsMethod}}, kept until version ${old.removedIn}.`, '', `@deprecated Renamed to \`${func.names.tsMethod}\` (\`${func.names.qualified}\`); \`${old.names.tsMethod}\` is removed in version ${old.removedIn}.`]);

/** The message the runtime prints once when an old function name is called. */
const renamedWarning = (func: Func, old: Func['renamedFrom'][number]) =>
  tsString(`${old.names.qualified} is deprecated and is removed in version ${old.removedIn}; use ${func.names.qualified} (${func.names.tsMethod}).`);

/** Old standalone function names: each warns once, then calls the new one. */
function oldStandaloneFunctions(provider: Provider, func: Func): string[] {
  return func.renamedFrom.map(
    (old) =>
      `${renamedDoc(provider, func, old)}\nexport function ${old.names.tsMethod}(core: Core, ${paramsArg(func, 'functions')}, options?: RequestOptions): Promise<${responseRef(func)}> {\n  warnDeprecatedOnce(${tsString(old.names.qualified)}, ${renamedWarning(func, old)});\n  return ${func.names.tsMethod}(core, params, options);\n}`,
  );
}

function pagedNames(func: Func): string[] {
  return isHttp(func) && func.binding.pagination && itemsSchema(func) ? [`${func.names.tsMethod}Items`, `${func.names.tsMethod}Pages`] : [];
}

const oldNames = (func: Func) => func.renamedFrom.map((old) => old.names.tsMethod);

/**
 * The client class: one method per function, calling the standalone function with the client's
 * core. A method's return type is the standalone function's (inferred, so it is written once).
 */
function clientFile(provider: Provider): string[] {
  const cls = provider.className;
  const methods = provider.functions.flatMap((func) => {
    const out = [`  ${tsdoc(provider, func).replace(/\n/g, '\n  ')}\n  ${func.names.tsMethod}(${paramsArg(func, 'client')}, options?: RequestOptions) {\n    return ${FUNCTIONS}.${func.names.tsMethod}(this.core, params, options);\n  }`];
    for (const renamed of func.renamedFrom) {
      out.push(`  ${renamedDoc(provider, func, renamed).replace(/\n/g, '\n  ')}\n  ${renamed.names.tsMethod}(${paramsArg(func, 'client')}, options?: RequestOptions) {\n    return ${FUNCTIONS}.${renamed.names.tsMethod}(this.core, params, options);\n  }`);
    }
    if (pagedNames(func).length) {
      out.push(
        `  /** Every item of every page of \`${func.names.tsMethod}\`: \`for await (const item of client.${func.names.tsMethod}Items({...}))\`. */\n  ${func.names.tsMethod}Items(${paramsArg(func, 'client')}, options?: RequestOptions) {\n    return ${FUNCTIONS}.${func.names.tsMethod}Items(this.core, params, options);\n  }`,
        `  /** Every page of \`${func.names.tsMethod}\`. */\n  ${func.names.tsMethod}Pages(${paramsArg(func, 'client')}, options?: RequestOptions) {\n    return ${FUNCTIONS}.${func.names.tsMethod}Pages(this.core, params, options);\n  }`,
      );
    }
    return out;
  });
  return [
    `import { Core, type RequestOptions } from '@switchboard/runtime';`,
    `import { provider, type ${cls}Options } from './provider.js';`,
    `import type * as ${TYPES} from './types.js';`,
    `import * as ${FUNCTIONS} from './functions.js';`,
    `${docBlock([`${provider.name} client. ${provider.description}`, '', `Credentials come from the options or from ${provider.fields.map((f) => f.env).join(', ')}.`, ...(provider.functions.some((f) => f.examples.length > 0) ? ['', '@example', '```ts', ...tsClientSetup(provider).split('\n'), '```'] : [])])}\nexport class ${cls} {\n  /** The runtime doing the HTTP work; shared with the standalone functions. */\n  readonly core: Core;\n\n  constructor(options: ${cls}Options = {}) {\n    this.core = new Core(provider, options);\n  }\n\n  /** A client with some options changed, e.g. another account: \`client.withOptions({ account: 'work' })\`. */\n  withOptions(options: Partial<${cls}Options>): ${cls} {\n    const derived = Object.create(${cls}.prototype) as { core: Core };\n    derived.core = this.core.withOptions(options);\n    return derived as ${cls};\n  }\n\n${methods.join('\n\n')}\n}`,
  ];
}

function indexFile(provider: Provider): string[] {
  return [
    // Also the default export, as the providers' own SDKs have it: `import Telnyx from '@switchboard/telnyx'`.
    `export { ${provider.className}, ${provider.className} as default } from './client.js';`,
    `export { provider, createCore, type ${provider.className}Options } from './provider.js';`,
    `export type * from './types.js';`,
    // The parameter types derived from the rules are declared next to them.
    ...(provider.functions.some(derivesParams) ? [`export type * from './functions.js';`] : []),
    // Named, not `export *`: a name here wins over the runtime's `export *` below.
    `export { ${provider.functions.flatMap((func) => [func.names.tsMethod, ...oldNames(func), ...pagedNames(func), func.names.tsOperation]).join(', ')} } from './functions.js';`,
    // Error classes and option types, so users need no second import to catch a RateLimitError.
    `export * from '@switchboard/runtime';`,
  ];
}
