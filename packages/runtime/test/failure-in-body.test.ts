/**
 * A provider that answers some failures with a success status (Slack: HTTP 200 and `"ok": false`)
 * declares the mark (`failureInBody`), and such an answer is an APIError like a 4xx: for a call,
 * for every page of a walk, and never retried. Real HTTP to a loopback server.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../src/core.js';
import { APIError } from '../src/errors.js';
import { itemsOf } from '../src/pages.js';
import type { ProviderSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { bearerProvider, operation, param } from './support.js';

const TOKEN = 'xoxb-test-token-value';

const slackLike = (url: string): ProviderSpec =>
  bearerProvider('chatty', 'Chatty', url, { errorMessagePaths: ['error'], errorCodePaths: ['error'], failureInBody: { path: 'ok', equals: false }, requestIdHeader: 'x-chatty-req-id' });

const postMessage = operation({ id: 'chatty.post_message', operation: 'write', endpoint: { kind: 'fixed', method: 'POST', path: '/chat.postMessage' }, params: [param('channel', { in: 'body' })], body: 'json' });
const getUser = operation({ id: 'chatty.get_user', endpoint: { kind: 'fixed', method: 'GET', path: '/users.info' }, params: [param('user')] });
const listChannels = operation({
  id: 'chatty.list_channels',
  endpoint: { kind: 'fixed', method: 'GET', path: '/conversations.list' },
  params: [param('cursor'), param('limit')],
  pagination: { strategy: 'cursor', items: 'channels', cursorParam: 'cursor', sizeParam: 'limit', nextCursorPath: 'next', hasMorePath: null },
});

let server: Loopback;
let answers: unknown[] = [];
beforeAll(async () => {
  server = await loopback((_req, res, index) => {
    const answer = answers[Math.min(index, answers.length - 1)];
    res.writeHead(200, { 'content-type': 'application/json', 'x-chatty-req-id': `req-${index}` }).end(JSON.stringify(answer));
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const client = () => new Core(slackLike(server.url), { token: TOKEN, env: {}, logLevel: 'off', sleep: async () => {} });

describe('a failure answered with a success status', () => {
  it('raises an APIError with the status, the provider code and the request id, and is sent once', async () => {
    answers = [{ ok: false, error: 'channel_not_found' }];
    const failure = await client().call(postMessage, { channel: 'CNOPE' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(APIError);
    expect(failure).toMatchObject({ status: 200, providerMessage: 'channel_not_found', providerCode: 'channel_not_found', requestId: 'req-0' });
    expect((failure as Error).message).toBe("chatty.post_message failed with HTTP 200: channel_not_found (request id req-0). Chatty reports failures in a 200 answer (ok is false); its documentation says what the code means.");
    expect(server.requests).toHaveLength(1);
  });

  it('is not retried on a read either', async () => {
    answers = [{ ok: false, error: 'user_not_found' }];
    await expect(client().call(getUser, { user: 'UNOPE' })).rejects.toMatchObject({ status: 200, providerCode: 'user_not_found' });
    expect(server.requests).toHaveLength(1);
  });

  it('an answer without the mark is returned as it is', async () => {
    answers = [{ ok: true, user: { id: 'U1' } }];
    await expect(client().call(getUser, { user: 'U1' })).resolves.toEqual({ ok: true, user: { id: 'U1' } });
  });

  it('ends a page walk with the error instead of an empty page', async () => {
    answers = [{ ok: true, channels: ['C1', 'C2'], next: 'page2' }, { ok: false, error: 'invalid_cursor' }];
    const seen: unknown[] = [];
    const walk = (async () => {
      for await (const channel of itemsOf(client(), listChannels, {})) seen.push(channel);
    })();
    await expect(walk).rejects.toMatchObject({ status: 200, providerCode: 'invalid_cursor' });
    expect(seen).toEqual(['C1', 'C2']);
    expect(server.requests).toHaveLength(2);
  });
});
