/**
 * The CLI's live calls honour HTTPS_PROXY, HTTP_PROXY and NO_PROXY, as curl, gh and the Stripe
 * CLI do: the built binary in a child process, a real proxy, and a real TLS server for
 * api.example.test whose test certificate the child trusts through NODE_EXTRA_CA_CERTS.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import { DEFAULT_SERVER, serverNameOf, type OperationSpec } from '@switchboard/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testProxy, type TestProxy } from '../../packages/runtime/test/test-proxy.js';
import { REPO, runCli } from '../support.js';

const FIXTURES = join(REPO, 'packages/runtime/test/fixtures');
const CERT_FILE = join(FIXTURES, 'proxy-test-cert.pem');
const PASSWORD = 'cli-proxy-pass-7Hq';
const SECRET = 'cli-proxy-test-secret';

const operationOf = (fn: FunctionBinding): OperationSpec => {
  if ('unavailable' in fn.spec) throw new Error(`${fn.qualified} is unavailable`);
  return fn.spec;
};

/** A read of the default server with one fixed endpoint and nothing required, from the catalog: callable bare. */
const target = bindings
  .flatMap((provider) => provider.functions.map((fn) => ({ provider, fn })))
  .find(({ fn }) => fn.operation === 'read' && fn.available && serverNameOf(operationOf(fn)) === DEFAULT_SERVER && operationOf(fn).endpoint.kind === 'fixed' && ((fn.inputSchema.required as string[] | undefined) ?? []).length === 0)!;

function envFor(provider: ProviderBinding, extra: Record<string, string>): Record<string, string> {
  const fields = Object.fromEntries(provider.fields.map((f) => [f.env, f.key === 'region' ? 'us' : `${SECRET}-${f.key}`]));
  // Every proxy variable of this machine's own environment cleared (a corporate CI may set them): each test names its own.
  const noProxies = { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '' };
  return { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-proxy-')), SWITCHBOARD_SANDBOX: '', ...noProxies, ...fields, NODE_EXTRA_CA_CERTS: CERT_FILE, ...extra };
}

const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe('the CLI through an HTTP proxy', () => {
  let provider: Server;
  let through: TestProxy;
  let providerPort = 0;
  const seen: string[] = [];
  beforeAll(async () => {
    provider = createServer({ key: readFileSync(join(FIXTURES, 'proxy-test-key.pem')), cert: readFileSync(CERT_FILE) }, (req, res) => {
      seen.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    providerPort = (provider.address() as { port: number }).port;
    through = await testProxy({ tunnelTo: (authority) => (authority === 'api.example.test:443' ? providerPort : undefined) });
  });
  afterAll(async () => {
    await through.close();
    await new Promise<void>((resolve) => {
      provider.close(() => resolve());
      provider.closeAllConnections();
    });
  });
  beforeEach(() => {
    seen.length = 0;
    through.connects.length = 0;
  });

  const proxyUrl = () => `http://me:${PASSWORD}@127.0.0.1:${through.port}`;

  it('`call` reaches the provider through a CONNECT tunnel named by HTTPS_PROXY', async () => {
    const { provider: p, fn } = target;
    const run = await runCli(['call', fn.qualified, '--base-url', 'https://api.example.test/via', '--json'], envFor(p, { HTTPS_PROXY: proxyUrl() }));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(through.connects.map((c) => c.authority)).toEqual(['api.example.test:443']);
    expect(through.connects[0]!.headers['proxy-authorization']).toBe(`Basic ${Buffer.from(`me:${PASSWORD}`).toString('base64')}`);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.startsWith('/via/')).toBe(true);
    expect(json(run.stdout).meta.proxy).toEqual({ url: `http://127.0.0.1:${through.port}`, source: 'HTTPS_PROXY' });
  });

  it('a dry run says which proxy the call would go through, never its password, and sends nothing', async () => {
    const { provider: p, fn } = target;
    const args = ['call', fn.qualified, '--base-url', 'https://api.example.test/via', '--dry-run'];
    const dry = await runCli([...args, '--json'], envFor(p, { https_proxy: proxyUrl() }));
    expect(dry.status).toBe(0);
    expect(json(dry.stdout).meta.proxy).toEqual({ url: `http://127.0.0.1:${through.port}`, source: 'https_proxy' });
    const text = await runCli(args, envFor(p, { HTTPS_PROXY: proxyUrl() }));
    expect(text.stdout + text.stderr).toContain(`(through the proxy http://127.0.0.1:${through.port}, from HTTPS_PROXY)`);
    expect(dry.stdout + text.stdout + text.stderr).not.toContain(PASSWORD);
    const exempt = await runCli([...args, '--json'], envFor(p, { HTTPS_PROXY: proxyUrl(), NO_PROXY: '.example.test' }));
    expect(json(exempt.stdout).meta.proxy).toBeUndefined();
    expect(through.connects).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('a Lua script\'s calls go the same way (https_proxy, lower case)', async () => {
    const { provider: p, fn } = target;
    const run = await runCli(['lua', '--json', '--base-url', `${p.id}=https://api.example.test/via`, '-e', `${fn.luaPath}({}) ${fn.luaPath}({}) print("ok")`], envFor(p, { HTTPS_PROXY: '', https_proxy: proxyUrl() }));
    expect(json(run.stdout)).toMatchObject({ success: true, data: { output: 'ok\n' } });
    expect(seen).toHaveLength(2);
    expect(through.connects.length).toBeGreaterThanOrEqual(1);
  });

  it('a NO_PROXY host is reached directly, and the proxy is not asked', async () => {
    const { provider: p, fn } = target;
    // 0.0.0.0 reaches this machine's own servers without being loopback by name: only NO_PROXY keeps
    // it from the proxy, and there is no name to resolve.
    const direct = `https://0.0.0.0:${providerPort}/direct`;
    const run = await runCli(['call', fn.qualified, '--base-url', direct, '--json'], envFor(p, { HTTPS_PROXY: proxyUrl(), NO_PROXY: 'internal.example, 0.0.0.0' }));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(through.connects).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.startsWith('/direct/')).toBe(true);
    // Without the exemption the same call asks the proxy, which has no way there.
    const proxied = await runCli(['call', fn.qualified, '--base-url', direct, '--json'], envFor(p, { HTTPS_PROXY: proxyUrl() }));
    expect(proxied.status).toBe(1);
    expect(through.connects.map((c) => c.authority)).toContain(`0.0.0.0:${providerPort}`);
    expect(seen).toHaveLength(1);
  });

  it('a proxy setting that cannot be used is a usage error, before any request, without its password', async () => {
    const { provider: p, fn } = target;
    const run = await runCli(['call', fn.qualified, '--base-url', 'https://api.example.test/via', '--json'], envFor(p, { HTTPS_PROXY: `socks5://me:${PASSWORD}@127.0.0.1:${through.port}` }));
    expect(run.status).toBe(2);
    expect(json(run.stdout).error).toMatchObject({ code: 'invalid_proxy', message: `HTTPS_PROXY names a socks5 proxy (socks5://127.0.0.1:${through.port}); only http:// and https:// proxies are supported.` });
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    expect(through.connects).toEqual([]);
  });

  it('the sandbox answers inside the process, whatever HTTPS_PROXY says', async () => {
    const { fn } = target;
    // No account fields: the sandbox brings its own.
    const run = await runCli(['call', fn.qualified, '--sandbox', '--json'], { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-proxy-')), SWITCHBOARD_SANDBOX: '', HTTPS_PROXY: `http://127.0.0.1:${through.port}`, HTTP_PROXY: `http://127.0.0.1:${through.port}` });
    expect(run.status).toBe(0);
    expect(json(run.stdout).meta.sandbox).toBe(true);
    expect(through.connects).toEqual([]);
    expect(through.forwarded).toEqual([]);
  });
});
