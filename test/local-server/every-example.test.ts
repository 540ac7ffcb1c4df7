import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { bindings, type ProviderBinding } from '@switchboard/bindings';
import * as mocks from '@switchboard/mocks';
import { requestDifferences, type ProviderExamples } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, readCatalog, REPO } from '../support.js';
import { LocalProviderServer, type ServedExample } from './local-server.js';
import { accountEnv, exampleOptions, luaLongString, mapBounded, runCli } from './surfaces.js';

/**
 * Every documented example of every provider, called through the TS client, the CLI, a Lua
 * script and the MCP gateway against a loopback server reached by base-URL overrides. The
 * providers, functions and examples all come from generated data; none is named here.
 */

const catalog = readCatalog();
const examplesByProvider = new Map(
  Object.values(mocks)
    .filter((value): value is ProviderExamples => typeof value === 'object' && value !== null && 'examples' in value && 'servers' in value)
    .map((data) => [data.provider, data]),
);
const catalogFunction = (qualified: string) => catalog.providers.flatMap((p) => p.functions).find((f) => f.names.qualified === qualified);

/** Statuses the runtime retries, so a caller without a retry setting (CLI, Lua, MCP) may send them more than once. */
const retried = (status: number) => status === 408 || status === 429 || status >= 500;

/** What one call gave back, as each surface reports it. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: string; status?: number; body?: unknown };

/** JS null becomes Lua nil, so a key holding null is absent after a trip through Lua. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  return value;
}
const asJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * What went wrong with one example's call: the requests `tag` sent (exactly the documented one,
 * once) and the outcome (the documented body, or a failure for a documented error).
 */
function problemsOf(local: LocalProviderServer, example: ServedExample, tag: string, outcome: Outcome, options: { expected?: (body: unknown) => unknown; sentFrom?: number; maySendAgain?: boolean } = {}): string[] {
  const problems: string[] = [];
  const sent = local.requestsOf(tag).slice(options.sentFrom ?? 0);
  const expected = local.expectedRequest(example, tag);
  const status = example.response.status;
  if (sent.length === 0) problems.push('no request reached the server');
  if (sent.length > 1 && !(options.maySendAgain && retried(status))) problems.push(`${sent.length} requests reached the server, documented one`);
  for (const s of sent) {
    const differences = requestDifferences(s.request, expected);
    if (differences.length > 0) problems.push(...differences);
    else if (s.answeredWith !== example.index) problems.push(`answered with example ${s.answeredWith}, not ${example.index}`);
  }
  const body = (options.expected ?? asJson)(example.response.body ?? null);
  if (status < 400) {
    if (!outcome.ok) problems.push(`failed: ${outcome.error}`);
    else if (!isDeepStrictEqual(asJson(outcome.value), body)) problems.push(`result ${JSON.stringify(outcome.value)}, documented ${JSON.stringify(body)}`);
  } else if (outcome.ok) problems.push(`succeeded with ${JSON.stringify(outcome.value)}, documented status ${status}`);
  else {
    if (outcome.status !== undefined && outcome.status !== status) problems.push(`failed with status ${outcome.status}, documented ${status}`);
    if ('body' in outcome && outcome.body !== undefined && !isDeepStrictEqual(asJson(outcome.body), body)) problems.push(`error body ${JSON.stringify(outcome.body)}, documented ${JSON.stringify(body)}`);
  }
  return problems.map((p) => `${example.function} (${example.title}) via ${tag}: ${p}`);
}

const timings: Array<{ provider: string; surface: string; examples: number; ms: number }> = [];
async function timed<T>(provider: string, surface: string, examples: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push({ provider, surface, examples, ms: Math.round(performance.now() - started) });
  }
}
afterAll(() => {
  const total = timings.reduce((n, t) => n + t.ms, 0);
  console.log(`local-server timings (ms):\n${timings.map((t) => `  ${t.provider} ${t.surface}: ${t.examples} example(s) in ${t.ms}`).join('\n')}\n  total ${total}`);
});

/** The next-page link a documented page gives: a body path, or the `Link` header's rel="next". */
function documentedNextLink(next: { from: 'body'; path: string } | { from: 'link_header' }, response: { headers: Record<string, string>; body: unknown }): string | null {
  if (next.from === 'link_header') {
    const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'link')?.[1] ?? '';
    return /<([^>]*)>[^,]*;\s*rel="?[^",]*\bnext\b/i.exec(header)?.[1] ?? null;
  }
  const value = next.path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), response.body);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/** The generated client class of a provider: the package export whose prototype has the provider's methods. */
async function clientClass(provider: ProviderBinding): Promise<new (options: object) => Record<string, (args: object, options?: object) => Promise<unknown>>> {
  const exported = (await import(provider.packageName)) as Record<string, unknown>;
  const method = catalogFunction(provider.functions[0]!.qualified)!.names.typescript;
  const found = Object.values(exported).find((value) => typeof value === 'function' && typeof (value.prototype as Record<string, unknown> | undefined)?.[method] === 'function');
  if (!found) throw new Error(`${provider.packageName} exports no client class with a ${method} method`);
  return found as never;
}

const home = mkdtempSync(join(tmpdir(), 'switchboard-local-server-'));
const CLI_ENV = { SWITCHBOARD_HOME: home, SWITCHBOARD_SANDBOX: '' };
/** CLI processes at once: the machine is shared, and each is a whole Node start. */
const PARALLEL = 3;

describe('the catalog is complete for this test', () => {
  it('every catalog provider has bindings and documented examples, and every example belongs to one of its functions', () => {
    expect(catalog.providers.length).toBeGreaterThan(0);
    expect(bindings.map((p) => p.id).sort()).toEqual(catalog.providers.map((p) => p.id).sort());
    expect([...examplesByProvider.keys()].sort()).toEqual(catalog.providers.map((p) => p.id).sort());
    for (const [id, data] of examplesByProvider) {
      const names = new Set(bindings.find((p) => p.id === id)!.functions.map((f) => f.qualified));
      for (const example of data.examples) expect(names.has(example.function), `${example.function}`).toBe(true);
    }
  });
});

describe.each(bindings.map((provider) => [provider.id, provider] as const))('%s against a local server', (id, provider) => {
  const data = examplesByProvider.get(id)!;
  const local = new LocalProviderServer(provider, data);
  const examples = local.examples;
  const unavailable = provider.functions.filter((fn) => !fn.available);
  beforeAll(() => local.start());
  afterAll(() => local.close());

  it('every available function has a documented example, and unavailable ones have none', () => {
    for (const fn of provider.functions) {
      const count = examples.filter((e) => e.function === fn.qualified).length;
      if (fn.available) expect(count, `${fn.qualified} has no example`).toBeGreaterThan(0);
      else expect(count, `${fn.qualified} is unavailable but documents examples`).toBe(0);
    }
  });

  it('TS client (baseURL per server): every example sends its documented request and returns its documented body', async () => {
    const Client = await clientClass(provider);
    const problems = await timed(id, 'ts', examples.length, async () => {
      const found: string[] = [];
      for (const example of examples) {
        const tag = `ts-e${example.index}`;
        const client = new Client({ ...exampleOptions(provider), env: {}, baseURL: local.baseUrls(tag), maxRetries: 0 });
        const method = catalogFunction(example.function)!.names.typescript;
        const outcome: Outcome = await client[method]!(example.arguments).then(
          (value) => ({ ok: true as const, value }),
          (error: { message: string; status?: number; body?: unknown }) => ({ ok: false as const, error: error.message, status: error.status, body: error.body }),
        );
        found.push(...problemsOf(local, example, tag, outcome));
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  // Examples of next_link functions whose documented page names a next page: the walk must follow
  // that link to where the first page came from, as the provider meant it (relative to its own URLs).
  const walks = examples.flatMap((example) => {
    const fn = provider.functions.find((f) => f.qualified === example.function)!;
    const paging = 'pagination' in fn.spec ? fn.spec.pagination : null;
    if (example.response.status >= 400 || paging?.strategy !== 'next_link') return [];
    const link = documentedNextLink(paging.next, example.response);
    return link === null ? [] : [{ example, link, itemsPath: typeof paging.items === 'string' ? paging.items : Object.values(paging.items)[0]! }];
  });
  it.runIf(walks.length > 0)('TS client: a page walk follows each documented next link to the local server (runs where an example documents one)', async () => {
    const Client = await clientClass(provider);
    for (const { example, link, itemsPath } of walks) {
      const tag = `walk-e${example.index}`;
      const lastPage = structuredClone(example.response.body) as Record<string, unknown>;
      setPath(lastPage, itemsPath, []);
      local.answerFollowUps(tag, lastPage);
      const client = new Client({ ...exampleOptions(provider), env: {}, baseURL: local.baseUrls(tag), maxRetries: 0 });
      const pages: unknown[] = [];
      const walk = client[`${catalogFunction(example.function)!.names.typescript}Pages`]!(example.arguments) as unknown as AsyncIterable<unknown>;
      for await (const page of walk) pages.push(page);
      expect(pages, example.title).toEqual([example.response.body]);
      const sent = local.requestsOf(tag);
      expect(sent).toHaveLength(2);
      expect(requestDifferences(sent[0]!.request, local.expectedRequest(example, tag))).toEqual([]);
      const wanted = new URL(local.moved(new URL(link, example.request.url).href, example, tag));
      const followed = new URL(sent[1]!.request.url);
      expect(followed.origin + followed.pathname, example.title).toBe(wanted.origin + wanted.pathname);
      // The link's query wins; keys it leaves out may be kept from the first request.
      for (const [key, value] of wanted.searchParams) expect(followed.searchParams.getAll(key), `${example.title}: ${key}`).toEqual([value]);
    }
  });

  it('TS client: unavailable functions fail with their reason before any request', async () => {
    const Client = await clientClass(provider);
    const client = new Client({ ...exampleOptions(provider), env: {}, baseURL: local.baseUrls('ts-unavailable'), maxRetries: 0 });
    for (const fn of unavailable) {
      const { names, unavailable_reason } = catalogFunction(fn.qualified)!;
      const failure = (await client[names.typescript]!({}).catch((error: unknown) => error)) as { reason?: string };
      expect(failure, fn.qualified).toBeInstanceOf(Error);
      expect(failure.reason).toBe(unavailable_reason);
    }
    expect(local.requestsOf('ts-unavailable')).toEqual([]);
  });

  it('CLI (`call`, base URL and credentials from the environment): every example, one process each', async () => {
    const problems = await timed(id, 'cli', examples.length, async () => {
      const found = await mapBounded(examples, PARALLEL, async (example) => {
        const tag = `cli-e${example.index}`;
        const fn = provider.functions.find((f) => f.qualified === example.function)!;
        const args = ['call', example.function, JSON.stringify(example.arguments), '--json', ...(fn.operation === 'write' ? ['--force'] : [])];
        const run = await runCli(args, { ...CLI_ENV, ...accountEnv(provider, 'default', local, tag) });
        let envelope: { success?: boolean; data?: unknown; error?: string | null } = {};
        try {
          envelope = JSON.parse(run.stdout) as typeof envelope;
        } catch {
          return [`${example.function} (${example.title}) via ${tag}: exit ${run.status}, stdout ${run.stdout} stderr ${run.stderr}`];
        }
        const outcome: Outcome = envelope.success === true && run.status === 0 ? { ok: true, value: envelope.data } : { ok: false, error: `exit ${run.status}: ${envelope.error}` };
        return problemsOf(local, example, tag, outcome, { maySendAgain: true });
      });
      return found.flat();
    });
    expect(problems).toEqual([]);
    // A generous bound: a loaded machine slows process starts, and this is not a speed check.
  }, 300_000);

  it('CLI: unavailable functions fail with their reason', async () => {
    for (const fn of unavailable) {
      const run = await runCli(['call', fn.qualified, '{}', '--json'], { ...CLI_ENV, ...accountEnv(provider, 'default', local, 'cli-unavailable') });
      expect(run.status, fn.qualified).toBe(1);
      expect((JSON.parse(run.stdout) as { error: string }).error).toContain(catalogFunction(fn.qualified)!.unavailable_reason!);
    }
    expect(local.requestsOf('cli-unavailable')).toEqual([]);
  });

  it('Lua (`switchboard lua`, one script, one account per example): every example', async () => {
    const cases = examples.map((example) => ({ account: `ex${example.index}`, fn: provider.functions.find((f) => f.qualified === example.function)!.name, args: example.arguments }));
    const unavailableCases = unavailable.map((fn) => ({ account: 'unavailable', fn: fn.name, args: {} }));
    const env = Object.assign({ ...CLI_ENV }, ...examples.map((e) => accountEnv(provider, `ex${e.index}`, local, `lua-e${e.index}`)), accountEnv(provider, 'unavailable', local, 'lua-unavailable')) as Record<string, string>;
    const script = `
      local ns = app.integrations[ ${luaLongString(provider.namespace)} ]
      local results = {}
      for i, c in ipairs(json.decode( ${luaLongString(JSON.stringify([...cases, ...unavailableCases]))} )) do
        local ok, value = pcall(ns[c.account][c.fn], c.args)
        if ok then results[i] = { ok = true, value = value } else results[i] = { ok = false, error = tostring(value) } end
      end
      return results`;
    const run = await timed(id, 'lua', examples.length, () => runCli(['lua', '--json', '--force', '-e', script], env));
    const report = JSON.parse(run.stdout) as { success: boolean; error: string | null; result: Array<{ ok: boolean; value?: unknown; error?: string }> };
    expect(report.error).toBeNull();
    const problems = examples.flatMap((example, i) => {
      const r = report.result[i]!;
      const outcome: Outcome = r.ok ? { ok: true, value: r.value ?? null } : { ok: false, error: r.error ?? '' };
      return problemsOf(local, example, `lua-e${example.index}`, outcome, { expected: (body) => withoutNulls(asJson(body)), maySendAgain: true });
    });
    expect(problems).toEqual([]);
    unavailable.forEach((fn, i) => {
      const r = report.result[examples.length + i]!;
      expect(r.ok, fn.qualified).toBe(false);
      expect(r.error).toContain(catalogFunction(fn.qualified)!.unavailable_reason!);
    });
    expect(local.requestsOf('lua-unavailable')).toEqual([]);
  }, 120_000);

  it('MCP (official SDK client over stdio to `mcp serve --write allow`, base URL from the environment): every example', async () => {
    const client = new Client({ name: 'switchboard-local-server-test', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', 'serve', '--integration', id, '--write', 'allow'],
      env: { ...(process.env as Record<string, string>), ...CLI_ENV, ...accountEnv(provider, 'default', local, 'mcp') },
      cwd: REPO,
      stderr: 'pipe',
    });
    await client.connect(transport);
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      for (const fn of provider.functions) expect(tools.includes(fn.mcpTool), `${fn.mcpTool} listed`).toBe(fn.available);
      const problems = await timed(id, 'mcp', examples.length, async () => {
        const found: string[] = [];
        for (const example of examples) {
          const fn = provider.functions.find((f) => f.qualified === example.function)!;
          const sentFrom = local.requestsOf('mcp').length;
          const result = await client.callTool({ name: fn.mcpTool, arguments: example.arguments });
          const text = (result.content as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join('');
          const outcome: Outcome = result.isError ? { ok: false, error: text } : { ok: true, value: result.structuredContent };
          // The gateway gives objects as they are and anything else as `{ value }`.
          const shape = (body: unknown) => asJson(body !== null && typeof body === 'object' && !Array.isArray(body) ? body : { value: body });
          found.push(...problemsOf(local, example, 'mcp', outcome, { expected: shape, sentFrom, maySendAgain: true }));
        }
        return found;
      });
      expect(problems).toEqual([]);
      for (const fn of unavailable) expect((await client.callTool({ name: fn.mcpTool, arguments: {} })).isError, fn.mcpTool).toBe(true);
    } finally {
      await client.close();
    }
  }, 120_000);
});
