/**
 * Old parameter names kept after a rename (spec `renamed_from`): the runtime sends the value
 * under the new name, warns once per old name, and refuses both names together.
 * A real loopback server proves what was sent.
 */

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setDeprecationSink, warnDeprecatedOnce } from '../src/deprecation.js';
import { ValidationError } from '../src/errors.js';
import { loopback, type Loopback } from './loopback.js';
import { operation, param, plivoClient, rules } from './support.js';

const createThing = operation({
  id: 'example.create_thing',
  operation: 'write',
  idempotent: false,
  endpoint: { kind: 'fixed', method: 'POST', path: '/things' },
  body: 'json',
  params: [param('title', { in: 'body' }), param('labels', { in: 'body' })],
  args: rules({ title: { type: 'string' }, labels: { type: 'array', items: { type: 'string' } } }, ['title']),
  renamedParams: { name: { name: 'title', removedIn: '3.0.0' }, tags: { name: 'labels', removedIn: '3.0.0' } },
});

let server: Loopback;
let warnings: string[];
beforeAll(async () => {
  server = await loopback((_, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"t1"}'));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  warnings = [];
  setDeprecationSink((message) => warnings.push(message));
});
afterEach(() => setDeprecationSink(null));

const client = () => plivoClient({ baseURL: server.url });

describe('deprecated parameter names', () => {
  it('sends a value given under the old name under the new one', async () => {
    await client().call(createThing, { name: 'Shelf', tags: ['a'] });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ title: 'Shelf', labels: ['a'] });
  });

  it('warns once per old name, naming the new name and the version that drops the old one', async () => {
    await client().call(createThing, { name: 'Shelf' });
    await client().call(createThing, { name: 'Rack' });
    await client().call(createThing, { title: 'Box', tags: ['b'] });
    expect(warnings).toEqual([
      "example.create_thing: parameter 'name' is deprecated and is removed in version 3.0.0; use 'title'.",
      "example.create_thing: parameter 'tags' is deprecated and is removed in version 3.0.0; use 'labels'.",
    ]);
  });

  it('says nothing when only new names are used', async () => {
    await client().call(createThing, { title: 'Shelf', labels: [] });
    expect(warnings).toEqual([]);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ title: 'Shelf', labels: [] });
  });

  it('refuses the old and the new name together, before any request', async () => {
    const call = client().call(createThing, { title: 'Shelf', name: 'Rack' });
    await expect(call).rejects.toThrow(ValidationError);
    await expect(client().call(createThing, { title: 'Shelf', name: 'Rack' })).rejects.toThrow(
      "Invalid arguments for example.create_thing: 'name' is the deprecated name of 'title'; give only 'title'. No request was made.",
    );
    expect(server.requests).toHaveLength(0);
  });

  it('checks the renamed value like the new one', async () => {
    await expect(client().call(createThing, { name: 42 })).rejects.toThrow(/'title'/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('warnDeprecatedOnce', () => {
  it('says each key once', () => {
    warnDeprecatedOnce('k', 'first');
    warnDeprecatedOnce('k', 'again');
    warnDeprecatedOnce('other', 'second');
    expect(warnings).toEqual(['first', 'second']);
  });
});
