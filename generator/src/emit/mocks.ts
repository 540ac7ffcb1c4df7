import { LICENSE_TEXT, publishedPackageFields } from './package-meta.js';
import type { ExampleResponse, Func, Provider } from '../model.js';
import { jsLiteral } from './render/js-literal.js';
import { emitFromSplit, generatedHeader, stableJson, type Emitter, type GeneratedFile, type ProviderSplit, type SummaryList } from './emitter.js';
import { docLine } from './escape/jsdoc.js';
import { tsString } from './escape/ts.js';
import { serverTemplates } from './server-text.js';
import { fileData, requestData } from '../shared/documented-files.js';

const ROOT = 'packages/mocks';

/**
 * Method and URL template (server + path, placeholders kept) of the endpoint an
 * example calls, and whether it ends in a relative-path parameter (a generic
 * helper's route, which the mocks try after every specific one).
 */
function routeOf(func: Func, args: Record<string, unknown>, provider: Provider): { method: string; urls: string[]; anyPath: boolean } | null {
  if (func.binding.kind !== 'http') return null;
  const binding = func.binding;
  const endpoint =
    binding.endpoint.kind === 'fixed'
      ? binding.endpoint.endpoint
      : binding.endpoint.cases.find((c) => c.value === String(args[(binding.endpoint as { parameter: string }).parameter]))?.endpoint;
  if (!endpoint) return null;
  const last = /\{([^}]+)\}$/.exec(endpoint.path)?.[1];
  const anyPath = func.parameters.some((p) => (p.name === last || p.wireName === last) && p.location === 'path' && p.pathStyle === 'relative_path');
  // A server whose URL an account chooses answers at every choice.
  return { method: endpoint.method, urls: serverTemplates(binding.server.url, provider.fields).map((url) => `${url}${endpoint.path}`), anyPath };
}

/** The provider's OAuth2 token endpoints (one per distinct URL), with the token the examples document. */
function tokenEndpoints(provider: Provider): Array<{ url: string; accessToken: string }> {
  const byUrl = new Map<string, string>();
  for (const { auth } of provider.servers) {
    if (auth.kind !== 'oauth2_client_credentials') continue;
    const server = provider.servers.find((s) => s.name === auth.tokenServer);
    // A token server whose URL an account chooses answers at every choice.
    for (const url of server ? serverTemplates(server.url, provider.fields) : []) byUrl.set(`${url}${auth.tokenPath}`, auth.exampleToken);
  }
  return [...byUrl].map(([url, accessToken]) => ({ url, accessToken }));
}

/** A documented answer as the mocks serve it: the body, or a file's name, type and bytes in @switchboard/testing's words. */
function answerData(response: ExampleResponse) {
  const { status, headers, file } = response;
  if (!file) return response;
  return { status, headers, body: null, file: fileData(file) };
}

/** Every documented request and response of a provider, as data. */
export function providerExamples(provider: Provider) {
  return {
    provider: provider.id,
    servers: [...new Set(provider.servers.flatMap((s) => serverTemplates(s.url, provider.fields)))],
    tokenEndpoints: tokenEndpoints(provider),
    examples: provider.functions.flatMap((func) =>
      func.examples.map((example) => ({
        function: func.names.qualified,
        title: example.title,
        arguments: example.arguments,
        route: routeOf(func, example.arguments, provider),
        request: requestData(example.request),
        response: answerData(example.response),
      })),
    ),
    error: provider.errors.example,
  };
}

function mockModule(provider: Provider): GeneratedFile[] {
  return [
    {
      path: `${ROOT}/src/${provider.id}.ts`,
      contents: `${generatedHeader('//', [provider.source.file])}
import type { HttpHandler } from 'msw';
import { handlersFor, type ProviderExamples } from '@switchboard/testing';

${docLine(`Every documented request of ${provider.name} with its documented response.`)}export const ${provider.mockExports.examples}: ProviderExamples = ${jsLiteral(providerExamples(provider), '', 120)};

${docLine(`msw handlers answering each documented ${provider.name} request; anything else gets ${provider.name}'s error envelope.`)}export const ${provider.mockExports.handlers}: HttpHandler[] = handlersFor(${provider.mockExports.examples});
`,
    },
  ];
}

/** What the package's index and manifest need about one provider. */
interface MocksSummary {
  id: string;
  examples: string;
  handlers: string;
  source: string;
}

const mocksSummary = (p: Provider): MocksSummary => ({ id: p.id, examples: p.mockExports.examples, handlers: p.mockExports.handlers, source: p.source.file });

function mocksIndex(summaries: SummaryList<MocksSummary>): GeneratedFile[] {
  const providers = [...summaries];
  const index = `${generatedHeader('//', providers.map((p) => p.source))}
import type { HttpHandler } from 'msw';
import type { ProviderExamples } from '@switchboard/testing';
${providers.map((p) => `import { ${p.examples}, ${p.handlers} } from './${p.id}.js';`).join('\n')}

export { ${providers.flatMap((p) => [p.examples, p.handlers]).join(', ')} };

/** Every provider's documented examples, by provider id: tests that cover "every provider" start here. */
export const examplesByProvider: Record<string, ProviderExamples> = {
${providers.map((p) => `  ${tsString(p.id)}: ${p.examples},`).join('\n')}
};

/** Handlers for every provider, by provider id. */
export const handlersByProvider: Record<string, HttpHandler[]> = {
${providers.map((p) => `  ${tsString(p.id)}: ${p.handlers},`).join('\n')}
};

/** Handlers for every provider at once. */
export const handlers: HttpHandler[] = Object.values(handlersByProvider).flat();
`;
  return [
    { path: `${ROOT}/src/index.ts`, contents: index },
    {
      path: `${ROOT}/package.json`,
      contents: stableJson({
        name: '@switchboard/mocks',
        version: '0.1.0',
        description: 'msw handlers answering every documented request of every Switchboard provider (generated).',
        ...publishedPackageFields(ROOT, ['switchboard', 'msw', 'mocks', 'contract-tests']),
        type: 'module',
        sideEffects: false,
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          ...Object.fromEntries(providers.map((p) => [`./${p.id}`, { types: `./dist/${p.id}.d.ts`, default: `./dist/${p.id}.js` }])),
        },
        main: './dist/index.js',
        types: './dist/index.d.ts',
        // Resolvers without `exports` support (TypeScript's node10) find each provider's types here.
        typesVersions: { '*': Object.fromEntries(providers.map((p) => [p.id, [`./dist/${p.id}.d.ts`]])) },
        files: ['dist', 'LICENSE'],
        engines: { node: '>=20' },
        scripts: { build: 'tsc -p tsconfig.json' },
        dependencies: { '@switchboard/testing': '0.1.0' },
        peerDependencies: { msw: '^2.7.0' },
      }),
    },
    {
      path: `${ROOT}/tsconfig.json`,
      contents: stableJson({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist', lib: ['ES2023', 'DOM'] }, include: ['src'] }),
    },
    { path: `${ROOT}/LICENSE`, contents: LICENSE_TEXT },
  ];
}

const mocksSplit: ProviderSplit<MocksSummary> = { provider: mockModule, summary: mocksSummary, index: mocksIndex };

/** `@switchboard/mocks`: msw handlers per provider answering the documented requests. */
export const mocksEmitter: Emitter = {
  name: 'mocks',
  owns: () => [ROOT],
  emit: emitFromSplit(mocksSplit),
  split: mocksSplit,
};
