import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { serverNameOf, type OperationSpec, type ProviderSpec } from '@switchboard/runtime';
import { REPO } from '../support.js';

/**
 * A program that calls one standalone function bundles only the runtime code that function and its
 * provider use. Each generated client's every single-page function is bundled for the browser as a
 * program would be (`createCore` and the function), and the runtime modules of features the
 * provider or the operation does not use must contribute no bytes (esbuild's metafile), so that a
 * change which makes `Core` reach a part directly fails here instead of silently growing bundles.
 */

const RUNTIME_DIST = join(REPO, 'packages/runtime/dist');
const clients = readdirSync(join(REPO, 'packages/clients')).sort();

const AUTH_MODULES = { bearer: 'auth-bearer', basic: 'auth-basic', api_key: 'auth-api-key', oauth2_client_credentials: 'auth-oauth2' } as const;

/** Runtime modules, each with whether a program calling `op` of `provider` may bundle it. */
function allowedModules(provider: ProviderSpec, op: OperationSpec): Record<string, boolean> {
  const kinds = new Set(Object.values(provider.servers).map((s) => s.auth.kind));
  const parts = op.parts ?? {};
  return {
    'auth-bearer': kinds.has('bearer'),
    // The OAuth2 client's Basic credentials are redacted as a Basic token too.
    'auth-basic': kinds.has('basic') || kinds.has('oauth2_client_credentials'),
    'auth-api-key': kinds.has('api_key'),
    'auth-oauth2': kinds.has('oauth2_client_credentials'),
    'account-parts': provider.headers !== undefined || Object.values(provider.servers).some((s) => typeof s.url !== 'string'),
    'rate-limit': provider.rateLimit !== undefined,
    'failure-in-body': provider.failureInBody !== undefined,
    'error-details': provider.errorDetails !== undefined,
    'oauth2-session': provider.oauth2 !== undefined,
    'oauth2-token': provider.oauth2 !== undefined,
    // A single-page function walks no pages; a list function's walk brings its own strategy only.
    pages: op.pagination != null,
    pagination: op.pagination != null,
    'next-link': op.pagination?.strategy === 'next_link',
    'paging-page': op.pagination?.strategy === 'page',
    'paging-offset': op.pagination?.strategy === 'offset',
    'paging-cursor': op.pagination?.strategy === 'cursor',
    'paging-next-link': op.pagination?.strategy === 'next_link',
    deprecation: parts.rename !== undefined,
    'required-groups': parts.groups !== undefined,
    'idempotency-key': parts.keyHeader !== undefined,
    endpoint: parts.endpoint !== undefined,
    'form-body': parts.form !== undefined,
    'form-fields': parts.form !== undefined || parts.multipart !== undefined,
    'multipart-body': parts.multipart !== undefined,
    'binary-body': parts.binary !== undefined,
    'file-value': parts.multipart !== undefined || parts.binary !== undefined,
    // Only downloads read an answer as a File; turning one into JSON is the CLI's and the sandbox's, never a client's.
    download: parts.download !== undefined,
    'file-answer': false,
    'body-nesting': parts.nesting !== undefined,
    path: parts.path !== undefined,
    'path-relative': op.params.some((p) => p.in === 'path' && p.pathStyle === 'relative_path'),
    // `allParts` would bring every part; the browser build never takes the Node transport.
    'all-parts': false,
    'default-transport-node': false,
    'transport-node': false,
  };
}

/** Bytes each runtime module contributes to the minified browser bundle of `source`. */
async function runtimeBytes(source: string, resolveDir: string): Promise<Map<string, number>> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js', sourcefile: 'program.mjs' },
    bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser',
    write: false, metafile: true, logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  const bytes = new Map<string, number>();
  for (const [path, input] of Object.entries(output!.inputs)) {
    const module = /runtime\/dist\/([^/]+)\.js$/.exec(path)?.[1];
    if (module !== undefined) bytes.set(module, input.bytesInOutput);
  }
  return bytes;
}

describe('a one-function program bundles only what the function uses', () => {
  it('every module the expectations name exists, so a rename cannot make them pass unread', async () => {
    const telnyx = (await import(join(REPO, 'packages/clients/telnyx/dist/index.js'))) as { provider: ProviderSpec; sendSmsOperation: OperationSpec };
    for (const module of Object.keys(allowedModules(telnyx.provider, telnyx.sendSmsOperation))) {
      expect(existsSync(join(RUNTIME_DIST, `${module}.js`)), module).toBe(true);
    }
  });

  it.each(clients)('%s: no runtime code of features its provider or the function does not use', async (client) => {
    const dir = join(REPO, 'packages/clients', client);
    const exports = (await import(join(dir, 'dist/index.js'))) as Record<string, unknown> & { provider: ProviderSpec };
    const functions = Object.entries(exports).flatMap(([name, value]) => {
      const op = value as OperationSpec;
      if (!name.endsWith('Operation') || 'unavailable' in op || op.pagination) return [];
      return [{ name: name.slice(0, -'Operation'.length), op }];
    });
    expect(functions.length).toBeGreaterThan(0);
    for (const { name, op } of functions) {
      const bytes = await runtimeBytes(`import { createCore, ${name} } from './dist/index.js';\nconsole.log(await ${name}(createCore(), {}));`, dir);
      // The function's own call path is there: the measurement reads the runtime's modules.
      expect(bytes.get('core'), `${client} ${name}: core`).toBeGreaterThan(0);
      const bundled = Object.entries(allowedModules(exports.provider, op)).filter(([module, allowed]) => !allowed && (bytes.get(module) ?? 0) > 0);
      expect(bundled.map(([module]) => module), `${client} ${name}`).toEqual([]);
      // And the code of its own server's auth kind is.
      const kind = exports.provider.servers[serverNameOf(op)]!.auth.kind;
      if (kind !== 'none') expect(bytes.get(AUTH_MODULES[kind]), `${client} ${name}: its ${kind} auth`).toBeGreaterThan(0);
    }
  });
});

describe('a program walking one list function bundles only its pagination strategy', () => {
  const STRATEGY_MODULES = { page: 'paging-page', offset: 'paging-offset', cursor: 'paging-cursor', next_link: 'paging-next-link' } as const;

  it.each(clients)('%s', async (client) => {
    const dir = join(REPO, 'packages/clients', client);
    const exports = (await import(join(dir, 'dist/index.js'))) as Record<string, unknown> & { provider: ProviderSpec };
    const walkers = Object.entries(exports).flatMap(([name, value]) => {
      const op = value as OperationSpec;
      const walker = `${name.slice(0, -'Operation'.length)}Items`;
      return name.endsWith('Operation') && op.pagination && typeof exports[walker] === 'function' ? [{ walker, op }] : [];
    });
    for (const { walker, op } of walkers) {
      const bytes = await runtimeBytes(`import { createCore, ${walker} } from './dist/index.js';\nfor await (const item of ${walker}(createCore(), {})) console.log(item);`, dir);
      const strategy = op.pagination!.strategy;
      // Its own strategy's code is there (a walk without it would be refused), and no other module it does not use.
      expect(bytes.get(STRATEGY_MODULES[strategy]), `${client} ${walker}: its ${strategy} strategy`).toBeGreaterThan(0);
      const bundled = Object.entries(allowedModules(exports.provider, op)).filter(([module, allowed]) => !allowed && (bytes.get(module) ?? 0) > 0);
      expect(bundled.map(([module]) => module), `${client} ${walker}`).toEqual([]);
    }
  });
});

describe('error names in a minified bundle', () => {
  it("are the classes' names, not the minifier's (error.name and String(error) read them)", async () => {
    const dir = join(REPO, 'packages/clients/telnyx');
    const program = `import { createCore, sendSms, getCall } from './dist/index.js';
globalThis.fetch = async () => new Response('{"errors":[{"detail":"not found"}]}', { status: 404 });
const core = createCore({ apiKey: 'KEY_minified', maxRetries: 0 });
const names = [];
for (const call of [() => sendSms(core, { to: '+15555550100', text: 'hi' }), () => sendSms(core, {}), () => getCall(core, { call_control_id: 'c1' })]) {
  try { await call(); } catch (error) { names.push(error.name); }
}
export default names;`;
    const result = await build({
      stdin: { contents: program, resolveDir: dir, loader: 'js', sourcefile: 'program.mjs' },
      bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser', write: false, logLevel: 'silent',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'switchboard-minified-')), 'program.mjs');
    writeFileSync(file, result.outputFiles[0]!.contents);
    const { default: names } = (await import(file)) as { default: string[] };
    expect(names).toEqual(['NotFoundError', 'ValidationError', 'NotFoundError']);
  });
});
