/** Everything refused before a request: bad arguments, unavailable operations, missing credentials. */

import { describe, expect, it } from 'vitest';
import { allParts, allProviderParts } from '../src/all-parts.js';
import { allAuthKinds } from '../src/all-parts.js';
import { Core } from '../src/core.js';
import { itemsOf } from '../src/pages.js';
import { encodePathValue } from '../src/path.js';
import { MissingCredentialsError, UnavailableFunctionError, ValidationError } from '../src/errors.js';
import type { OperationSpec, ProviderSpec, UnavailableOperationSpec } from '../src/spec.js';
import { fakeFetch, getCall, json, listPhoneNumbers, operation, param, PLIVO_ID, PLIVO_TOKEN, plivo, plivoListMessages, sendSms, sinch, sinchListMessages, sinchClient, sinchListNumbers, TELNYX_KEY, telnyx, telnyxClient } from './support.js';

function attempt(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('argument validation', () => {
  it.each([
    ['missing required', sendSms, {}, "Invalid arguments for telnyx.send_sms: missing 'to'. No request was made."],
    [
      'wrong enum value',
      listPhoneNumbers,
      { filter_status: 'actve' },
      `Invalid arguments for telnyx.list_phone_numbers: 'filter_status' must be one of purchase-pending, active, deleted (got "actve"). No request was made.`,
    ],
    ['unknown key', sendSms, { to: '+1', colour: 'red' }, "Invalid arguments for telnyx.send_sms: unknown 'colour'. No request was made."],
    [
      'wrong type',
      listPhoneNumbers,
      { page_size: '10' },
      `Invalid arguments for telnyx.list_phone_numbers: 'page_size' must be an integer (got string "10"). No request was made.`,
    ],
    [
      'a nested array element',
      sendSms,
      { to: '+1', media_urls: ['ok', 3] },
      `Invalid arguments for telnyx.send_sms: 'media_urls[1]' must be a string (got number 3). No request was made.`,
    ],
    [
      'several problems at once, each named',
      sendSms,
      { colour: 'red', text: '' },
      "Invalid arguments for telnyx.send_sms: missing 'to'; unknown 'colour'; 'text' must be at least 1 character long (got \"\"). No request was made.",
    ],
  ])('%s', async (_, op, args, message) => {
    const { fetch, calls } = fakeFetch(json({}));
    const client = telnyxClient({ fetch });
    await expect(client.call(op, args)).rejects.toThrow(message);
    expect(calls).toHaveLength(0);
  });

  it('exposes the operation and structured issues', () => {
    const error = attempt(() => telnyxClient().prepare(listPhoneNumbers, { filter_status: 'actve' })) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.operation).toBe('telnyx.list_phone_numbers');
    expect(error.issues).toEqual([
      { path: 'filter_status', problem: 'must be one of purchase-pending, active, deleted', expected: 'purchase-pending, active, deleted', received: '"actve"' },
    ]);
  });

  it("does not mutate the caller's arguments", () => {
    const args = { to: '+1' };
    telnyxClient().prepare(sendSms, args);
    expect(args).toEqual({ to: '+1' });
  });
});

describe('unavailable operations', () => {
  const unavailable: UnavailableOperationSpec = {
    id: 'sinch.get_call',
    unavailable: { reason: 'The SMS API has no voice calls.', alternative: 'Use the Sinch Voice API.' },
  };

  it('fail with the reason and alternative, before any request', async () => {
    const { fetch, calls } = fakeFetch(json({}));
    const error = await telnyxClient({ fetch }).call(unavailable, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableFunctionError);
    expect(error).toMatchObject({ reason: 'The SMS API has no voice calls.', alternative: 'Use the Sinch Voice API.' });
    expect((error as Error).message).toBe('sinch.get_call is not available: The SMS API has no voice calls. Instead: Use the Sinch Voice API.');
    expect(calls).toHaveLength(0);
  });
});

describe('credentials', () => {
  it('a missing key names the environment variable and the option, and nothing is sent', async () => {
    const { fetch, calls } = fakeFetch(json({}));
    const error = await new Core(telnyx, { env: {}, fetch }).call(sendSms, { to: '+1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as Error).message).toBe(
      "Telnyx needs api_key for telnyx.send_sms: api_key: set TELNYX_API_KEY or pass { apiKey: '…' } to the client. No request was made.",
    );
    expect(calls).toHaveLength(0);
  });

  it('reads the default account from its environment variable', () => {
    const req = new Core(telnyx, { env: { TELNYX_API_KEY: 'from-env-key' } }).prepare(listPhoneNumbers, {});
    expect(req.headers.authorization).toBe('Bearer [REDACTED]');
  });

  it('a named account reads TELNYX_{ACCOUNT}_API_KEY, upper-cased with - as _', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [] }));
    const env = { TELNYX_API_KEY: 'default-key', TELNYX_EU_SALES_API_KEY: 'eu-sales-key' };
    await new Core(telnyx, { env, fetch, account: 'eu-sales' }).call(listPhoneNumbers, {});
    expect(calls[0]?.headers.authorization).toBe('Bearer eu-sales-key');
  });

  it("a named account's missing key names the account's variable, not the default one", () => {
    const error = attempt(() => new Core(telnyx, { env: { TELNYX_API_KEY: 'default-key' }, account: 'work' }).prepare(listPhoneNumbers, {}));
    expect((error as Error).message).toContain('set TELNYX_WORK_API_KEY');
  });

  it('an option given directly wins over the environment', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [] }));
    await new Core(telnyx, { env: { TELNYX_API_KEY: 'env-key' }, apiKey: 'option-key', fetch }).call(listPhoneNumbers, {});
    expect(calls[0]?.headers.authorization).toBe('Bearer option-key');
  });

  it('withOptions derives a client for another account', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [] }));
    const base = new Core(telnyx, { env: { TELNYX_API_KEY: 'default-key', TELNYX_WORK_API_KEY: 'work-key' }, fetch });
    await base.withOptions({ account: 'work' }).call(listPhoneNumbers, {});
    await base.call(listPhoneNumbers, {});
    expect(calls.map((c) => c.headers.authorization)).toEqual(['Bearer work-key', 'Bearer default-key']);
  });

  it('only the fields this operation needs are required (SMS works without Numbers API keys)', () => {
    const core = new Core(sinch, { env: { SINCH_API_TOKEN: 'tok', SINCH_SERVICE_PLAN_ID: 'plan' } });
    expect(core.prepare(sinchListMessages, { direction: 'mt' }).url).toBe('https://us.sms.api.sinch.com/xms/v1/plan/batches');
    expect(() => core.prepare(sinchListNumbers, {})).toThrow(
      "Sinch needs project_id, key_id, key_secret for sinch.list_phone_numbers: project_id: set SINCH_PROJECT_ID or pass { projectId: '…' } to the client; key_id: set SINCH_KEY_ID or pass { keyId: '…' } to the client; key_secret: set SINCH_KEY_SECRET or pass { keySecret: '…' } to the client. No request was made.",
    );
  });

  it('what one server needs is worked out once per client: a missing field fails every call, a second server is worked out on its own', () => {
    const core = new Core(sinch, { env: { SINCH_API_TOKEN: 'tok', SINCH_SERVICE_PLAN_ID: 'plan' } });
    for (let i = 0; i < 2; i++) expect(() => core.prepare(sinchListNumbers, {})).toThrow(MissingCredentialsError);
    expect(core.prepare(sinchListMessages, { direction: 'mt' }).url).toBe('https://us.sms.api.sinch.com/xms/v1/plan/batches');
    expect(core.prepare(sinchListMessages, { direction: 'mo' }).url).toBe('https://us.sms.api.sinch.com/xms/v1/plan/inbounds');
    expect(() => core.prepare(sinchListNumbers, {})).toThrow(/Sinch needs project_id, key_id, key_secret for sinch.list_phone_numbers/);
  });

  it('an empty environment variable counts as missing and the field default applies', () => {
    const core = new Core(sinch, { env: { SINCH_API_TOKEN: 'tok', SINCH_SERVICE_PLAN_ID: 'plan', SINCH_REGION: '' } });
    expect(core.prepare(sinchListMessages, { direction: 'mt' }).url).toMatch(/^https:\/\/us\./);
  });

  it('validation comes before credentials, so argument mistakes are reported first', () => {
    expect(() => new Core(telnyx, { env: {} }).prepare(sendSms, {})).toThrow(ValidationError);
  });
});

describe('runtime parts an operation carries', () => {
  it('an operation whose data needs a part it does not carry is refused before sending, naming the part', async () => {
    const { fetch, calls } = fakeFetch(json({}));
    const core = sinchClient({ fetch });
    const { endpoint: _endpoint, ...otherParts } = allParts;
    const withoutParts = { ...sinchListMessages, parts: otherParts };
    await expect(core.call(withoutParts, { direction: 'mo' })).rejects.toThrow(/sinch\.list_messages needs the runtime part 'endpoint'/);
    expect(calls).toHaveLength(0);
  });

  it('a path with placeholders needs the path part, which fills and encodes them: refused without it, never sent unfilled', async () => {
    const { fetch, calls } = fakeFetch(json({}));
    const core = telnyxClient({ fetch });
    const { path: _path, ...otherParts } = allParts;
    await expect(core.call({ ...getCall, parts: otherParts }, { call_control_id: 'a/b' })).rejects.toThrow(/telnyx\.get_call needs the runtime part 'path'/);
    expect(calls).toHaveLength(0);
    // With it, the value is one encoded segment, and a traversal is an issue naming the parameter.
    expect(core.prepare(getCall, { call_control_id: 'v3:a/b' }).url).toBe('https://api.telnyx.com/v2/calls/v3:a%2Fb');
    expect(() => core.prepare(getCall, { call_control_id: '..' })).toThrow(/'call_control_id' must be a non-empty path segment/);
  });

  it('a relative_path parameter needs the relative path part: the segment-only one refuses it, never encodes it as one segment', () => {
    const apiGet = operation({ id: 'retell.api_get', endpoint: { kind: 'fixed', method: 'GET', path: '/{path}' }, params: [param('path', { in: 'path', pathStyle: 'relative_path' })] });
    const core = telnyxClient();
    expect(() => core.prepare({ ...apiGet, parts: { ...allParts, path: encodePathValue } }, { path: 'v2/list-calls' })).toThrow(/needs the path part 'encodeRelativePathValue'/);
    expect(core.prepare(apiGet, { path: 'v2/list-calls' }).url).toBe('https://api.telnyx.com/v2/v2/list-calls');
  });

  it('a list operation walks pages only with its strategy part: refused without it, before any page is fetched', async () => {
    const { fetch, calls } = fakeFetch(json({ data: [] }));
    const { paging: _paging, ...otherParts } = allParts;
    const walk = itemsOf(telnyxClient({ fetch }), { ...listPhoneNumbers, parts: otherParts }, {});
    await expect(walk.next()).rejects.toThrow(/telnyx\.list_phone_numbers needs the runtime part 'paging'/);
    expect(calls).toHaveLength(0);
  });

  it('a rule naming a format the operation does not carry is refused, never passed unchecked', async () => {
    const { fetch, calls } = fakeFetch(json({}));
    const { parts: _all, ...plain } = sendSms;
    const withoutParts = { ...plain, args: { properties: { ...plain.args.properties, to: { type: 'string', format: 'e164' } } } } satisfies OperationSpec;
    const core = telnyxClient({ fetch });
    await expect(core.call(withoutParts, { to: '+15555550100', text: 'hi' })).rejects.toThrow(/format 'e164'/);
    expect(calls).toHaveLength(0);
  });
});

describe('runtime parts a provider carries', () => {
  it("a provider whose server's auth kind it does not carry is refused before sending, naming the part", async () => {
    const { fetch, calls } = fakeFetch(json({}));
    const withoutBearer: ProviderSpec = { ...telnyx, parts: { auth: { basic: allAuthKinds.basic } } };
    const core = new Core(withoutBearer, { apiKey: TELNYX_KEY, env: {}, fetch });
    await expect(core.call(sendSms, { to: '+15555550100', text: 'hi' })).rejects.toThrow(/telnyx has a server with bearer auth, but its ProviderSpec does not carry the runtime part 'auth\.bearer'/);
    expect(() => core.prepare(sendSms, { to: '+15555550100', text: 'hi' })).toThrow(/'auth\.bearer'/);
    expect(calls).toHaveLength(0);
  });

  it('a provider with headers of its own or a server chosen by a field is refused without accountParts', async () => {
    const { fetch, calls } = fakeFetch(json({}));
    const { accounts: _accounts, ...authOnly } = allProviderParts;
    expect(() => new Core({ ...telnyx, parts: authOnly, headers: { 'X-Team': 'fixed' } }, { apiKey: TELNYX_KEY, env: {}, fetch })).toThrow(/telnyx needs the runtime part 'accounts'/);
    const chosen: ProviderSpec = { ...telnyx, parts: authOnly, servers: { default: { url: { byField: 'api_key', urls: { a: 'https://a.example' } }, auth: telnyx.servers.default!.auth } } };
    await expect(new Core(chosen, { apiKey: 'a', env: {}, fetch }).call(sendSms, { to: '+15555550100', text: 'hi' })).rejects.toThrow(/'accounts'/);
    expect(calls).toHaveLength(0);
  });

  it('a Basic token is redacted only through its auth kind: the part carries what it derives', () => {
    const core = new Core(plivo, { authId: PLIVO_ID, authToken: PLIVO_TOKEN, env: {} });
    const token = Buffer.from(`${PLIVO_ID}:${PLIVO_TOKEN}`).toString('base64');
    expect(core.prepare(plivoListMessages, {}).headers.authorization).toBe('Basic [REDACTED]');
    expect(core.redactor.string(`token ${token}`)).toBe('token [REDACTED]');
  });
});
