/**
 * Redirects through the Node transport, as fetch follows them and more carefully: real HTTP to
 * loopback servers (127.0.0.1 and localhost are two origins), and one TLS server for the downgrade.
 */
import { readFileSync } from 'node:fs';
import { Agent, createServer } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError, APIError } from '../src/errors.js';
import { MAX_REDIRECTS, redirected } from '../src/redirects.js';
import { nodeTransport } from '../src/transport-node.js';
import { loopback, type Loopback } from './loopback.js';
import { listPhoneNumbers, sendSms, telnyxClient, TELNYX_KEY } from './support.js';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

async function server(handler: Parameters<typeof loopback>[0]): Promise<Loopback> {
  const started = await loopback(handler);
  open.push(() => started.close());
  return started;
}

const OK = (body: unknown) => (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const redirect = (status: number, location: string) => (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(status, { location }).end();
const client = (baseURL: string) => telnyxClient({ baseURL, transport: nodeTransport() });
/** The same server by its other loopback name: another origin. */
const otherOrigin = (url: string) => url.replace('127.0.0.1', 'localhost');

describe('redirects the Node transport follows', () => {
  it('a GET answered 302 on the same origin: followed, with its credentials', async () => {
    const api = await server((req, res) => (req.url!.startsWith('/v2/') ? redirect(302, '/moved/phone_numbers')(req, res) : OK({ data: ['moved'] })(req, res)));
    await expect(client(`${api.url}/v2`).call(listPhoneNumbers, {})).resolves.toEqual({ data: ['moved'] });
    expect(api.requests.map((r) => r.url)).toEqual(['/v2/phone_numbers', '/moved/phone_numbers']);
    expect(api.headers[1]!.authorization).toBe(`Bearer ${TELNYX_KEY}`);
  });

  it('a GET answered 301 to another origin: followed without any of the provider\'s credentials', async () => {
    const storage = await server(OK({ data: ['from storage'] }));
    const api = await server(redirect(301, `${otherOrigin(storage.url)}/blob?sig=1`));
    const core = client(`${api.url}/v2`);
    await expect(core.call(listPhoneNumbers, {}, { headers: { 'x-api-key': 'custom-secret', 'accept-language': 'de' } })).resolves.toEqual({ data: ['from storage'] });
    expect(storage.requests.map((r) => r.url)).toEqual(['/blob?sig=1']);
    const sent = storage.headers[0]!;
    expect(sent.authorization).toBeUndefined();
    expect(sent['x-api-key']).toBeUndefined();
    expect(sent['accept-language']).toBe('de');
    expect(sent.host).toBe(new URL(otherOrigin(storage.url)).host);
  });

  it('a POST answered 307: sent once more, same method and body, to the new place', async () => {
    const moved = await server(OK({ data: { id: 'msg_1' } }));
    const api = await server(redirect(307, `${moved.url}/v3/messages`));
    await expect(client(`${api.url}/v2`).call(sendSms, { to: '+19175550188', text: 'hi' })).resolves.toEqual({ data: { id: 'msg_1' } });
    expect(api.requests).toHaveLength(1);
    expect(moved.requests).toEqual([{ method: 'POST', url: '/v3/messages', body: '{"to":"+19175550188","text":"hi"}' }]);
    expect(moved.headers[0]!['content-type']).toBe('application/json');
  });

  it('a POST answered 303: the answer is fetched with a GET, without the body', async () => {
    const result = await server(OK({ data: { status: 'queued' } }));
    const api = await server(redirect(303, `${result.url}/jobs/1`));
    await expect(client(`${api.url}/v2`).call(sendSms, { to: '+19175550188', text: 'hi' })).resolves.toEqual({ data: { status: 'queued' } });
    expect(result.requests).toEqual([{ method: 'GET', url: '/jobs/1', body: '' }]);
    expect(result.headers[0]!['content-type']).toBeUndefined();
  });

  it('a hop that cannot connect leaves a write maybe done: it is not tried again from the start', async () => {
    const gone = await server(OK({}));
    await gone.close();
    const api = await server(redirect(303, `${gone.url}/jobs/1`));
    const error = await telnyxClient({ baseURL: `${api.url}/v2`, maxRetries: 2, transport: nodeTransport() }).call(sendSms, { to: '+19175550188', text: 'hi' }).catch((e: unknown) => e);
    expect((error as APIConnectionError).requestSent).toBe('maybe');
    expect(api.requests).toHaveLength(1);
  });
});

describe('redirects it does not follow', () => {
  it('a POST answered 301: not turned into a GET; the error names the redirect', async () => {
    const elsewhere = await server(OK({}));
    const api = await server(redirect(301, `${elsewhere.url}/v3/messages`));
    const error = await client(`${api.url}/v2`).call(sendSms, { to: '+19175550188', text: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(301);
    expect((error as Error).message).toBe(`telnyx.send_sms failed with HTTP 301. Telnyx redirected the call to ${elsewhere.url}/v3/messages, which was not followed; check the base URL.`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('a loop: stops after the last hop fetch would make', async () => {
    const api = await server(redirect(302, '/again'));
    const error = await client(`${api.url}/v2`).call(listPhoneNumbers, {}).catch((e: unknown) => e);
    expect((error as APIError).status).toBe(302);
    // The call and MAX_REDIRECTS hops; a read is not retried on a 3xx.
    expect(api.requests).toHaveLength(1 + MAX_REDIRECTS);
  });

  it('from https to http', async () => {
    const plain = await server(OK({}));
    const tls = createServer({ key: readFileSync(new URL('./fixtures/proxy-test-key.pem', import.meta.url)), cert: readFileSync(new URL('./fixtures/proxy-test-cert.pem', import.meta.url)) }, (_req, res) => res.writeHead(302, { location: `${plain.url}/insecure` }).end());
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    open.push(() => new Promise<void>((resolve) => {
      tls.close(() => resolve());
      tls.closeAllConnections();
    }));
    const agent = new Agent({ ca: readFileSync(new URL('./fixtures/proxy-test-cert.pem', import.meta.url)) });
    const core = telnyxClient({ baseURL: `https://127.0.0.1:${(tls.address() as { port: number }).port}/v2`, transport: nodeTransport({ agents: { https: agent } }) });
    const error = await core.call(listPhoneNumbers, {}).catch((e: unknown) => e);
    expect((error as APIError).status).toBe(302);
    expect(plain.requests).toEqual([]);
    agent.destroy();
  });
});

describe('the next request of a redirect', () => {
  const post = { method: 'POST' as const, url: 'https://api.example.test/v2/messages', headers: { authorization: 'Bearer k', 'content-type': 'application/json', 'x-api-key': 'k2', accept: 'application/json' }, body: '{}' };
  it.each([
    [308, 'https://api.example.test/v3/messages', { ...post, url: 'https://api.example.test/v3/messages' }],
    [307, 'https://storage.example.test/put', { method: 'POST', url: 'https://storage.example.test/put', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: '{}' }],
    [303, '/v2/jobs/1', { method: 'GET', url: 'https://api.example.test/v2/jobs/1', headers: { authorization: 'Bearer k', 'x-api-key': 'k2', accept: 'application/json' }, body: null }],
    [302, '/v3/messages', null],
    [307, 'ftp://api.example.test/x', null],
    [307, 'http://api.example.test/v2/messages', null],
  ])('%d to %s', (status, location, want) => {
    expect(redirected(post, status, location)).toEqual(want);
  });

  it('none without a Location, or with one that is not a URL', () => {
    expect(redirected(post, 307, null)).toBeNull();
    expect(redirected(post, 307, 'http://[bad')).toBeNull();
  });
});
