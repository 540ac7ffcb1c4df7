/**
 * How long a rate-limited call waits: a server's Retry-After is honoured only
 * up to `maxRetryAfter` and never past the call's deadline (`totalTimeout`);
 * an unusable value (negative, in the past, garbage) falls back to backoff.
 * A real loopback server answers, so the request counts are what reached the
 * wire; the clock and sleep are injected, so nothing waits for real.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { InternalServerError, RateLimitError } from '../src/errors.js';
import { loopback, type Loopback } from './loopback.js';
import { fakeClock, listPhoneNumbers, manualTimeouts, sendSms, telnyxClient } from './support.js';

/** The injected clock and sleeps, and attempt timeouts that never fire: a slow loopback reply on a loaded machine changes nothing. */
function testClock() {
  return { ...fakeClock(), startTimer: manualTimeouts().startTimer };
}

const write = [sendSms, { to: '+19175550188', text: 'hi' }] as const;
const read = [listPhoneNumbers, {}] as const;

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering every request with `status` and these headers. */
async function answering(status: number, headers: Record<string, string> = {}): Promise<Loopback> {
  server = await loopback((_, res) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end('{}'));
  return server;
}

describe('Retry-After longer than allowed', () => {
  it('Retry-After: 100000 on a write with timeout 300: one request, RateLimitError at once, no wait', async () => {
    const { url, requests } = await answering(429, { 'retry-after': '100000' });
    const clock = testClock();
    const error = await telnyxClient({ baseURL: url, timeout: 300, ...clock })
      .call(...write)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(100_000);
    expect((error as Error).message).toContain('wait 100000 s before trying again');
    expect(requests).toHaveLength(1);
    expect(clock.delays).toEqual([]);
  });

  it('a Retry-After above maxRetryAfter (default 60 s) is not waited for, even with time to spare', async () => {
    const { url, requests } = await answering(429, { 'retry-after': '61' });
    const clock = testClock();
    await expect(telnyxClient({ baseURL: url, totalTimeout: 3_600_000, ...clock }).call(...read)).rejects.toBeInstanceOf(RateLimitError);
    expect(requests).toHaveLength(1);
    expect(clock.delays).toEqual([]);
  });

  it('raising maxRetryAfter lets a longer Retry-After be honoured', async () => {
    const { url, requests } = await answering(429, { 'retry-after': '90' });
    const clock = testClock();
    await telnyxClient({ baseURL: url, maxRetryAfter: 120_000, totalTimeout: 3_600_000, ...clock })
      .call(...read)
      .catch(() => undefined);
    expect(clock.delays).toEqual([90_000, 90_000]);
    expect(requests).toHaveLength(3);
  });

  it('a Retry-After within maxRetryAfter that would pass totalTimeout fails now with the 429', async () => {
    const { url, requests } = await answering(429, { 'retry-after': '5' });
    const clock = testClock();
    await expect(telnyxClient({ baseURL: url, totalTimeout: 4_000, ...clock }).call(...write)).rejects.toBeInstanceOf(RateLimitError);
    expect(requests).toHaveLength(1);
    expect(clock.delays).toEqual([]);
  });

  it('the default deadline is timeout × (maxRetries + 1) plus the longest backoffs: timeout 300 allows both the 0.5 s and the 1 s wait', async () => {
    const { url, requests } = await answering(503);
    const clock = testClock();
    await expect(telnyxClient({ baseURL: url, timeout: 300, ...clock }).call(...read)).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(3);
    expect(clock.delays).toHaveLength(2);
  });

  it('a Retry-After longer than those backoffs still fails at once under the default deadline', async () => {
    const { url, requests } = await answering(503, { 'retry-after': '5' });
    const clock = testClock();
    await expect(telnyxClient({ baseURL: url, timeout: 300, ...clock }).call(...read)).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(1);
    expect(clock.delays).toEqual([]);
  });
});

describe('unusable Retry-After values fall back to backoff', () => {
  it.each([
    ['a negative number', '-5'],
    ['a negative fraction', '-0.5'],
    ['a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['words', 'soon'],
    ['a bare year-like number with a sign', '+100'],
  ])('%s (%s): 0.5 s then 1 s backoff, not an immediate retry', async (_, value) => {
    const { url, requests } = await answering(429, { 'retry-after': value });
    const clock = testClock();
    await telnyxClient({ baseURL: url, ...clock })
      .call(...read)
      .catch(() => undefined);
    expect(requests).toHaveLength(3);
    expect(clock.delays).toHaveLength(2);
    expect(clock.delays[0]).toBeGreaterThanOrEqual(375);
    expect(clock.delays[0]).toBeLessThanOrEqual(500);
    expect(clock.delays[1]).toBeGreaterThanOrEqual(750);
    expect(clock.delays[1]).toBeLessThanOrEqual(1000);
  });

  it('a negative retry-after-ms is ignored in favour of a valid Retry-After', async () => {
    const { url } = await answering(429, { 'retry-after-ms': '-100', 'retry-after': '2' });
    const clock = testClock();
    await telnyxClient({ baseURL: url, maxRetries: 1, ...clock })
      .call(...read)
      .catch(() => undefined);
    expect(clock.delays).toEqual([2000]);
  });

  it('an HTTP date in the future is waited for, measured on the injected clock', async () => {
    const clock = testClock();
    const { url } = await answering(429, { 'retry-after': new Date(clock.now() + 10_000).toUTCString() });
    await telnyxClient({ baseURL: url, maxRetries: 1, ...clock })
      .call(...read)
      .catch(() => undefined);
    expect(clock.delays).toEqual([10_000]);
  });
});
