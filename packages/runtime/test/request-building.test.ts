import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import type { ParamSpec, Transform } from '../src/spec.js';
import { allTransforms, applyTransforms } from '../src/transforms.js';
import {
  anyArgs,
  rules,
  dialpadClient,
  getCall,
  listPhoneNumbers,
  operation,
  param,
  PLIVO_ID,
  plivoClient,
  plivoListMessages,
  sendSms,
  sinchClient,
  sinchListMessages,
  sinchListNumbers,
  telnyxClient,
} from './support.js';

const client = telnyxClient();

describe('URLs', () => {
  it('matches the Telnyx example: bracketed wire names are percent-encoded, in argument order', () => {
    const req = client.prepare(listPhoneNumbers, { page_size: 10, filter_status: 'active' });
    expect(req.method).toBe('GET');
    expect(req.url).toBe('https://api.telnyx.com/v2/phone_numbers?page%5Bsize%5D=10&filter%5Bstatus%5D=active');
  });

  it('fills server placeholders from fields, with defaults (Sinch region us)', () => {
    expect(sinchClient().prepare(sinchListMessages, { direction: 'mt' }).url).toBe('https://us.sms.api.sinch.com/xms/v1/plan123/batches');
  });

  it('percent-encodes each server placeholder value', () => {
    expect(sinchClient({ servicePlanId: 'a/b?c' }).prepare(sinchListMessages, { direction: 'mt' }).url).toBe(
      'https://us.sms.api.sinch.com/xms/v1/a%2Fb%3Fc/batches',
    );
  });

  it('puts {auth_id} in the Plivo server URL and keeps the trailing slash of the path', () => {
    expect(plivoClient().prepare(plivoListMessages, { limit: 5 }).url).toBe(`https://api.plivo.com/v1/Account/${PLIVO_ID}/Message/?limit=5`);
  });

  it.each([
    ['a string replaces the default server', 'http://localhost:4010', 'http://localhost:4010/phone_numbers'],
    ['a trailing slash is not doubled', 'http://localhost:4010/', 'http://localhost:4010/phone_numbers'],
    ['a record replaces a server by name', { default: 'http://sandbox/v2' }, 'http://sandbox/v2/phone_numbers'],
  ])('baseURL: %s', (_, baseURL, url) => {
    expect(telnyxClient({ baseURL }).prepare(listPhoneNumbers, {}).url).toBe(url);
  });

  it('baseURL as a string leaves non-default servers alone when there are several', () => {
    const core = sinchClient({ baseURL: 'http://mock', projectId: 'p1', keyId: 'key-id-1', keySecret: 'sandbox_key_secret_0123456789' });
    expect(core.prepare(sinchListMessages, { direction: 'mt' }).url).toBe('http://mock/batches');
    expect(core.prepare(sinchListNumbers, {}).url).toBe('https://numbers.api.sinch.com/v1/projects/p1/activeNumbers');
  });
});

describe('path parameters', () => {
  it.each([
    ['a plain id', 'abc123', '/calls/abc123'],
    ['a slash stays inside one segment', 'a/b', '/calls/a%2Fb'],
    ['a percent sign is encoded, so %2e%2e is not ..', '%2e%2e', '/calls/%252e%252e'],
    ['a query character is encoded', 'x?admin=1', '/calls/x%3Fadmin%3D1'],
    ['a colon stays as documented (Telnyx v3: call ids)', 'v3:Md_I-9~a@b', '/calls/v3:Md_I-9~a@b'],
    ['a plus is encoded (some servers read + in paths as a space)', '+13125550123', '/calls/%2B13125550123'],
    ['spaces and non-ASCII are encoded', 'a b/é', '/calls/a%20b%2F%C3%A9'],
    ['a number is stringified', 42, '/calls/42'],
  ])('segment: %s', (_, value, path) => {
    expect(client.prepare(getCall, { call_control_id: value }).url).toBe(`https://api.telnyx.com/v2${path}`);
  });

  it.each(['..', '.', ''])('segment: refuses %j, naming the parameter', (value) => {
    expect(() => client.prepare(getCall, { call_control_id: value })).toThrow(ValidationError);
    expect(() => client.prepare(getCall, { call_control_id: value })).toThrow(/'call_control_id' must be a non-empty path segment/);
  });

  const rawPath = operation({ id: 'retell.api_get', endpoint: { kind: 'fixed', method: 'GET', path: '/{path}' }, params: [param('path', { in: 'path', pathStyle: 'relative_path' })] });

  it.each([
    ['one leading slash is dropped', '/v2/list-conversation-flows', '/v2/list-conversation-flows'],
    ['segments are kept', 'get-knowledge-base/kb 1', '/get-knowledge-base/kb%201'],
    ['a trailing slash is kept', 'list-voices/', '/list-voices/'],
  ])('relative_path: %s', (_, value, path) => {
    expect(client.prepare(rawPath, { path: value }).url).toBe(`https://api.telnyx.com/v2${path}`);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/steal', /absolute URL/],
    ['a protocol-relative URL', '//evil.example/steal', /absolute URL/],
    ['a parent segment', 'v2/../admin', /"\." or "\.\." segments.*v2\/\[\.\.\]\/admin/],
    ['a current segment', './v2', /"\." or "\.\." segments/],
    ['a bare ..', '..', /"\." or "\.\." segments/],
    ['an empty segment', 'a//b', /empty/],
    ['a query string', 'v2/list?limit=1', /may not contain "\?"/],
    ['a fragment', 'v2/list#x', /may not contain "#"/],
    ['a backslash', 'v2\\..\\admin', /may not contain "\\"/],
  ])('relative_path: refuses %s', (_, value, message) => {
    expect(() => client.prepare(rawPath, { path: value })).toThrow(message);
  });

  it('a missing path parameter is a ValidationError, not a malformed URL', () => {
    expect(() => client.prepare(getCall, {})).toThrow("Invalid arguments for telnyx.get_call: missing 'call_control_id'. No request was made.");
  });
});

describe('query', () => {
  const op = operation({
    id: 'test.query',
    params: [
      param('page_size', { wire: 'page[size]' }),
      param('created_after', { wire: 'created__gte' }),
      param('status', { wire: 'filter.status' }),
      param('tags_comma', { wire: 'tags', arrayFormat: 'comma' }),
      param('tags_repeat', { wire: 'tag', arrayFormat: 'repeat' }),
      param('tags_brackets', { wire: 'ids', arrayFormat: 'brackets' }),
      param('tags_indexed', { wire: 'to', arrayFormat: 'indexed' }),
      param('filter', { wire: 'filter' }),
      param('flag'),
      param('note'),
    ],
    constants: { query: { version: 2, pretty: false }, header: {}, body: {} },
  });
  const query = (args: object) => decodeURIComponent(new URL(client.prepare(op, args).url).search.slice(1));

  it.each([
    ['brackets wire name (JSON:API)', { page_size: 10 }, 'page[size]=10'],
    ['Django suffix name', { created_after: '2026-01-01' }, 'created__gte=2026-01-01'],
    ['dotted key', { status: 'active' }, 'filter.status=active'],
    ['comma array', { tags_comma: ['a', 'b'] }, 'tags=a,b'],
    ['repeat array', { tags_repeat: ['a', 'b'] }, 'tag=a&tag=b'],
    ['brackets array', { tags_brackets: [1, 2] }, 'ids[]=1&ids[]=2'],
    ['indexed array', { tags_indexed: ['a', 'b'] }, 'to[0]=a&to[1]=b'],
    ['deep object', { filter: { status: 'active', tag: 'x' } }, 'filter[status]=active&filter[tag]=x'],
    ['nested deep object', { filter: { created: { gte: 1 } } }, 'filter[created][gte]=1'],
    ['boolean', { flag: true }, 'flag=true'],
    ['empty array sends nothing', { tags_comma: [] }, ''],
  ])('%s', (_, args, expected) => {
    expect(query(args)).toBe(expected ? `version=2&pretty=false&${expected}` : 'version=2&pretty=false');
  });

  it('orders the query: constants, then arguments as the caller wrote them', () => {
    expect(query({ flag: false, page_size: 5 })).toBe('version=2&pretty=false&flag=false&page[size]=5');
    expect(query({ page_size: 5, flag: false })).toBe('version=2&pretty=false&page[size]=5&flag=false');
  });

  it('encodes spaces as + and reserved characters, like the providers\' examples', () => {
    expect(client.prepare(op, { note: 'a b&c=d' }).url).toContain('note=a+b%26c%3Dd');
  });

  it('refuses an object inside an array, naming the parameter', () => {
    expect(() => client.prepare(op, { tags_repeat: [{ a: 1 }] })).toThrow(/'tags_repeat' cannot be sent in tag/);
  });

  it('refuses an object key with a bracket, which would nest it as another key (a][b makes filter[a][b])', () => {
    expect(() => client.prepare(op, { filter: { 'a][b': 'x' } })).toThrow(`'filter' cannot be sent in filter: the key "a][b" has a bracket, which would nest it as another key`);
    expect(() => client.prepare(op, { filter: { created: { 'gte]': 1 } } })).toThrow(/the key "gte\]" has a bracket/);
  });

  it('omits undefined and null arguments', () => {
    expect(query({ page_size: undefined, status: null })).toBe('version=2&pretty=false');
  });
});

describe('transforms', () => {
  it.each<[string, Transform[], unknown, unknown]>([
    ['seconds_to_milliseconds', [{ kind: 'seconds_to_milliseconds' }], 1.1, 1100],
    ['strip_plus', [{ kind: 'strip_plus' }], '+13125550123', '13125550123'],
    ['strip_plus leaves other strings', [{ kind: 'strip_plus' }], '2345', '2345'],
    ['strip_plus on each element', [{ kind: 'strip_plus' }], ['+1', '+2'], ['1', '2']],
    ['wrap_in_array', [{ kind: 'wrap_in_array' }], '+1', ['+1']],
    ['wrap_in_array keeps arrays', [{ kind: 'wrap_in_array' }], ['+1'], ['+1']],
    ['join', [{ kind: 'join', separator: '<' }], ['1', '2'], '1<2'],
    ['map by String(value)', [{ kind: 'map', values: { true: 'MMS', false: 'SMS' } }], false, 'SMS'],
    ['map leaves unknown values', [{ kind: 'map', values: { a: 1 } }], 'b', 'b'],
    ['datetime_format to UTC', [{ kind: 'datetime_format', format: 'YYYY-MM-DD HH:mm:ss' }], '2026-11-01T02:30:05+02:00', '2026-11-01 00:30:05'],
    ['datetime_format without offset is UTC', [{ kind: 'datetime_format', format: 'YYYYMMDDHHmmss' }], '2026-11-01T02:30:05', '20261101023005'],
    ['in order: wrap then join', [{ kind: 'strip_plus' }, { kind: 'wrap_in_array' }, { kind: 'join', separator: ',' }], '+1', '1'],
    ['json_encode an object, keys sorted at every depth', [{ kind: 'json_encode' }], { name: 'Ada', n: [{ z: 1, a: 2 }], b: { y: 1, x: 2 } }, '{"b":{"x":2,"y":1},"n":[{"a":2,"z":1}],"name":"Ada"}'],
    ['json_encode an array, in its order', [{ kind: 'json_encode' }], [{ a: 1 }, 3, 'x'], '[{"a":1},3,"x"]'],
    ['json_encode keeps UTF-8 where text may carry it', [{ kind: 'json_encode' }], { city: 'Zürich' }, '{"city":"Zürich"}'],
    ['json_encode for a header writes \\uXXXX', [{ kind: 'json_encode', asciiOnly: true }], { path: '/Zürich/☃/😀' }, '{"path":"/Z\\u00fcrich/\\u2603/\\ud83d\\ude00"}'],
    ['json_encode passes JSON text given as a string (a union member) through', [{ kind: 'json_encode' }], '{"already": "text"}', '{"already": "text"}'],
  ])('%s', (_, transforms, input, output) => {
    expect(applyTransforms(input, transforms, allTransforms)).toEqual(output);
  });

  it('a transformed query parameter reaches the wire (Plivo start_time)', () => {
    const url = plivoClient().prepare(plivoListMessages, { start_time: '2026-11-01T00:00:00Z' }).url;
    expect(url).toContain('message_time__gte=2026-11-01+00%3A00%3A00');
  });

  it('a json_encode parameter reaches the query, a header and a form body as JSON text', () => {
    const op = operation({
      id: 'acme.search',
      operation: 'write',
      endpoint: { kind: 'fixed', method: 'POST', path: '/search' },
      body: 'form',
      params: [
        param('filter', { in: 'query', transforms: [{ kind: 'json_encode' }] }),
        param('arg', { in: 'header', wire: 'Acme-API-Arg', transforms: [{ kind: 'json_encode', asciiOnly: true }] }),
        param('variables', { in: 'body', wire: 't:variables', transforms: [{ kind: 'json_encode' }] }),
      ],
      args: rules({ filter: { type: 'object' }, arg: { type: 'object' }, variables: { type: 'object' } }),
    });
    const req = client.prepare(op, { filter: { status: 'active' }, arg: { path: '/é' }, variables: { name: 'Ada' } });
    // The same text whatever order the caller's keys came in (a Lua table has none).
    expect(client.prepare(op, { variables: { z: 1, a: 2 } }).body).toBe(client.prepare(op, { variables: { a: 2, z: 1 } }).body);
    expect(new URL(req.url).searchParams.get('filter')).toBe('{"status":"active"}');
    expect(req.headers['acme-api-arg']).toBe('{"path":"/\\u00e9"}');
    expect(new URLSearchParams(req.body ?? '').get('t:variables')).toBe('{"name":"Ada"}');
  });

  it('a string given where json_encode takes JSON text must parse, or the call fails before sending, naming the parameter', () => {
    const op = operation({
      id: 'acme.send',
      operation: 'write',
      endpoint: { kind: 'fixed', method: 'POST', path: '/send' },
      body: 'form',
      params: [param('variables', { in: 'body', wire: 't:variables', transforms: [{ kind: 'json_encode' }] })],
      args: rules({ variables: { anyOf: [{ type: 'object' }, { type: 'string' }] } }),
    });
    expect(new URLSearchParams(client.prepare(op, { variables: '{"name": "Ada"}' }).body ?? '').get('t:variables')).toBe('{"name": "Ada"}');
    expect(() => client.prepare(op, { variables: '{name: Ada}' })).toThrow(`'variables' must be JSON text when given as a string (got "{name: Ada}")`);
  });

  it('an unparseable date-time is a ValidationError naming the parameter', () => {
    expect(() => plivoClient().prepare(plivoListMessages, { start_time: 'next tuesday' })).toThrow(/'start_time' must be an ISO-8601 date-time/);
  });
});

describe('bodies and headers', () => {
  it('JSON body with wire names and transforms (Telnyx send_sms)', () => {
    const req = client.prepare(sendSms, { from: '+13125550123', to: '+19175550188', use_mms: true, media_urls: ['https://x/p.png'] });
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body ?? '')).toEqual({ from: '+13125550123', to: '+19175550188', media_urls: ['https://x/p.png'], type: 'MMS' });
  });

  const form = operation({
    id: 'test.form',
    operation: 'write',
    idempotent: false,
    endpoint: { kind: 'fixed', method: 'POST', path: '/Messages.json' },
    body: 'form',
    params: [param('To', { in: 'body' }), param('MediaUrl', { in: 'body' }), param('Meta', { in: 'body' })],
    constants: { query: {}, header: {}, body: { Channel: 'sms' } },
  });

  it('form body: repeated arrays, deep objects, constants, form content type', () => {
    const req = client.prepare(form, { To: '+1 555', MediaUrl: ['a', 'b'], Meta: { k: 'v' } });
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.body).toBe('To=%2B1+555&MediaUrl=a&MediaUrl=b&Meta%5Bk%5D=v&Channel=sms');
  });

  it.each<[ParamSpec['arrayFormat'], unknown, string]>([
    ['repeat', ['a', 'b'], 'MediaUrl=a&MediaUrl=b'],
    ['brackets', ['a', 'b'], 'MediaUrl[]=a&MediaUrl[]=b'],
    ['comma', ['a', 'b'], 'MediaUrl=a,b'],
    ['indexed', ['a', 'b'], 'MediaUrl[0]=a&MediaUrl[1]=b'],
    ['indexed', [{ url: 'a', kind: 'png' }], 'MediaUrl[0][url]=a&MediaUrl[0][kind]=png'],
  ])('form body array_format %s: %j → %s', (arrayFormat, value, expected) => {
    const op = operation({ ...form, params: [param('MediaUrl', { in: 'body', arrayFormat })], constants: { query: {}, header: {}, body: {} } });
    expect(decodeURIComponent(client.prepare(op, { MediaUrl: value }).body ?? '')).toBe(expected);
  });

  it('form body: a nested object goes in as key[sub]=v', () => {
    const op = operation({ ...form, params: [param('metadata', { in: 'body' })], args: rules({ metadata: { type: 'object' } }), constants: { query: {}, header: {}, body: {} } });
    expect(decodeURIComponent(client.prepare(op, { metadata: { order: '42', 'a b': 'c' } }).body ?? '')).toBe('metadata[order]=42&metadata[a+b]=c');
  });

  it('no body and no content type for body: none', () => {
    const req = client.prepare(listPhoneNumbers, {});
    expect(req.body).toBeNull();
    expect(req.headers['content-type']).toBeUndefined();
  });

  const spread = operation({
    id: 'retell.create_web_call',
    operation: 'write',
    endpoint: { kind: 'fixed', method: 'POST', path: '/v3/create-web-call' },
    body: 'json',
    params: [param('data', { in: 'body', spread: true }), param('agent_version', { in: 'body' })],
    constants: { query: {}, header: {}, body: { kind: 'web' } },
  });

  it('spread merges an object into the body root; named params and constants win over it', () => {
    const req = client.prepare(spread, { data: { agent_id: 'a1', metadata: { x: 1 }, agent_version: 1, kind: 'x' }, agent_version: 2 });
    expect(JSON.parse(req.body ?? '')).toEqual({ agent_id: 'a1', metadata: { x: 1 }, agent_version: 2, kind: 'web' });
  });

  it('a JSON write with no arguments still sends {}', () => {
    expect(client.prepare(spread, {}).body).toBe('{"kind":"web"}');
  });

  const headered = operation({
    id: 'test.headers',
    params: [param('idempotency_key', { in: 'header', wire: 'Idempotency-Key' })],
    constants: { query: {}, header: { 'X-Api-Version': '2' }, body: {} },
  });

  it('headers: accept JSON, header params, constants, auth, then defaultHeaders', () => {
    const req = telnyxClient({ defaultHeaders: { 'X-Api-Version': '3', 'User-Agent': 'me' } }).prepare(headered, { idempotency_key: 'k1' });
    expect(req.headers).toEqual({
      accept: 'application/json',
      'idempotency-key': 'k1',
      'x-api-version': '3',
      authorization: 'Bearer [REDACTED]',
      'user-agent': 'me',
    });
  });
});

describe('endpoint selection', () => {
  const sinch = sinchClient();

  it.each([
    ['mt', { from: 'Acme' }, 'https://us.sms.api.sinch.com/xms/v1/plan123/batches?from=Acme'],
    ['mo', { to: '+13125550123' }, 'https://us.sms.api.sinch.com/xms/v1/plan123/inbounds?to=%2B13125550123'],
  ])('direction %s picks its endpoint and the selector is not sent', (direction, args, url) => {
    expect(sinch.prepare(sinchListMessages, { direction, ...args }).url).toBe(url);
  });

  it('a parameter of another case is refused, not silently dropped', () => {
    expect(() => sinch.prepare(sinchListMessages, { direction: 'mt', to: '+1' })).toThrow(
      `Invalid arguments for sinch.list_messages: 'to' applies only when direction is mo (got direction = "mt"). No request was made.`,
    );
  });

  it('a selector value with no case is refused even without a validator', () => {
    const loose = { ...sinchListMessages, args: anyArgs(sinchListMessages.params) };
    expect(() => sinch.prepare(loose, { direction: 'both' })).toThrow(`'direction' must be one of mt, mo (got "both")`);
  });
});
