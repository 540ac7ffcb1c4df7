/**
 * Retries must never duplicate a side effect: reads and idempotent writes are
 * retried on anything transient; a non-idempotent write (send_sms) only when
 * it provably never left, or on 429.
 */

import { describe, expect, it } from 'vitest';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, InternalServerError, RateLimitError } from '../src/errors.js';
import { backoffMs } from '../src/retry.js';
import { nodeTransport } from '../src/transport-node.js';
import type { Transport } from '../src/transport-types.js';
import { loopback } from './loopback.js';
import { fakeClock, fakeFetch, hang, json, listPhoneNumbers, manualTimeouts, sendSms, socketError, telnyxClient } from './support.js';

/** Stands for "the attempt timed out": the stalled reply makes the injected timeout fire at once. */
const TIMES_OUT = 'times out';

function sleepRecorder(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { sleep: async (ms) => void delays.push(ms), delays };
}

const read = [listPhoneNumbers, {}] as const;
const write = [sendSms, { to: '+19175550188', text: 'hi' }] as const;

describe('what is retried', () => {
  it.each([
    ['a read on 503, then succeeds', read, json({}, 503), 2],
    ['a read on 500', read, json({}, 500), 3],
    ['a read on 408', read, json({}, 408), 3],
    ['a read on 429', read, json({}, 429), 3],
    ['a read after a timeout', read, TIMES_OUT, 3],
    ['a read after a connection reset', read, socketError('ECONNRESET'), 3],
    ['a read not on 400', read, json({}, 400), 1],
    ['a read not on 404', read, json({}, 404), 1],
    ['a read declared not idempotent, not on 503', [{ ...listPhoneNumbers, idempotent: false }, {}] as const, json({}, 503), 1],
    ['a read declared not idempotent, not after a timeout', [{ ...listPhoneNumbers, idempotent: false }, {}] as const, TIMES_OUT, 1],
    ['send_sms not on 503', write, json({}, 503), 1],
    ['send_sms not on 500', write, json({}, 500), 1],
    ['send_sms not after a timeout', write, TIMES_OUT, 1],
    ['send_sms not after a connection reset', write, socketError('ECONNRESET'), 1],
    ['send_sms not after an unknown fetch error', write, new TypeError('fetch failed'), 1],
    ['send_sms on 429', write, json({}, 429), 3],
    ['send_sms after ECONNREFUSED', write, socketError('ECONNREFUSED'), 3],
    ['send_sms after ENOTFOUND', write, socketError('ENOTFOUND'), 3],
    ['send_sms after EAI_AGAIN', write, socketError('EAI_AGAIN'), 3],
  ] as const)('%s', async (_, [op, args], given, requests) => {
    // No real timer: a reply that answers is never overtaken by a timeout, however loaded the machine.
    const timers = manualTimeouts();
    const stalls = (init: RequestInit) => {
      const reply = hang(init);
      timers.expire();
      return reply;
    };
    const reply = given === TIMES_OUT ? stalls : given;
    const replies = requests === 2 ? [reply, json({ data: [] })] : [reply];
    const { fetch, calls } = fakeFetch(...replies);
    await telnyxClient({ fetch, startTimer: timers.startTimer })
      .call(op, args)
      .catch(() => undefined);
    expect(calls).toHaveLength(requests);
  });

  it('a read retried on 503 resolves with the later success', async () => {
    const { fetch } = fakeFetch(json({}, 503), json({ data: ['ok'] }));
    await expect(telnyxClient({ fetch }).call(listPhoneNumbers, {})).resolves.toEqual({ data: ['ok'] });
  });

  it('an idempotent write is retried like a read', async () => {
    const { fetch, calls } = fakeFetch(json({}, 503), json({ ok: true }));
    await telnyxClient({ fetch }).call({ ...sendSms, idempotent: true }, write[1]);
    expect(calls).toHaveLength(2);
  });

  it('send_sms on 503 says it was not retried and to check whether it took effect', async () => {
    const { fetch } = fakeFetch(json({}, 503));
    const error = await telnyxClient({ fetch }).call(...write).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toContain('was not retried because repeating it could duplicate its effect');
  });

  it('maxRetries per client and per request', async () => {
    const client = fakeFetch(json({}, 503));
    await telnyxClient({ fetch: client.fetch, maxRetries: 4 }).call(...read).catch(() => undefined);
    expect(client.calls).toHaveLength(5);
    const request = fakeFetch(json({}, 503));
    await telnyxClient({ fetch: request.fetch, maxRetries: 4 }).call(...read, { maxRetries: 0 }).catch(() => undefined);
    expect(request.calls).toHaveLength(1);
  });

  it('the last failure is thrown once retries run out', async () => {
    const { fetch } = fakeFetch(json({}, 429, { 'retry-after': '1' }));
    await expect(telnyxClient({ fetch }).call(...read)).rejects.toBeInstanceOf(RateLimitError);
  });
});

describe('how long between retries', () => {
  it.each([
    ['Retry-After seconds', { 'retry-after': '3' }, 3000],
    ['Retry-After fractional seconds', { 'retry-after': '0.25' }, 250],
    ['retry-after-ms wins over Retry-After', { 'retry-after-ms': '120', 'retry-after': '3' }, 120],
    ['Retry-After of exactly maxRetryAfter (60 s) is honoured', { 'retry-after': '60' }, 60_000],
  ])('%s', async (_, headers, delay) => {
    const { sleep, delays } = sleepRecorder();
    const { fetch } = fakeFetch(json({}, 429, headers), json({}));
    await telnyxClient({ fetch, sleep }).call(...read);
    expect(delays).toEqual([delay]);
  });

  it('Retry-After as an HTTP date', async () => {
    const clock = fakeClock();
    const when = new Date(clock.now() + 10_000).toUTCString();
    const { fetch } = fakeFetch(json({}, 503, { 'retry-after': when }), json({}));
    await telnyxClient({ fetch, ...clock }).call(...read);
    expect(clock.delays).toEqual([10_000]);
  });

  it('without Retry-After: exponential backoff from 0.5 s with up to 25% jitter', async () => {
    const { sleep, delays } = sleepRecorder();
    const { fetch } = fakeFetch(json({}, 503));
    await telnyxClient({ fetch, sleep, maxRetries: 3 }).call(...read).catch(() => undefined);
    expect(delays).toHaveLength(3);
    [500, 1000, 2000].forEach((full, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(full * 0.75);
      expect(delays[i]).toBeLessThanOrEqual(full);
    });
  });

  it.each([
    [1, 0, 500],
    [2, 0, 1000],
    [5, 0, 8000],
    [9, 0, 8000],
    [1, 1, 375],
  ])('backoff for retry %i with random %d is %i ms', (retry, random, delay) => {
    expect(backoffMs(retry, () => random)).toBe(delay);
  });
});

describe('timeouts and aborts', () => {
  /** A fetch whose reply never comes and whose attempt timeout fires as soon as it is asked: a timeout with no waiting. */
  function timingOut() {
    const timers = manualTimeouts();
    const { fetch, calls } = fakeFetch((init) => {
      const reply = hang(init);
      timers.expire();
      return reply;
    });
    return { fetch, calls, startTimer: timers.startTimer, requested: timers.requested };
  }

  it('by default makes every retry against a server that never answers: the deadline has room for the backoff waits', async () => {
    const clock = fakeClock();
    const timers = manualTimeouts();
    const { fetch, calls } = fakeFetch(async (init) => {
      const reply = hang(init);
      await clock.sleep(timers.requested.at(-1)!); // the attempt takes the whole time it was given
      timers.expire();
      return reply;
    });
    const client = telnyxClient({ fetch, startTimer: timers.startTimer, now: clock.now, sleep: clock.sleep, timeout: 300 });
    await expect(client.call(...read)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(calls).toHaveLength(3);
    expect(timers.requested).toEqual([300, 300, 300]);
  });

  it('a timeout throws APIConnectionTimeoutError', async () => {
    const { fetch, startTimer } = timingOut();
    await expect(telnyxClient({ fetch, startTimer, timeout: 10, maxRetries: 0 }).call(...read)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('the per-request timeout overrides the client one', async () => {
    const { fetch, startTimer, requested } = timingOut();
    await expect(telnyxClient({ fetch, startTimer, timeout: 60_000, maxRetries: 0 }).call(...read, { timeout: 10 })).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(requested).toEqual([10]);
  });

  it('totalTimeout below timeout cuts the attempt to it, and the message names totalTimeout', async () => {
    const { fetch, startTimer, requested } = timingOut();
    const error = await telnyxClient({ fetch, startTimer, timeout: 60_000, totalTimeout: 50, maxRetries: 0 }).call(...read).catch((e: unknown) => e);
    expect(requested).toEqual([50]);
    expect((error as Error).message).toBe('telnyx.list_phone_numbers got no response within 50 ms. Raise the `totalTimeout` option if the provider is slow.');
  });

  it('a timed-out send_sms says it was not retried', async () => {
    const { fetch, startTimer } = timingOut();
    await expect(telnyxClient({ fetch, startTimer, timeout: 10 }).call(...write)).rejects.toThrow(/got no response within 10 ms\. It was not retried/);
  });

  it('a body that stalls after the headers also times out', async () => {
    const timers = manualTimeouts();
    // The timeout fires only once the body is being read, so this is the body phase timing out, not fetch.
    const stalled = () => new Response(new ReadableStream({ pull: () => timers.expire() }), { status: 200 });
    const { fetch } = fakeFetch(stalled);
    await expect(telnyxClient({ fetch, startTimer: timers.startTimer, maxRetries: 0 }).call(...read)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('aborting the signal throws APIUserAbortError and is never retried', async () => {
    const controller = new AbortController();
    const { fetch, calls } = fakeFetch((init) => {
      const reply = hang(init);
      controller.abort();
      return reply;
    });
    await expect(telnyxClient({ fetch }).call(...read, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
  });

  it("says so when the caller's signal was a timeout (AbortSignal.timeout), not a deliberate abort", async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch((init) => {
      const reply = hang(init);
      controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
      return reply;
    });
    const error = await telnyxClient({ fetch }).call(...read, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).message).toBe("telnyx.list_phone_numbers was aborted by the caller's signal, which timed out.");
    const deliberate = AbortSignal.abort();
    await expect(telnyxClient({ fetch }).call(...read, { signal: deliberate })).rejects.toThrow('telnyx.list_phone_numbers was aborted by the caller.');
  });

  it('an already aborted signal sends nothing', async () => {
    const { fetch, calls } = fakeFetch(json({}));
    await expect(telnyxClient({ fetch }).call(...read, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(0);
  });

  it('aborting during the backoff wait stops the retries', async () => {
    const controller = new AbortController();
    const { fetch, calls } = fakeFetch(json({}, 503));
    const sleep = async () => {
      controller.abort();
      throw new Error('aborted');
    };
    await expect(telnyxClient({ fetch, sleep }).call(...read, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(calls).toHaveLength(1);
  });
});

describe('with real fetch', () => {
  it('send_sms to a refused port is retried (nothing was sent), then fails with APIConnectionError', async () => {
    // Port 0 cannot be listened on (binding it picks another port), so connecting to it is refused
    // every time; a port bound and closed first could be taken by another process in between.
    const attempts: number[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      attempts.push(attempts.length);
      return fetch(input, init);
    };
    const core = telnyxClient({ fetch: countingFetch, baseURL: 'http://127.0.0.1:0' });
    const error = await core.call(...write).catch((e: unknown) => e);
    expect(attempts).toHaveLength(3);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/Could not connect to Telnyx for telnyx\.send_sms \(fetch failed: connect ECONNREFUSED 127\.0\.0\.1(:0)?\); nothing was sent/);
    expect((error as APIConnectionError).requestSent).toBe('no');
  });

  it('a real round trip: request line, headers and JSON body reach the server', async () => {
    const { createServer: createHttpServer } = await import('node:http');
    const seen: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];
    const server = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"id":"m1"}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const result = await telnyxClient({ baseURL: `http://127.0.0.1:${port}/v2` }).call(...write);
      expect(result).toEqual({ data: { id: 'm1' } });
      expect(seen).toEqual([{ method: 'POST', url: '/v2/messages', auth: 'Bearer KEY0123456789ABCDEF_sandbox', body: '{"to":"+19175550188","text":"hi"}' }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('with the default transport (node:http under Node)', () => {
  it('is used when neither fetch nor transport is given; fetch is used when given', async () => {
    const server = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}'));
    const seen = () => server.requests.length;
    try {
      await telnyxClient({ baseURL: server.url }).call(...read);
      await telnyxClient({ baseURL: server.url, fetch: globalThis.fetch }).call(...read);
      expect(seen()).toBe(2);
      // undici's fetch marks its requests with Sec-Fetch-Mode; node:http sends only what we set.
      expect(server.headers.map((h) => h['sec-fetch-mode'] ?? null)).toEqual([null, 'cors']);
    } finally {
      await server.close();
    }
  });

  it('send_sms to a refused port is retried, then fails saying nothing was sent', async () => {
    let attempts = 0;
    const node = nodeTransport();
    const counting: Transport = (request, limits) => {
      attempts++;
      return node(request, limits);
    };
    const error = await telnyxClient({ transport: counting, baseURL: 'http://127.0.0.1:0' }).call(...write).catch((e: unknown) => e);
    expect(attempts).toBe(3);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).requestSent).toBe('no');
    expect((error as Error).message).toMatch(/nothing was sent/);
  });

  it('send_sms whose connection breaks after sending is not retried and may have been sent', async () => {
    const server = await loopback((req) => req.socket.destroy());
    try {
      const error = await telnyxClient({ baseURL: server.url }).call(...write).catch((e: unknown) => e);
      expect(server.requests).toHaveLength(1);
      expect(error).toBeInstanceOf(APIConnectionError);
      expect((error as APIConnectionError).requestSent).toBe('maybe');
      expect((error as Error).message).toMatch(/check whether it took effect/);
    } finally {
      await server.close();
    }
  });
});
