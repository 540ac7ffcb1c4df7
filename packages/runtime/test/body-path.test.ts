/**
 * Body parameters nested under keys (`body_path`): a JSON:API document
 * `{data: {type, attributes: {title, due_on}}}` built from flat arguments and a
 * constant, in JSON and in a form body, as a real server reads it.
 */

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OperationSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { operation, param, rules, telnyxClient } from './support.js';

let server: Loopback;
beforeAll(async () => {
  server = await loopback((_, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"data":{"id":"44"}}'));
});
afterAll(() => server.close());

const createTask = (body: 'json' | 'form'): OperationSpec =>
  operation({
    id: 'kanbo.create_task',
    operation: 'write',
    idempotent: false,
    endpoint: { kind: 'fixed', method: 'POST', path: '/tasks' },
    body,
    params: [
      param('title', { in: 'body', bodyPath: ['data', 'attributes'] }),
      param('due_on', { in: 'body', bodyPath: ['data', 'attributes'] }),
      param('project', { in: 'body', wire: 'id', bodyPath: ['data', 'relationships', 'project', 'data'] }),
      param('notify', { in: 'body' }),
    ],
    constants: { query: {}, header: {}, body: { data: { type: 'tasks' } } },
    successStatus: 201,
    args: rules({ title: { type: 'string' }, due_on: { type: 'string' }, project: { type: 'string' }, notify: { type: 'boolean' } }, ['title']),
  });

it('JSON: flat arguments become the nested document, merged with the constant', async () => {
  const before = server.requests.length;
  await telnyxClient({ baseURL: server.url }).call(createTask('json'), { title: 'Ship it', due_on: '2026-07-01', project: 'p1', notify: true });
  expect(JSON.parse(server.requests[before]!.body)).toEqual({
    data: { type: 'tasks', attributes: { title: 'Ship it', due_on: '2026-07-01' }, relationships: { project: { data: { id: 'p1' } } } },
    notify: true,
  });
});

it('JSON: an argument left out leaves no empty object behind', async () => {
  const before = server.requests.length;
  await telnyxClient({ baseURL: server.url }).call(createTask('json'), { title: 'Ship it' });
  expect(JSON.parse(server.requests[before]!.body)).toEqual({ data: { type: 'tasks', attributes: { title: 'Ship it' } } });
});

it('the operation’s constants are not changed by a call', async () => {
  const op = createTask('json');
  await telnyxClient({ baseURL: server.url }).call(op, { title: 'Ship it' });
  expect(op.constants?.body).toEqual({ data: { type: 'tasks' } });
});

it('form: nested keys in brackets', async () => {
  const before = server.requests.length;
  await telnyxClient({ baseURL: server.url }).call(createTask('form'), { title: 'Ship it', project: 'p1' });
  expect(decodeURIComponent(server.requests[before]!.body)).toBe('data[attributes][title]=Ship+it&data[relationships][project][data][id]=p1&data[type]=tasks');
});
