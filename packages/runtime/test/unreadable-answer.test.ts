/**
 * An answer that came but cannot be read (past the transport's maxResponseBytes, or not decodable):
 * the request reached the provider, and asking again would bring the same answer, so even a read is
 * not repeated. Real HTTP through the Node transport to a loopback server.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../src/core.js';
import { APIConnectionError } from '../src/errors.js';
import { nodeTransport } from '../src/transport-node.js';
import { loopback, type Loopback } from './loopback.js';
import { listPhoneNumbers, sendSms, telnyx, TELNYX_KEY } from './support.js';

const open: Loopback[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
});

async function answering(body: Buffer, headers: Record<string, string> = {}): Promise<Loopback> {
  const server = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body));
  open.push(server);
  return server;
}

const client = (url: string) => new Core(telnyx, { apiKey: TELNYX_KEY, baseURL: url, maxRetries: 2, transport: nodeTransport({ maxResponseBytes: 64 * 1024 }) });

describe('an answer that cannot be read', () => {
  it('fails a read at once, without asking again, when the body is past maxResponseBytes', async () => {
    const server = await answering(Buffer.from(JSON.stringify({ data: 'x'.repeat(100 * 1024) })));
    const error = await client(server.url).call(listPhoneNumbers, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).requestSent).toBe('maybe');
    expect((error as Error).message).toBe(`Telnyx answered telnyx.list_phone_numbers, but the answer could not be read (the response body is over 65536 bytes (the transport's maxResponseBytes)); it was not asked again.`);
    expect(server.requests).toHaveLength(1);
  });

  it('tells a write to check whether it took effect, when the body does not decode', async () => {
    const server = await answering(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    const error = await client(server.url).call(sendSms, { to: '+19175550188', text: 'hi' }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Telnyx answered telnyx\.send_sms, but the answer could not be read \(the gzip response body could not be decoded: .*\); it was not asked again\. Check whether telnyx\.send_sms took effect before calling again\.$/);
    expect(server.requests).toHaveLength(1);
  });

  it('reads the same answer compressed and within the limit', async () => {
    const server = await answering(gzipSync(JSON.stringify({ data: [{ id: 'pn_1' }] })), { 'content-encoding': 'gzip' });
    await expect(client(server.url).call(listPhoneNumbers, {})).resolves.toEqual({ data: [{ id: 'pn_1' }] });
  });
});

describe('an answer the fetch transport cannot read', () => {
  it('is unreadable, not a connection failure, when its text is past what a string holds: a read is not asked again', async () => {
    let calls = 0;
    const tooLong = (async () => {
      calls++;
      // What fetch's text() throws for a body past the string limit, without sending 512 MiB here.
      return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: null, text: () => Promise.reject(new RangeError('Invalid string length')) } as unknown as Response;
    }) as typeof fetch;
    const error = await new Core(telnyx, { apiKey: TELNYX_KEY, maxRetries: 2, fetch: tooLong }).call(listPhoneNumbers, {}).catch((e: unknown) => e);
    expect((error as APIConnectionError).requestSent).toBe('maybe');
    expect((error as Error).message).toMatch(/^Telnyx answered telnyx\.list_phone_numbers, but the answer could not be read \(Invalid string length\); it was not asked again\.$/);
    expect(calls).toBe(1);
  });
});
