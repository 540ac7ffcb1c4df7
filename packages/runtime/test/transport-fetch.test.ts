/**
 * The fetch transport against a real loopback server through the global fetch: a signal is
 * handed to fetch only when the caller passed one (fetch is dearer with one), and an attempt
 * given up on without a signal still lets its connection go once the response comes.
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { PreparedRequest } from '../src/build-request.js';
import { fetchTransport } from '../src/transport.js';
import { loopback, type Loopback } from './loopback.js';
import { manualTimeouts } from './support.js';

const open: Loopback[] = [];
afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
});

const get = (url: string): PreparedRequest => ({ method: 'GET', url, headers: { accept: 'application/json' }, body: null });

/** The global fetch, recording the init of every call. */
function recordingFetch(): { fetch: typeof fetch; inits: RequestInit[] } {
  const inits: RequestInit[] = [];
  return { fetch: (input, init) => (inits.push(init ?? {}), globalThis.fetch(input, init)), inits };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('fetch transport', () => {
  it('without a caller signal, fetch gets none and the response comes back whole', async () => {
    const server = await loopback((_req, res) => res.end('{"ok":true}'));
    open.push(server);
    const { fetch, inits } = recordingFetch();
    const result = await fetchTransport(fetch)(get(`${server.url}/x`), { timeoutMs: 60_000 });
    expect(result.kind === 'response' && [result.status, result.text]).toEqual([200, '{"ok":true}']);
    expect(inits.map((init) => init.signal)).toEqual([undefined]);
  });

  it("with a caller signal, aborting it aborts fetch's own signal and ends the attempt as aborted", async () => {
    const server = await loopback(() => {}); // never answers
    open.push(server);
    const { fetch, inits } = recordingFetch();
    const caller = new AbortController();
    const pending = fetchTransport(fetch)(get(`${server.url}/x`), { timeoutMs: 60_000, signal: caller.signal });
    await until(() => server.requests.length === 1);
    caller.abort();
    expect(await pending).toEqual({ kind: 'aborted' });
    expect(inits[0]?.signal?.aborted).toBe(true);
  });

  it('a timeout without a signal is reported at once, and the late response body is cancelled when it comes', async () => {
    let cancelled = false;
    let answer: (response: Response) => void = () => {};
    const late = new Promise<Response>((resolve) => (answer = resolve));
    const timers = manualTimeouts();
    const pending = fetchTransport(() => late)(get('https://example.test/x'), { timeoutMs: 1000, startTimer: timers.startTimer });
    timers.expire();
    const result = await pending;
    expect(result.kind === 'failed' && result.failure.kind).toBe('timeout');
    answer(new Response(new ReadableStream({ cancel: () => void (cancelled = true) }), { status: 200 }));
    await until(() => cancelled);
    expect(cancelled).toBe(true);
  });

  it('an injected timer that fires at once ends the attempt as a timeout before fetch is called', async () => {
    const { fetch, inits } = recordingFetch();
    const result = await fetchTransport(fetch)(get('https://example.test/x'), { timeoutMs: 1000, startTimer: (_ms, fire) => (fire(), () => {}) });
    expect(result.kind === 'failed' && result.failure.kind).toBe('timeout');
    expect(inits).toEqual([]);
  });

  it('a response whose body cannot be read is a connection failure (the request may have arrived), not a rejection', async () => {
    const unreadable = { status: 200, headers: new Headers(), text: () => { throw new TypeError('body used already'); } } as unknown as Response;
    const result = await fetchTransport(() => Promise.resolve(unreadable))(get('https://example.test/x'), { timeoutMs: 60_000 });
    expect(result.kind === 'failed' && [result.failure.kind, (result.cause as Error).message]).toEqual(['connection', 'body used already']);
  });
});
