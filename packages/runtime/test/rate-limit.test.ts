/**
 * Rate limits a provider sends with another status than 429 (GitHub answers an exhausted primary
 * limit with 403 and `x-ratelimit-remaining: 0`), and the wait until the window's reset when the
 * answer has no Retry-After (spec `rate_limit: { exhausted, reset }`). A real loopback server
 * answers; the clock and sleeps are injected, so nothing waits for real.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../src/core.js';
import { PermissionDeniedError, RateLimitError } from '../src/errors.js';
import type { ProviderSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { bearerProvider, fakeClock, manualTimeouts, operation, param } from './support.js';

const START = Date.UTC(2026, 0, 1);
const hubLike = (url: string): ProviderSpec =>
  bearerProvider('hub', 'Hub', url, { rateLimit: { exhausted: { statuses: [403], remainingHeader: 'x-ratelimit-remaining' }, reset: { header: 'x-ratelimit-reset', format: 'epoch_seconds' } } });
const getRepo = operation({ id: 'hub.get_repo', endpoint: { kind: 'fixed', method: 'GET', path: '/repo' }, params: [param('name')] });
const createIssue = operation({ id: 'hub.create_issue', operation: 'write', endpoint: { kind: 'fixed', method: 'POST', path: '/issues' }, params: [param('title', { in: 'body' })], body: 'json' });

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers each request with the next of `answers` (status and headers), then 200. */
async function answering(answers: Array<[number, Record<string, string>]>): Promise<Loopback> {
  server = await loopback((_req, res, index) => {
    const [status, headers] = answers[index] ?? [200, {}];
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(status === 200 ? '{"ok":true}' : '{"message":"API rate limit exceeded for user ID 1."}');
  });
  return server;
}

const clientOf = (s: Loopback, clock = fakeClock(START)) => ({ clock, core: new Core(hubLike(s.url), { token: 'hub-token-value', env: {}, ...clock, startTimer: manualTimeouts().startTimer } as never) });
const resetIn = (seconds: number) => String(START / 1000 + seconds);

describe('a rate limit sent as 403 with no requests left', () => {
  it('is waited out until the reset and retried, for a write too (the provider did nothing)', async () => {
    const s = await answering([[403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetIn(3) }]]);
    const { core, clock } = clientOf(s);
    expect(await core.call(createIssue, { title: 'x' })).toEqual({ ok: true });
    expect(s.requests).toHaveLength(2);
    expect(clock.delays).toEqual([3000]);
  });

  it('prefers Retry-After to the reset', async () => {
    const s = await answering([[403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetIn(30), 'retry-after': '2' }]]);
    const { core, clock } = clientOf(s);
    await core.call(getRepo, {});
    expect(clock.delays).toEqual([2000]);
  });

  it('is a RateLimitError with the status, the wait and rate-limit advice when the reset is too far', async () => {
    const s = await answering([[403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetIn(3600) }]]);
    const error = (await clientOf(s).core.call(getRepo, {}).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 403, retryAfter: 3600 });
    expect(error.message).toBe('hub.get_repo failed with HTTP 403: API rate limit exceeded for user ID 1. Rate limited by Hub; wait 3600 s before trying again, or lower the request rate.');
    expect(s.requests).toHaveLength(1);
  });

  it('a 403 with requests left is a permissions error, never retried', async () => {
    const s = await answering([[403, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': resetIn(3) }]]);
    const error = await clientOf(s).core.call(getRepo, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(s.requests).toHaveLength(1);
  });

  it('a 429 without Retry-After waits for the reset too', async () => {
    const s = await answering([[429, { 'x-ratelimit-reset': resetIn(5) }]]);
    const { core, clock } = clientOf(s);
    await core.call(getRepo, {});
    expect(clock.delays).toEqual([5000]);
  });

  it('a reset already past falls back to backoff', async () => {
    const s = await answering([[429, { 'x-ratelimit-reset': resetIn(-5) }]]);
    const { core, clock } = clientOf(s);
    await core.call(getRepo, {});
    expect(clock.delays).toHaveLength(1);
    expect(clock.delays[0]).toBeLessThanOrEqual(500);
  });
});
