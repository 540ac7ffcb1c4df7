/**
 * Idempotency keys on a real loopback server: a write that declares its
 * idempotency-key header is retried after a timeout with the same key, a
 * write without one is not retried, a caller's own key is used as given, and
 * a dry run shows the header.
 */

import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionTimeoutError, InvalidOptionError } from '../src/errors.js';
import { loopback, type Loopback } from './loopback.js';
import { sendSms, telnyxClient } from './support.js';

const sendSmsWithKey = { ...sendSms, idempotencyKey: { header: 'Idempotency-Key' } };
const args = { to: '+15550001111', text: 'hi' } as const;

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * The first request never gets an answer and its attempt timer fires as soon
 * as the server has seen it: a timeout after the request reached the
 * provider, with no waiting on a clock. Later requests are answered.
 */
async function timesOutOnce(): Promise<{ headers: IncomingHttpHeaders[]; startTimer: (ms: number, fire: () => void) => () => void }> {
  const headers: IncomingHttpHeaders[] = [];
  let fireAttemptTimer: (() => void) | null = null;
  server = await loopback((req, res, index) => {
    headers.push(req.headers);
    if (index === 0) fireAttemptTimer?.();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { id: 'msg-1' } }));
  });
  const startTimer = (_ms: number, fire: () => void) => {
    fireAttemptTimer = fire;
    return () => {
      if (fireAttemptTimer === fire) fireAttemptTimer = null;
    };
  };
  return { headers, startTimer };
}

describe('a write with an idempotency-key header', () => {
  it('is retried after a timeout, sending the same key both times', async () => {
    const { headers, startTimer } = await timesOutOnce();
    const body = await telnyxClient({ baseURL: server!.url, startTimer, maxRetries: 2 }).call(sendSmsWithKey, args);
    expect(body).toEqual({ data: { id: 'msg-1' } });
    expect(headers).toHaveLength(2);
    const keys = headers.map((h) => h['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends a new key for each logical call', async () => {
    const keys: unknown[] = [];
    server = await loopback((req, res) => {
      keys.push(req.headers['idempotency-key']);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const client = telnyxClient({ baseURL: server.url });
    await client.call(sendSmsWithKey, args);
    await client.call(sendSmsWithKey, args);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("uses the caller's own key, and refuses one that cannot be a header value before any request", async () => {
    const { headers, startTimer } = await timesOutOnce();
    const client = telnyxClient({ baseURL: server!.url, startTimer });
    await client.call(sendSmsWithKey, args, { idempotencyKey: 'order-4711-sms' });
    expect(headers.map((h) => h['idempotency-key'])).toEqual(['order-4711-sms', 'order-4711-sms']);
    const bad = client.call(sendSmsWithKey, args, { idempotencyKey: 'line\nbreak' });
    await expect(bad).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(bad).rejects.toThrow('Invalid request option `idempotencyKey`');
    expect(headers).toHaveLength(2);
  });

  it('shows the header in a dry run', () => {
    const prepared = telnyxClient().prepare(sendSmsWithKey, args);
    expect(prepared.headers['Idempotency-Key'] ?? prepared.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('a write without one', () => {
  it('is not retried after a timeout', async () => {
    const { headers, startTimer } = await timesOutOnce();
    await expect(telnyxClient({ baseURL: server!.url, startTimer, maxRetries: 2 }).call(sendSms, args)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(headers).toHaveLength(1);
    expect(headers[0]!['idempotency-key']).toBeUndefined();
  });
});
