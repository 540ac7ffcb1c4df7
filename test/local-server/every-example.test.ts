import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { bindings, type ProviderBinding } from '@switchboard/bindings';
import * as mocks from '@switchboard/mocks';
import type { ProviderExamples } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, readCatalog, REPO, runCli } from '../support.js';
import { asJson, clientClass, nextLinkWalks, problemsOf, setPath, tsExampleProblems, tsWalkProblems, withoutNulls, type Outcome } from './checks.js';
import { LocalProviderServer } from './local-server.js';
import { accountEnv, exampleOptions, luaLongString, mapBounded } from './surfaces.js';

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
const tsName = (qualified: string) => catalogFunction(qualified)!.names.typescript;
const clientClassOf = async (provider: ProviderBinding) => clientClass((await import(provider.packageName)) as Record<string, unknown>, tsName(provider.functions[0]!.qualified));

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
    const Client = await clientClassOf(provider);
    const problems = await timed(id, 'ts', examples.length, () => tsExampleProblems(Client, local, exampleOptions(provider), tsName));
    expect(problems).toEqual([]);
  });

  const walks = nextLinkWalks(local);
  it.runIf(walks.length > 0)('TS client: a page walk follows each documented next link to the local server (runs where an example documents one)', async () => {
    expect(await tsWalkProblems(await clientClassOf(provider), local, exampleOptions(provider), walks, tsName)).toEqual([]);
  });

  it.runIf(walks.length > 0)('CLI `call --all`, Lua `{ all_pages = true }` and MCP `all_pages`: a walk follows each documented next link and answers with every item', async () => {
    const problems: string[] = [];
    for (const { example, link, itemsPath } of walks) {
      const firstItems = itemsPath === '.' || itemsPath === '' ? example.response.body : itemsPath.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], example.response.body);
      const lastPage = itemsPath === '.' || itemsPath === '' ? [] : (structuredClone(example.response.body) as Record<string, unknown>);
      if (!Array.isArray(lastPage)) setPath(lastPage, itemsPath, []);
      const fn = provider.functions.find((f) => f.qualified === example.function)!;
      const surfaces: Array<[string, string[]]> = [
        ['cli', ['call', example.function, JSON.stringify(example.arguments), '--all', '--json']],
        ['lua', ['lua', '--json', '-e', `return ${fn.luaPath}(json.decode(${luaLongString(JSON.stringify(example.arguments))}), { all_pages = true })`]],
      ];
      for (const [surface, args] of [...surfaces, ['mcp', []] as [string, string[]]]) {
        const tag = `${surface}-walk-e${example.index}`;
        local.answerFollowUps(tag, lastPage);
        const env = { ...CLI_ENV, ...accountEnv(provider, 'default', local, tag) };
        const say = (problem: string) => problems.push(`${example.function} (${example.title}) ${surface} walk: ${problem}`);
        let envelope: { success?: boolean; data?: unknown; error?: unknown } = {};
        if (surface === 'mcp') {
          // The official SDK client, calling the function's own tool with all_pages.
          const client = new Client({ name: 'switchboard-walk-test', version: '1.0.0' });
          await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', '--integration', id], env: { ...(process.env as Record<string, string>), ...env }, cwd: REPO, stderr: 'pipe' }));
          try {
            const result = await client.callTool({ name: fn.mcpTool, arguments: { ...example.arguments, all_pages: true } });
            const content = result.structuredContent as { value?: unknown } | undefined;
            envelope = result.isError ? { success: false, error: result.content } : { success: true, data: content?.value ?? content };
          } finally {
            await client.close();
          }
        } else {
          const run = await runCli(args, env);
          try {
            envelope = JSON.parse(run.stdout) as typeof envelope;
          } catch {
            say(`exit ${run.status}, stdout ${run.stdout} stderr ${run.stderr}`);
            continue;
          }
        }
        if (envelope.success !== true) say(`failed: ${JSON.stringify(envelope.error)}`);
        const data = surface === 'lua' ? withoutNulls((envelope.data as { result?: unknown } | undefined)?.result) : envelope.data;
        if (!isDeepStrictEqual(asJson(data), surface === 'lua' ? withoutNulls(asJson(firstItems)) : asJson(firstItems))) say(`answered ${JSON.stringify(envelope.data)}`);
        const sent = local.requestsOf(tag);
        if (sent.length !== 2) say(`${sent.length} requests, expected the documented one and the followed link`);
        const wanted = new URL(local.moved(new URL(link, example.request.url).href, example, tag));
        const followed = sent[1] ? new URL(sent[1].request.url) : null;
        if (followed && followed.origin + followed.pathname !== wanted.origin + wanted.pathname) say(`followed ${followed.href}, the link means ${wanted.href}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('TS client: unavailable functions fail with their reason before any request', async () => {
    const Client = await clientClassOf(provider);
    const client = new Client({ ...exampleOptions(provider), env: {}, baseURL: local.baseUrls('ts-unavailable'), maxRetries: 0 });
    for (const fn of unavailable) {
      const { names, unavailable_reason } = catalogFunction(fn.qualified)!;
      const failure = (await Promise.resolve(client[names.typescript]!({})).catch((error: unknown) => error)) as { reason?: string };
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
        let envelope: { success?: boolean; data?: unknown; error?: { code: string; message: string } | null } = {};
        try {
          envelope = JSON.parse(run.stdout) as typeof envelope;
        } catch {
          return [`${example.function} (${example.title}) via ${tag}: exit ${run.status}, stdout ${run.stdout} stderr ${run.stderr}`];
        }
        const outcome: Outcome = envelope.success === true && run.status === 0 ? { ok: true, value: envelope.data } : { ok: false, error: `exit ${run.status}: ${envelope.error?.message}` };
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
      expect((JSON.parse(run.stdout) as { error: { message: string } }).error.message).toContain(catalogFunction(fn.qualified)!.unavailable_reason!);
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
    const report = JSON.parse(run.stdout) as { success: boolean; error: { message: string } | null; data: { result: Array<{ ok: boolean; value?: unknown; error?: string }> } };
    expect(report.error).toBeNull();
    const problems = examples.flatMap((example, i) => {
      const r = report.data.result[i]!;
      const outcome: Outcome = r.ok ? { ok: true, value: r.value ?? null } : { ok: false, error: r.error ?? '' };
      return problemsOf(local, example, `lua-e${example.index}`, outcome, { expected: (body) => withoutNulls(asJson(body)), maySendAgain: true });
    });
    expect(problems).toEqual([]);
    unavailable.forEach((fn, i) => {
      const r = report.data.result[examples.length + i]!;
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
