import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../src/errors.js';
import { getPath } from '../src/json-path.js';
import { loopback } from './loopback.js';
import { fakeFetch, getCall, json, listPhoneNumbers, operation, plivo, PLIVO_ID, PLIVO_TOKEN, plivoClient, plivoListMessages, sendSms, sinchClient, sinchListMessages, telnyx, TELNYX_KEY, telnyxClient } from './support.js';
import { Core } from '../src/core.js';

const telnyxError = { errors: [{ code: '10005', title: 'Resource not found', detail: 'The requested resource or URL could not be found.' }] };

describe('success', () => {
  it('returns the parsed JSON body', async () => {
    const { fetch } = fakeFetch(json({ data: { id: 'c1' } }));
    await expect(telnyxClient({ fetch }).call(getCall, { call_control_id: 'c1' })).resolves.toEqual({ data: { id: 'c1' } });
  });

  it('returns null for 204 No Content', async () => {
    const { fetch } = fakeFetch(new Response(null, { status: 204 }));
    await expect(telnyxClient({ fetch }).call(getCall, { call_control_id: 'c1' })).resolves.toBeNull();
  });

  it('accepts any 2xx, not only successStatus', async () => {
    const { fetch } = fakeFetch(json({ queued: true }, 202));
    await expect(telnyxClient({ fetch }).call(sendSms, { to: '+1' })).resolves.toEqual({ queued: true });
  });

  it('accepts a non-2xx successStatus the spec declares', async () => {
    const op = operation({ id: 'x.redirect', successStatus: 302 });
    const { fetch } = fakeFetch(new Response('', { status: 302 }));
    await expect(telnyxClient({ fetch }).call(op, {})).resolves.toBeNull();
  });

  it('returns the text of a non-JSON success body', async () => {
    const { fetch } = fakeFetch(new Response('OK', { status: 200 }));
    await expect(telnyxClient({ fetch }).call(getCall, { call_control_id: 'c1' })).resolves.toBe('OK');
  });
});

describe('typed errors by status', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
  ])('%i → %o', async (status, type) => {
    const { fetch } = fakeFetch(json(telnyxError, status, { 'x-request-id': 'req-1' }));
    const error = (await telnyxClient({ fetch, maxRetries: 0 }).call(getCall, { call_control_id: 'c1' }).catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status, providerMessage: 'The requested resource or URL could not be found.', providerCode: '10005', requestId: 'req-1', body: telnyxError });
    expect(error.name).toBe(type.name);
  });

  it('the message quotes the provider and says what to do', async () => {
    const { fetch } = fakeFetch(json(telnyxError, 404, { 'x-request-id': 'req-1' }));
    await expect(telnyxClient({ fetch }).call(getCall, { call_control_id: 'c1' })).rejects.toThrow(
      'telnyx.get_call failed with HTTP 404: The requested resource or URL could not be found. [10005] (request id req-1). Check the identifiers passed: the resource does not exist or belongs to another account.',
    );
  });

  it('takes the request id from the error body where the provider puts it there, after its header', async () => {
    const withBodyRequestId = { ...telnyx, errorRequestIdPaths: ['request_id'] };
    const { fetch } = fakeFetch(json({ errors: [{ detail: 'Gone' }], request_id: 'req-in-body' }, 404));
    const error = (await new Core(withBodyRequestId, { apiKey: TELNYX_KEY, env: {}, logLevel: 'off', fetch, maxRetries: 0 }).call(getCall, { call_control_id: 'c1' }).catch((e: unknown) => e)) as APIError;
    expect(error.requestId).toBe('req-in-body');
    expect(error.message).toContain('(request id req-in-body)');
    const both = fakeFetch(json({ errors: [{ detail: 'Gone' }], request_id: 'req-in-body' }, 404, { 'x-request-id': 'req-header' }));
    const fromHeader = (await new Core(withBodyRequestId, { apiKey: TELNYX_KEY, env: {}, logLevel: 'off', fetch: both.fetch, maxRetries: 0 }).call(getCall, { call_control_id: 'c1' }).catch((e: unknown) => e)) as APIError;
    expect(fromHeader.requestId).toBe('req-header');
  });

  it('401 names every field the auth sends, a Basic user name too (not only the secret)', async () => {
    const { fetch } = fakeFetch(json({ error: 'Authentication failed' }, 401));
    await expect(plivoClient({ fetch }).call(plivoListMessages, {})).rejects.toThrow('Check the Plivo credential (PLIVO_AUTH_ID or { authId }, PLIVO_AUTH_TOKEN or { authToken })');
  });

  it('a request id a proxy repeated is shown once; distinct ones stay as given', async () => {
    const repeated = new Response(JSON.stringify({ errors: [{ detail: 'gone' }] }), { status: 404, headers: { 'content-type': 'application/json', 'x-request-id': '70b4-IAD, 70b4-IAD' } });
    const two = new Response(JSON.stringify({ errors: [{ detail: 'gone' }] }), { status: 404, headers: { 'content-type': 'application/json', 'x-request-id': 'a, b' } });
    const { fetch } = fakeFetch(repeated, two);
    const core = telnyxClient({ fetch });
    expect(await core.call(getCall, { call_control_id: 'c1' }).catch((e: APIError) => e.requestId)).toBe('70b4-IAD');
    expect(await core.call(getCall, { call_control_id: 'c1' }).catch((e: APIError) => e.requestId)).toBe('a, b');
  });

  it('a provider message that ends its sentence gets no second full stop', async () => {
    const { fetch } = fakeFetch(json({ errors: [{ detail: 'API rate limit exceeded for user ID 1.' }] }, 403));
    const error = (await telnyxClient({ fetch }).call(getCall, { call_control_id: 'c1' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe("telnyx.get_call failed with HTTP 403: API rate limit exceeded for user ID 1. The Telnyx credential was accepted but may not do this; check the account's permissions, plan or key type.");
  });

  it('401 names the credential variable and option to check', async () => {
    const { fetch } = fakeFetch(json({ errors: [{ title: 'Authentication failed' }] }, 401));
    await expect(telnyxClient({ fetch }).call(getCall, { call_control_id: 'c1' })).rejects.toThrow(
      'Check the Telnyx credential (TELNYX_API_KEY or { apiKey }): it may be wrong, expired or revoked.',
    );
  });

  it('falls back to later message paths; a non-string message is JSON-encoded (Plivo error as object or string)', async () => {
    const { fetch } = fakeFetch(json({ error: 'not found' }, 404), json({ error: { message: { why: 'x' } } }, 404));
    const core = plivoClient({ fetch });
    expect(await core.call(plivoListMessages, {}).catch((e: APIError) => e.providerMessage)).toBe('not found');
    expect(await core.call(plivoListMessages, {}).catch((e: APIError) => e.providerMessage)).toBe('{"why":"x"}');
  });

  it('an object at a message path gives way to a later text, and never becomes a code (Zendesk error as string or object)', async () => {
    const { fetch } = fakeFetch(json({ error: { title: 'Forbidden', message: 'No access' } }, 403), json({ error: { message: 'Invalid page[size]' } }, 400));
    const core = new Core({ ...plivo, errorMessagePaths: ['description', 'error', 'error.message'], errorCodePaths: ['error', 'error.title'] }, { authId: PLIVO_ID, authToken: PLIVO_TOKEN, env: {}, logLevel: 'off', sleep: async () => {}, fetch });
    expect(await core.call(plivoListMessages, {}).catch((e: APIError) => [e.providerMessage, e.providerCode])).toEqual(['No access', 'Forbidden']);
    expect(await core.call(plivoListMessages, {}).catch((e: APIError) => [e.providerMessage, e.providerCode])).toEqual(['Invalid page[size]', null]);
  });

  it('codes that are numbers come back as text (Sinch)', async () => {
    const { fetch } = fakeFetch(json({ error: { status: 400, message: 'bad page_size' } }, 400));
    const error = (await sinchClient({ fetch }).call(sinchListMessages, { direction: 'mt' }).catch((e: unknown) => e)) as APIError;
    expect(error).toMatchObject({ providerMessage: 'bad page_size', providerCode: '400' });
  });

  it('a non-JSON error body becomes the provider message when short', async () => {
    const { fetch } = fakeFetch(new Response('Bad Gateway', { status: 502 }));
    const error = (await telnyxClient({ fetch, maxRetries: 0 }).call(getCall, { call_control_id: 'c1' }).catch((e: unknown) => e)) as APIError;
    expect(error).toMatchObject({ status: 502, providerMessage: 'Bad Gateway', providerCode: null, requestId: null, body: 'Bad Gateway' });
  });

  it.each([
    ['seconds', { 'retry-after': '7' }, 7],
    ['milliseconds', { 'retry-after-ms': '1500' }, 2],
    ['absent', {}, null],
  ])('RateLimitError.retryAfter from %s', async (_, headers, seconds) => {
    const { fetch } = fakeFetch(json({}, 429, headers));
    const error = (await telnyxClient({ fetch, maxRetries: 0 }).call(listPhoneNumbers, {}).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(seconds);
  });
});

describe('error headers', () => {
  it('are read case-insensitively, redacted, and add nothing to the JSON of the error', async () => {
    const { fetch } = fakeFetch(json(telnyxError, 404, { 'X-RateLimit-Remaining': '7', 'x-echo': `Bearer ${TELNYX_KEY}` }));
    const error = (await telnyxClient({ fetch }).call(getCall, { call_control_id: 'c1' }).catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.headers.get('x-ratelimit-remaining')).toBe('7');
    expect(error.headers.get('X-RATELIMIT-REMAINING')).toBe('7');
    expect(error.headers.get('x-echo')).toBe('Bearer [REDACTED]');
    expect(error.headers.get('x-missing')).toBeNull();
    expect(JSON.stringify(error)).not.toContain(TELNYX_KEY);
  });

  it('come with a RateLimitError too', async () => {
    const { fetch } = fakeFetch(json(telnyxError, 429, { 'retry-after': '120', 'x-ratelimit-reset': '1700000000' }));
    const error = (await telnyxClient({ fetch }).call(getCall, { call_control_id: 'c1' }).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toMatchObject({ status: 429, retryAfter: 120 });
    expect(error.headers.get('x-ratelimit-reset')).toBe('1700000000');
  });
});

describe('dotted paths', () => {
  it.each([
    ['errors.0.detail', { errors: [{ detail: 'd' }] }, 'd'],
    ['meta.total_pages', { meta: { total_pages: 3 } }, 3],
    ['a.1', { a: ['x', 'y'] }, 'y'],
    ['a.b', { a: null }, undefined],
    ['constructor', {}, undefined],
  ])('%s', (path, body, value) => {
    expect(getPath(body, path)).toEqual(value);
  });
});

describe('hostile error bodies', () => {
  it('an error body nested 200,000 deep is a BadRequestError with the text as body, not a stack overflow', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const server = await loopback((_, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(`{"echo":"${TELNYX_KEY}","x":${deep}}`));
    try {
      const error = await telnyxClient({ baseURL: server.url }).call(sendSms, { to: '+19175550188', text: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(typeof (error as BadRequestError).body).toBe('string');
      expect(String((error as BadRequestError).body)).not.toContain(TELNYX_KEY);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
