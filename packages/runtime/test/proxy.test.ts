/**
 * HTTP proxies (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`) through the Node transport: real sockets
 * to a real proxy (`test-proxy.ts`), which tunnels to a real TLS server with a test certificate for
 * api.example.test, or answers plain-http requests itself.
 */
import { readFileSync } from 'node:fs';
import { createServer as createPlainServer } from 'node:net';
import { createServer, request, type Server } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError } from '../src/errors.js';
import { NoProxy, parseProxy, proxyFor, ProxyRoutes, TunnelAgent, ProxySettingError, proxyFromEnv, type ProxySettings } from '../src/proxy.js';
import { nodeTransport } from '../src/transport-node.js';
import { proxiedFetch } from '../src/proxied-fetch.js';
import { loopback } from './loopback.js';
import { listPhoneNumbers, sendSms, telnyxClient, TELNYX_KEY } from './support.js';
import { testProxy, type TestProxy, type TestProxyOptions } from './test-proxy.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const CERT = fixture('proxy-test-cert.pem');
const KEY = fixture('proxy-test-key.pem');
const PROXY_PASSWORD = 'proxy-pass-Zq81';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The provider's side: a TLS server for api.example.test on a local port, answering every request with JSON. */
async function provider(): Promise<{ port: number; seen: Array<{ url: string; authorization: string | undefined }> }> {
  const seen: Array<{ url: string; authorization: string | undefined }> = [];
  const server: Server = createServer({ key: KEY, cert: CERT }, (req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"pn_1"}]}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return { port: (server.address() as { port: number }).port, seen };
}

async function proxy(options: TestProxyOptions): Promise<TestProxy> {
  const started = await testProxy(options);
  cleanups.push(() => started.close());
  return started;
}

/** A client for the test provider at api.example.test, through the given proxy settings, trusting the test certificate. */
const client = (settings: ProxySettings, baseURL = 'https://api.example.test/v2') =>
  telnyxClient({ baseURL, maxRetries: 2, transport: nodeTransport({ proxy: { ...settings, tls: { ca: CERT } } }) });

describe('an https call through HTTPS_PROXY', () => {
  it('goes through a CONNECT tunnel: the proxy sees the host and its own login, the provider sees the request', async () => {
    const target = await provider();
    const through = await proxy({ tunnelTo: (authority) => (authority === 'api.example.test:443' ? target.port : undefined) });
    const core = client({ https: `http://me:${PROXY_PASSWORD}@127.0.0.1:${through.port}` });

    await expect(core.call(listPhoneNumbers, { page_size: 2 })).resolves.toEqual({ data: [{ id: 'pn_1' }] });
    await expect(core.call(listPhoneNumbers, {})).resolves.toEqual({ data: [{ id: 'pn_1' }] });

    // One tunnel, kept alive for the second call, and the proxy never saw the API key.
    expect(through.connects.map((c) => c.authority)).toEqual(['api.example.test:443']);
    expect(through.connects[0]!.headers['proxy-authorization']).toBe(`Basic ${Buffer.from(`me:${PROXY_PASSWORD}`).toString('base64')}`);
    expect(JSON.stringify(through.connects)).not.toContain(TELNYX_KEY);
    expect(through.forwarded).toEqual([]);
    expect(target.seen).toEqual([
      { url: '/v2/phone_numbers?page%5Bsize%5D=2', authorization: `Bearer ${TELNYX_KEY}` },
      { url: '/v2/phone_numbers', authorization: `Bearer ${TELNYX_KEY}` },
    ]);
  });

  it('fails before sending when the proxy refuses the tunnel, naming the proxy but never its password; a write is tried again', async () => {
    const through = await proxy({ refuseWith: '407 Proxy Authentication Required' });
    const error = await client({ https: `http://me:${PROXY_PASSWORD}@127.0.0.1:${through.port}` })
      .call(sendSms, { to: '+19175550188', text: 'hi' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).requestSent).toBe('no');
    expect((error as Error).message).toBe(
      `Could not connect to Telnyx for telnyx.send_sms (the proxy http://127.0.0.1:${through.port} refused a tunnel to api.example.test:443 (407 Proxy Authentication Required)); nothing was sent. Check the network and the base URL.`,
    );
    expect(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack, cause: String((error as Error).cause) })).not.toContain(PROXY_PASSWORD);
    // Nothing reached the provider, so the write was safe to try again: the first attempt and two retries.
    expect(through.connects).toHaveLength(3);
  });

  it('fails before sending when the proxy cannot be reached, and says it was the proxy', async () => {
    const closed = await proxy({});
    await closed.close();
    const error = await client({ https: closed.url }).call(listPhoneNumbers, {}).catch((e: unknown) => e);
    expect((error as APIConnectionError).requestSent).toBe('no');
    expect((error as Error).message).toMatch(new RegExp(`^Could not connect to Telnyx for telnyx.list_phone_numbers \\(the proxy http://127.0.0.1:${closed.port} could not be reached: connect ECONNREFUSED 127.0.0.1:${closed.port}\\); nothing was sent\\.`));
  });

  it('goes directly to loopback, whatever the settings say', async () => {
    const through = await proxy({});
    const local = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    cleanups.push(() => local.close());
    const settings = { https: through.url, http: through.url, noProxy: 'internal.example' };
    await expect(client(settings, `${local.url}/v2`).call(listPhoneNumbers, {})).resolves.toEqual({ ok: true });
    expect(local.requests).toHaveLength(1);
    expect(through.connects).toEqual([]);
    expect(through.forwarded).toEqual([]);
  });
});

describe('proxiedFetch (for code that needs fetch itself, such as the MCP SDK)', () => {
  it('tunnels an https request and streams its answer; a loopback URL goes to the given fetch', async () => {
    const target = await provider();
    const through = await proxy({ tunnelTo: (authority) => (authority === 'api.example.test:443' ? target.port : undefined) });
    const direct: string[] = [];
    const viaProxy = proxiedFetch({ https: through.url, http: through.url, tls: { ca: CERT } }, async (input) => {
      direct.push(String(input));
      return new Response('{"direct":true}');
    });
    const answer = await viaProxy('https://api.example.test/v2/items?x=1', { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual({ data: [{ id: 'pn_1' }] });
    expect(target.seen).toEqual([{ url: '/v2/items?x=1', authorization: 'Bearer k' }]);
    expect(through.connects.map((c) => c.authority)).toEqual(['api.example.test:443']);
    await expect((await viaProxy('http://127.0.0.1:9/x')).json()).resolves.toEqual({ direct: true });
    expect(direct).toEqual(['http://127.0.0.1:9/x']);
  });

  it('rejects as fetch does when the proxy cannot be reached', async () => {
    const closed = await proxy({});
    await closed.close();
    const error = await proxiedFetch({ https: closed.url })('https://api.example.test/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(`fetch failed (the proxy http://127.0.0.1:${closed.port} could not be reached)`);
    expect(String(((error as Error).cause as Error).message)).toBe(`the proxy http://127.0.0.1:${closed.port} could not be reached`);
  });
});

describe('a proxy that never answers CONNECT', () => {
  it('fails the tunnel after its own bound, so no socket is left open for ever', async () => {
    let closedByClient: () => void = () => {};
    const closed = new Promise<void>((resolve) => (closedByClient = resolve));
    // Reads what it is sent (so it sees the end), answers nothing.
    const silent = createPlainServer((socket) => socket.on('error', () => {}).on('close', closedByClient).resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    const port = (silent.address() as { port: number }).port;
    const agent = new TunnelAgent(parseProxy(`127.0.0.1:${port}`, 'HTTPS_PROXY'), { ca: CERT }, 20);
    const error = await new Promise<Error>((resolve) => request('https://api.example.test/', { agent }, () => resolve(new Error('answered'))).on('error', resolve).end());
    expect(error.message).toBe(`the proxy http://127.0.0.1:${port} did not answer CONNECT api.example.test:443 within 20 ms`);
    expect((error as NodeJS.ErrnoException).code).toBe('ERR_PROXY_TUNNEL');
    // The tunnel's socket was closed by the agent: the proxy's side sees the connection end.
    await closed;
  });
});

describe('an http call through HTTP_PROXY', () => {
  it('is sent to the proxy whole, in absolute form, with the provider as its Host', async () => {
    const through = await proxy({ answer: (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"via":"proxy"}') });
    const core = client({ http: `http://me:${PROXY_PASSWORD}@127.0.0.1:${through.port}` }, 'http://api.example.test:8080/v2');
    await expect(core.call(sendSms, { to: '+19175550188', text: 'hi' })).resolves.toEqual({ via: 'proxy' });
    expect(through.forwarded).toHaveLength(1);
    const [request] = through.forwarded;
    expect(request).toMatchObject({ method: 'POST', target: 'http://api.example.test:8080/v2/messages', body: '{"to":"+19175550188","text":"hi"}' });
    expect(request!.headers.host).toBe('api.example.test:8080');
    expect(request!.headers['proxy-authorization']).toBe(`Basic ${Buffer.from(`me:${PROXY_PASSWORD}`).toString('base64')}`);
    expect(through.connects).toEqual([]);
  });
});

describe('proxy settings', () => {
  it('come from the environment, the upper-case name first, empty values unset', () => {
    expect(proxyFromEnv({})).toBeUndefined();
    expect(proxyFromEnv({ HTTPS_PROXY: '', https_proxy: '' })).toBeUndefined();
    expect(proxyFromEnv({ https_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2', no_proxy: '.corp' })).toEqual({ https: 'http://a:1', http: 'http://b:2', noProxy: '.corp' });
    expect(proxyFromEnv({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1' })).toEqual({ https: 'http://upper:1' });
  });

  it('read a bare host:port as http, and refuse other schemes by name', () => {
    expect(parseProxy('proxy.corp:3128', 'HTTPS_PROXY')).toEqual({ host: 'proxy.corp', port: 3128, secure: false, authorization: undefined, shown: 'http://proxy.corp:3128' });
    expect(parseProxy('https://[::1]', 'HTTPS_PROXY')).toMatchObject({ host: '::1', port: 443, secure: true, shown: 'https://[::1]' });
    expect(parseProxy('http://u%40corp:p%3Ass@proxy', 'HTTP_PROXY')).toMatchObject({ port: 80, authorization: `Basic ${Buffer.from('u@corp:p:ss').toString('base64')}`, shown: 'http://proxy' });
    expect(() => parseProxy(`socks5://me:${PROXY_PASSWORD}@proxy:1080`, 'HTTPS_PROXY')).toThrow(new ProxySettingError('HTTPS_PROXY names a socks5 proxy (socks5://proxy:1080); only http:// and https:// proxies are supported.'));
  });

  it('never show a password in the error for a setting that does not parse', () => {
    const error = (() => {
      try {
        parseProxy(`http://me:${PROXY_PASSWORD}@proxy:99999`, 'HTTPS_PROXY');
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toBe('HTTPS_PROXY is not a proxy URL such as http://proxy.example:3128 (got "http://me:***@proxy:99999").');
  });

  it('route each scheme to its own proxy, and a NO_PROXY host to none', () => {
    const routes = new ProxyRoutes({ http: 'http://plain:1', noProxy: 'internal.example' });
    expect(routes.proxyFor(new URL('http://api.example.test/v2'))?.shown).toBe('http://plain:1');
    expect(routes.proxyFor(new URL('https://api.example.test/v2'))).toBeNull();
    expect(routes.proxyFor(new URL('http://api.internal.example/v2'))).toBeNull();
    const both = new ProxyRoutes({ https: 'http://tls:2', http: 'http://plain:1', noProxy: 'api.example.test:8443' });
    expect(both.proxyFor(new URL('https://api.example.test/v2'))?.shown).toBe('http://tls:2');
    expect(both.proxyFor(new URL('https://api.example.test:8443/v2'))).toBeNull();
    // The same choice from the settings alone, as a dry run shows it.
    expect(proxyFor({ https: 'http://me:pw@tls:2', noProxy: 'internal.example' }, new URL('https://api.example.test/v2'))?.shown).toBe('http://tls:2');
    expect(proxyFor({ https: 'http://tls:2', noProxy: 'internal.example' }, new URL('https://api.internal.example/v2'))).toBeNull();
    expect(proxyFor({ https: 'http://tls:2' }, new URL('http://api.example.test/v2'))).toBeNull();
  });

  it('cannot be combined with agents, whose sockets would go around the proxy', () => {
    expect(() => nodeTransport({ proxy: { https: 'http://proxy:1' }, agents: {} })).toThrow(TypeError);
  });
});

describe('NO_PROXY', () => {
  const list = new NoProxy('corp.example, .svc.example, *.cluster.example, 10.0.0.0/8, 192.168.1.7, fd00::/8, [2001:db8::1]:8443, build.example:8080');
  it.each([
    ['corp.example', 443, true],
    ['api.corp.example', 443, true],
    ['API.Corp.Example.', 443, true],
    ['notcorp.example', 443, false],
    ['svc.example', 443, false],
    ['a.svc.example', 443, true],
    ['cluster.example', 443, false],
    ['x.cluster.example', 443, true],
    ['10.1.2.3', 443, true],
    ['11.1.2.3', 443, false],
    ['192.168.1.7', 80, true],
    ['192.168.1.8', 80, false],
    ['fd12::1', 443, true],
    ['2001:db8::1', 8443, true],
    ['2001:db8::1', 443, false],
    ['build.example', 8080, true],
    ['build.example', 443, false],
    ['localhost', 443, true],
    ['127.0.0.53', 443, true],
    ['::1', 443, true],
    ['api.telnyx.com', 443, false],
  ])('%s:%d is exempt: %s', (host, port, exempt) => {
    expect(list.exempts(host, port)).toBe(exempt);
  });

  it('* exempts every host', () => {
    expect(new NoProxy(' * ').exempts('api.telnyx.com', 443)).toBe(true);
  });
});
