import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Core } from '../src/core.js';
import { base64Utf8 } from '../src/base64.js';
import { Redactor } from '../src/redact.js';
import type { ProviderSpec } from '../src/spec.js';
import { RUNTIME_VERSION } from '../src/version.js';
import {
  DIALPAD_KEY,
  dialpad,
  dialpadClient,
  dialpadListCalls,
  fakeFetch,
  getCall,
  json,
  listPhoneNumbers,
  operation,
  PLIVO_ID,
  PLIVO_TOKEN,
  plivoClient,
  plivoListMessages,
  recordingLogger,
  sendSms,
  socketError,
  TELNYX_KEY,
  telnyxClient,
} from './support.js';

describe('auth on the wire', () => {
  it('bearer: Authorization: Bearer <token>', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [] }));
    await telnyxClient({ fetch }).call(listPhoneNumbers, {});
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${TELNYX_KEY}`);
  });

  it('basic: Authorization: Basic base64(user:pass)', async () => {
    const { fetch, calls } = fakeFetch(json({ objects: [] }));
    await plivoClient({ fetch }).call(plivoListMessages, {});
    expect(calls[0]?.headers.authorization).toBe(`Basic ${btoa(`${PLIVO_ID}:${PLIVO_TOKEN}`)}`);
  });

  it('basic: a non-Latin-1 password is encoded as UTF-8 rather than throwing', () => {
    expect(base64Utf8('user:pässwörd€')).toBe(Buffer.from('user:pässwörd€', 'utf8').toString('base64'));
  });

  it('api_key in the query string, after the arguments', async () => {
    const { fetch, calls } = fakeFetch(json({ items: [] }));
    await dialpadClient({ fetch }).call(dialpadListCalls, { limit: 5 });
    expect(calls[0]?.url).toBe(`https://dialpad.com/api/v2/call?limit=5&apikey=${DIALPAD_KEY}`);
  });

  it('api_key in a header', async () => {
    const headerKey: ProviderSpec = { ...dialpad, servers: { default: { url: 'https://dialpad.com', auth: { kind: 'api_key', in: 'header', params: [{ name: 'X-API-Key', value: { field: 'api_key' } }] } } } };
    const { fetch, calls } = fakeFetch(json({}));
    await new Core(headerKey, { apiKey: DIALPAD_KEY, env: {}, fetch }).call(operation({ id: 'dialpad.x' }), {});
    expect(calls[0]?.headers['x-api-key']).toBe(DIALPAD_KEY);
  });
});

describe('dry runs', () => {
  it('show the exact request with the bearer token redacted', () => {
    expect(telnyxClient().prepare(sendSms, { to: '+19175550188', text: 'hi' })).toEqual({
      method: 'POST',
      url: 'https://api.telnyx.com/v2/messages',
      headers: { accept: 'application/json', 'user-agent': `switchboard/${RUNTIME_VERSION} (node ${process.versions.node})`, 'content-type': 'application/json', authorization: 'Bearer [REDACTED]' },
      body: '{"to":"+19175550188","text":"hi"}',
    });
  });

  it('redact the Basic token but keep the non-secret auth id in the URL', () => {
    const req = plivoClient().prepare(plivoListMessages, {});
    expect(req.headers.authorization).toBe('Basic [REDACTED]');
    expect(req.url).toBe(`https://api.plivo.com/v1/Account/${PLIVO_ID}/Message/`);
  });

  it('redact an api key in the query string: apikey=[REDACTED]', () => {
    const req = dialpadClient().prepare(dialpadListCalls, {});
    expect(req.url).toBe('https://dialpad.com/api/v2/call?apikey=[REDACTED]');
  });

  it('redact a secret that needs percent-encoding in the URL', () => {
    const req = dialpadClient({ apiKey: 'k ey/+&=1' }).prepare(dialpadListCalls, {});
    expect(req.url).toBe('https://dialpad.com/api/v2/call?apikey=[REDACTED]');
  });

  it('redact a secret the caller put in an argument', () => {
    const req = telnyxClient().prepare(sendSms, { to: '+1', text: `my key is ${TELNYX_KEY}` });
    expect(req.body).toBe('{"to":"+1","text":"my key is [REDACTED]"}');
  });

  it('send nothing', () => {
    const { fetch, calls } = fakeFetch(json({}));
    telnyxClient({ fetch }).prepare(sendSms, { to: '+1' });
    expect(calls).toHaveLength(0);
  });
});

describe('errors never carry credentials', () => {
  const echoingBody = { error: { message: `bad key ${DIALPAD_KEY}`, code: 401, errors: [{ reason: DIALPAD_KEY }] } };

  it('an API error echoing the key: message, fields and JSON.stringify are clean', async () => {
    const { fetch } = fakeFetch(json(echoingBody, 401, { 'x-echo': DIALPAD_KEY }));
    const error = await dialpadClient({ fetch }).call(dialpadListCalls, {}).catch((e: unknown) => e);
    const everything = `${(error as Error).message} ${JSON.stringify(error)} ${String(error)}`;
    expect(everything).not.toContain(DIALPAD_KEY);
    expect(everything).toContain('[REDACTED]');
  });

  it('a basic-auth provider error quoting the Authorization header is clean of the token and its base64', async () => {
    const basic = btoa(`${PLIVO_ID}:${PLIVO_TOKEN}`);
    const { fetch } = fakeFetch(json({ error: `header was Basic ${basic}, token ${PLIVO_TOKEN}` }, 401));
    const error = await plivoClient({ fetch }).call(plivoListMessages, {}).catch((e: unknown) => e);
    const everything = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(everything).not.toContain(PLIVO_TOKEN);
    expect(everything).not.toContain(basic);
  });

  it('a connection error whose cause quotes the URL with the key is clean', async () => {
    const failing = new TypeError('fetch failed', { cause: new Error(`socket hang up for https://dialpad.com/api/v2/call?apikey=${DIALPAD_KEY}`) });
    const { fetch } = fakeFetch(failing);
    const error = (await dialpadClient({ fetch, maxRetries: 0 }).call(dialpadListCalls, {}).catch((e: unknown) => e)) as Error;
    expect(`${error.message} ${JSON.stringify(error)} ${String((error.cause as Error).message)}`).not.toContain(DIALPAD_KEY);
  });

  it('a value refused while building the request is not quoted back when it is the secret', () => {
    expect(() => plivoClient().prepare(plivoListMessages, { start_time: PLIVO_TOKEN })).toThrow(
      "'start_time' must be an ISO-8601 date-time such as 2026-11-20T14:03:11Z (got \"[REDACTED]\")",
    );
  });

  it('a secret with quotes is redacted in its JSON-escaped form too', () => {
    const key = 'k"ey\\1';
    const req = telnyxClient({ apiKey: key }).prepare(sendSms, { to: '+1', text: key });
    expect(req.body).toBe('{"to":"+1","text":"[REDACTED]"}');
  });

  it('a validation error quoting a secret given as an argument is clean', async () => {
    const error = (await telnyxClient().call(listPhoneNumbers, { filter_status: TELNYX_KEY }).catch((e: unknown) => e)) as Error;
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(TELNYX_KEY);
  });

  it.each([40, 45, 50, 55])('a long value with the secret at character %i: redacted before it is shortened, so no part of the key shows', async (at) => {
    // Shortening first cut the key in two, and the redactor could no longer recognise the half that was quoted.
    const value = `${'n'.repeat(at)}${TELNYX_KEY}`;
    const error = (await telnyxClient().call(listPhoneNumbers, { filter_status: value }).catch((e: unknown) => e)) as Error;
    const everything = `${error.message} ${JSON.stringify(error)}`;
    for (let length = 4; length <= TELNYX_KEY.length; length++) expect(everything).not.toContain(TELNYX_KEY.slice(0, length));
    expect(everything).toContain(`"${'n'.repeat(at)}[`);
  });
});

describe('logs', () => {
  it('debug logs each request line with the query key redacted, and never the body', async () => {
    const { logger, lines } = recordingLogger();
    const { fetch } = fakeFetch(json({ items: [] }));
    await dialpadClient({ fetch, logger, logLevel: 'debug' }).call(dialpadListCalls, { limit: 2 });
    expect(lines[0]).toBe('debug [switchboard] GET https://dialpad.com/api/v2/call?limit=2&apikey=[REDACTED]');
    expect(lines.join('\n')).not.toContain(DIALPAD_KEY);
  });

  it('warns on a retry, redacted', async () => {
    const { logger, lines } = recordingLogger();
    const { fetch } = fakeFetch(socketError('ECONNREFUSED'), json({}));
    await telnyxClient({ fetch, logger, logLevel: 'warn' }).call(getCall, { call_control_id: TELNYX_KEY });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn \[switchboard\] telnyx\.get_call: connection refused before sending; retrying in \d+ ms \(retry 1 of 2\)\.$/);
  });

  it('logs nothing below the level (default warn hides request lines)', async () => {
    const { logger, lines } = recordingLogger();
    const { fetch } = fakeFetch(json({ data: [] }));
    await new Core(dialpad, { apiKey: DIALPAD_KEY, env: {}, fetch, logger }).call(dialpadListCalls, {});
    expect(lines).toEqual([]);
  });
});

describe('Redactor.value', () => {
  it('redacts keys, values and array items, and keeps a __proto__ key (as JSON.parse leaves it) as plain data', () => {
    const redactor = new Redactor(['s3cret']);
    const parsed = JSON.parse('{"a":"x s3cret","s3cret":["s3cret"],"__proto__":{"polluted":"s3cret"}}') as object;
    const out = redactor.value(parsed) as Record<string, unknown>;
    expect(out['a']).toBe('x [REDACTED]');
    expect(out['[REDACTED]']).toEqual(['[REDACTED]']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: '[REDACTED]' });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect('polluted' in out).toBe(false);
  });
});

describe('a client logged or serialised whole', () => {
  it('shows its provider and account, never a credential, through JSON.stringify, util.inspect and withOptions', async () => {
    const { fetch } = fakeFetch(json({ data: [] }));
    const core = plivoClient({ fetch, account: 'work' });
    await core.call(plivoListMessages, {});
    const derived = core.withOptions({ authToken: 'another_token_value' });
    for (const client of [core, derived, { nested: { deeper: core } }]) {
      const shown = [JSON.stringify(client), inspect(client, { depth: Infinity, showHidden: true })].join('\n');
      for (const secret of [PLIVO_TOKEN, 'another_token_value']) expect(shown).not.toContain(secret);
    }
    expect(JSON.parse(JSON.stringify(core))).toEqual({ provider: 'plivo', account: 'work' });
    expect(inspect(core)).toBe('Core {"provider":"plivo","account":"work"}');
  });
});
