import { itemsOf } from '../src/pages.js';
/**
 * Arguments no caller should send, each refused with a ValidationError naming
 * the parameter before any request: values JSON cannot carry, structures that
 * crash a recursive reader, objects that throw or change when read, a
 * `__proto__` key a spread would drop, and sizes past the documented limits.
 * A real loopback server proves nothing was sent.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import { loopback, type Loopback } from './loopback.js';
import { listPhoneNumbers, operation, param, telnyxClient, rules } from './support.js';

const createAgent = operation({
  id: 'test.create_agent',
  operation: 'write',
  idempotent: false,
  endpoint: { kind: 'fixed', method: 'POST', path: '/agents' },
  body: 'json',
  params: [param('name', { in: 'body' }), param('metadata', { in: 'body' }), param('data', { in: 'body', spread: true })],
  args: rules({ name: { type: 'string' }, metadata: { type: 'object' }, data: { type: 'object' } }),
});

let server: Loopback;
beforeAll(async () => {
  server = await loopback((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"meta":{"total_pages":1}}'));
});
afterAll(() => server.close());

function nested(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) node = { a: node };
  return node;
}

function circular(): Record<string, unknown> {
  const node: Record<string, unknown> = { name: 'loop' };
  node['self'] = node;
  return node;
}

const throwing = (trap: 'ownKeys' | 'get') => new Proxy({ x: 1 }, { [trap]: () => { throw new Error(`${trap} trap says no`); } });

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

const CASES: Array<[string, string, RegExp, () => object]> = [
  ['a BigInt where a string is expected', 'name', /is a BigInt, which JSON cannot carry/, () => ({ name: 10n })],
  ['a BigInt inside metadata', 'metadata.n', /is a BigInt/, () => ({ metadata: { n: 1n } })],
  ['metadata nested 10,000 deep', 'metadata.a.a.a.a.a…', /is nested deeper than 32 levels \(the maxArgumentDepth option\)/, () => ({ metadata: nested(10_000) })],
  ['a circular metadata object', 'metadata.self', /contains itself \(a circular reference\)/, () => ({ metadata: circular() })],
  ['a circular array', 'metadata.list[0]', /circular reference/, () => { const list: unknown[] = []; list.push(list); return { metadata: { list } }; }],
  ['a Proxy whose ownKeys throws', 'metadata', /could not be read \(Error: ownKeys trap says no\)/, () => ({ metadata: throwing('ownKeys') })],
  ['a Proxy whose get throws', 'metadata.x', /could not be read \(Error: get trap says no\)/, () => ({ metadata: throwing('get') })],
  ['a revoked Proxy', 'metadata', /could not be read \(TypeError: /, () => ({ metadata: revoked() })],
  ['arguments that are a throwing Proxy', '(arguments)', /could not be read/, () => throwing('ownKeys')],
  ['a getter that throws', 'name', /could not be read \(Error: getter says no\)/, () => ({ get name(): string { throw new Error('getter says no'); } })],
  ['__proto__ inside a spread body', 'data.__proto__', /`__proto__` is not a usable property name/, () => ({ data: JSON.parse('{"__proto__": {"admin": true}, "kind": "x"}') as object })],
  ['__proto__ inside metadata', 'metadata.a.__proto__', /`__proto__`/, () => ({ metadata: JSON.parse('{"a": {"__proto__": 1}}') as object })],
  ['10 MB of text', 'name', /makes the request larger than 1048576 bytes \(the maxRequestBytes option\)/, () => ({ name: TEN_MB })],
  ['a sparse array of a billion slots', 'metadata', /larger than 1048576 bytes/, () => ({ metadata: { list: new Array(1e9) } })],
];

describe('hostile arguments are refused before any request', () => {
  it.each(CASES)('%s → ValidationError naming %s', async (_, path, problem, args) => {
    const before = server.requests.length;
    const error = await telnyxClient({ baseURL: server.url })
      .call(createAgent, args())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const issue = (error as ValidationError).issues[0];
    expect(issue?.path).toBe(path);
    expect(issue?.problem).toMatch(problem);
    expect((error as Error).message).toContain('No request was made.');
    expect(server.requests.length).toBe(before);
  });

  it.each(CASES)('prepare() refuses %s the same way, naming %s', (_, path, _problem, args) => {
    expect(() => telnyxClient().prepare(createAgent, args())).toThrow(ValidationError);
    expect(() => telnyxClient().prepare(createAgent, args())).toThrow(path === '(arguments)' ? '(arguments)' : `'${path}'`);
  });

  it('items() refuses throwing arguments before the first page', async () => {
    const before = server.requests.length;
    const walk = itemsOf(telnyxClient({ baseURL: server.url }), listPhoneNumbers, throwing('ownKeys'));
    await expect(walk.next()).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests.length).toBe(before);
  });
});

describe('arguments are read once', () => {
  it('a getter that changes its value cannot slip an unvalidated value into the body', async () => {
    let reads = 0;
    const args = {
      get name(): unknown {
        reads++;
        return reads === 1 ? 'checked' : { sneaky: true };
      },
    };
    const before = server.requests.length;
    await telnyxClient({ baseURL: server.url }).call(createAgent, args);
    expect(server.requests.slice(before).map((r) => r.body)).toEqual(['{"name":"checked"}']);
    expect(reads).toBe(1);
  });
});

describe('the limits are options', () => {
  it('maxRequestBytes raised: 2 MB of text is sent', async () => {
    const before = server.requests.length;
    await telnyxClient({ baseURL: server.url, maxRequestBytes: 4 * 1024 * 1024 }).call(createAgent, { name: 'y'.repeat(2 * 1024 * 1024) });
    expect(server.requests.length).toBe(before + 1);
    expect(server.requests.at(-1)?.body.length).toBe(2 * 1024 * 1024 + '{"name":""}'.length);
  });

  it('maxRequestBytes is checked exactly on the built request (URL plus UTF-8 body)', () => {
    const client = telnyxClient({ maxRequestBytes: 100 });
    // The body is 11 bytes of JSON around the name.
    const url = client.prepare(createAgent, {}).url;
    const fits = 100 - url.length - '{"name":""}'.length;
    expect(() => client.prepare(createAgent, { name: 'z'.repeat(fits) })).not.toThrow();
    expect(() => client.prepare(createAgent, { name: 'z'.repeat(fits + 1) })).toThrow(/'\(request body\)' would make the request 101 bytes, more than 100 \(the maxRequestBytes option\)/);
    // é is two bytes in UTF-8 though one character.
    expect(() => client.prepare(createAgent, { name: 'é'.repeat(fits) })).toThrow(ValidationError);
  });

  it('maxArgumentDepth raised: metadata 40 deep is sent', async () => {
    const before = server.requests.length;
    await telnyxClient({ baseURL: server.url, maxArgumentDepth: 64 }).call(createAgent, { metadata: nested(40) });
    expect(server.requests.length).toBe(before + 1);
  });

  it('the default depth allows 32 levels and refuses 33', () => {
    const client = telnyxClient();
    // metadata itself is level 1, so nested(31) puts its innermost object at level 32.
    expect(() => client.prepare(createAgent, { metadata: nested(31) })).not.toThrow();
    expect(() => client.prepare(createAgent, { metadata: nested(32) })).toThrow(/nested deeper than 32 levels/);
  });
});
