/**
 * Runs a page's Lua or TypeScript example in the browser, offline: the real Lua host
 * (wasmoon) and the real generated clients on the real runtime, whose `fetch` is answered
 * by the generated msw handlers through msw's `getResponse`, with no service worker and no
 * network. Credentials are each field's documented fake example value.
 */
import './buffer-shim.js';
import { bindings, type ProviderBinding } from '@switchboard/bindings';
import { runLua } from '@switchboard/lua';
import { handlers } from '@switchboard/mocks';
import * as runtime from '@switchboard/runtime';
import { Core, fileAnswer } from '@switchboard/runtime';
import { getResponse } from 'msw';

export interface SandboxRun {
  ok: boolean;
  /** What the example printed, then its result as JSON. */
  output: string;
  result: unknown;
}

/** The sandbox's network: every request is answered by the documented mock handlers, or refused. */
async function sandboxFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const response = await getResponse(handlers, request);
  return response ?? new Response(JSON.stringify({ error: `the sandbox has no answer for ${request.method} ${request.url}` }), { status: 501, headers: { 'content-type': 'application/json' } });
}

/** Each field's documented example value, by client option name. */
function sandboxOptions(provider: ProviderBinding): Record<string, string> {
  return Object.fromEntries(provider.fields.map((f) => [f.option, f.example]));
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export async function runLuaExample(code: string): Promise<SandboxRun> {
  // The examples keep their call's value in `local result`; returning it shows it.
  const script = /^local result\b/m.test(code) ? `${code}\nreturn result` : code;
  const run = await runLua(script, {
    async integration({ path, args }) {
      const [namespace, ...rest] = path.split('.');
      const provider = bindings.find((p) => p.namespace === namespace);
      const name = rest[rest.length - 1];
      const fn = provider?.functions.find((f) => f.name === name || f.aliases.includes(name ?? ''));
      if (!provider || !fn) throw new Error(`Unknown function: app.integrations.${path}`);
      const core = new Core(provider.provider, { ...sandboxOptions(provider), env: {}, account: rest.length === 2 ? rest[0] : undefined, fetch: sandboxFetch });
      const answer = await core.call(fn.spec, (args[0] ?? {}) as object);
      // A download reaches the script as the CLI gives it: name, type, size and bytes in base64.
      return answer instanceof Blob ? fileAnswer(answer) : answer;
    },
  });
  const output = [run.output.trimEnd(), run.error ? `error: ${run.error.message}` : run.result === null ? '' : `result = ${json(run.result)}`].filter(Boolean).join('\n');
  return { ok: run.error === null, output, result: run.result };
}

/** Every generated client package, loaded when a TypeScript example first runs. */
const clientModules = import.meta.glob('../../../../packages/clients/*/dist/index.js');

async function clientPackage(packageName: string): Promise<Record<string, unknown>> {
  const provider = bindings.find((p) => p.packageName === packageName);
  const load = provider && Object.entries(clientModules).find(([path]) => path.includes(`/clients/${provider.id}/dist/`))?.[1];
  if (!provider || !load) throw new Error(`the sandbox has no client package ${packageName}`);
  const module = (await load()) as Record<string, unknown>;
  // The client class (the package's one class that is not the runtime's) constructs with the
  // sandbox's credentials and network.
  return Object.fromEntries(
    Object.entries(module).map(([name, value]) => {
      if (typeof value !== 'function' || name in runtime || !/^[A-Z]/.test(name)) return [name, value];
      const Client = value as new (options?: object) => object;
      const Sandboxed = class extends Client {
        constructor(options: object = {}) {
          super({ ...sandboxOptions(provider), env: {}, ...options, fetch: sandboxFetch });
        }
      };
      return [name, Sandboxed];
    }),
  );
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;

export async function runTypeScriptExample(code: string): Promise<SandboxRun> {
  // The examples are JavaScript apart from their imports: each import line becomes a lookup in the sandboxed package.
  const imports: Array<{ names: string; from: string }> = [];
  const body = code.replace(/^import \{([^}]+)\} from '([^']+)';$/gm, (_line, names: string, from: string) => {
    imports.push({ names, from });
    return '';
  });
  const packages = await Promise.all(imports.map((i) => clientPackage(i.from)));
  const bindingsCode = imports.map((i, index) => `const {${i.names.replace(/\bas\b/g, ':')}} = __packages[${index}];`).join('\n');
  const printed: string[] = [];
  const console = { log: (...values: unknown[]) => printed.push(values.map((v) => (typeof v === 'string' ? v : json(v))).join(' ')) };
  try {
    const run = new AsyncFunction('__packages', 'console', `${bindingsCode}\n${body}\nreturn typeof result === 'undefined' ? undefined : result;`);
    const returned = await run(packages, console);
    // A downloaded File shows as what it holds, not as `{}`.
    const result = returned instanceof Blob ? await fileAnswer(returned) : returned;
    return { ok: true, output: [...printed, ...(result === undefined ? [] : [`result = ${json(result)}`])].join('\n'), result };
  } catch (error) {
    return { ok: false, output: [...printed, `error: ${error instanceof Error ? error.message : String(error)}`].join('\n'), result: null };
  }
}
