/**
 * Over real HTTP: parameters that share one wire key reach the server as that key repeated, in
 * the order the spec declares the parameters (not the order the call names them), in the query
 * and in form bodies; and a union parameter ("one id or several") is encoded by the member
 * the value belongs to, a `join` transform joining the array member and passing a string through.
 */

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OperationSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { operation, param, telnyxClient, rules } from './support.js';

let server: Loopback;
beforeAll(async () => {
  server = await loopback((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
});
afterAll(() => server.close());

async function received(op: OperationSpec, args: Record<string, unknown>) {
  const before = server.requests.length;
  await telnyxClient({ baseURL: server.url }).call(op, args);
  const [request] = server.requests.slice(before);
  return { query: request!.url.split('?')[1] ?? '', body: request!.body };
}

const range = (body: OperationSpec['body']) =>
  operation({
    id: 'test.list_events',
    endpoint: { kind: 'fixed', method: body === undefined ? 'GET' : 'POST', path: '/events' },
    body,
    params: [
      param('since', { wire: 'date', in: body === undefined ? 'query' : 'body' }),
      param('until', { wire: 'date', in: body === undefined ? 'query' : 'body' }),
      param('tag', { in: body === undefined ? 'query' : 'body' }),
      param('metadata', { in: body === undefined ? 'query' : 'body' }),
    ],
    args: rules({ since: { type: 'string' }, until: { type: 'string' }, tag: { type: 'string' }, metadata: { type: 'object' } }),
  });

it('query: two parameters on one key are both sent, in parameter order', async () => {
  const { query } = await received(range(undefined), { tag: 'x', until: '<2026-02-01', since: '>2026-01-01' });
  expect(query).toBe('tag=x&date=%3E2026-01-01&date=%3C2026-02-01');
});

it('form body: two parameters on one key are both sent, in parameter order, beside a nested object', async () => {
  const { body } = await received(range('form'), { until: '<2026-02-01', metadata: { order: '42' }, since: '>2026-01-01' });
  expect(body).toBe('date=%3E2026-01-01&date=%3C2026-02-01&metadata%5Border%5D=42');
});

it('form body: only one of them given sends that one once', async () => {
  const { body } = await received(range('form'), { until: '<2026-02-01' });
  expect(body).toBe('date=%3C2026-02-01');
});

const oneOrSeveral = operation({
  id: 'test.send',
  operation: 'write',
  idempotent: false,
  endpoint: { kind: 'fixed', method: 'POST', path: '/messages' },
  body: 'json',
  params: [param('dst', { in: 'body', transforms: [{ kind: 'join', separator: '<' }] }), param('ids', { arrayFormat: 'repeat' })],
  args: rules({
    dst: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    ids: { anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' } }] },
  }),
});

it.each<[string, Record<string, unknown>, string, string]>([
  ['the array members', { dst: ['1415', '1416'], ids: [3, 4] }, 'ids=3&ids=4', '{"dst":"1415<1416"}'],
  ['the scalar members', { dst: '1415<1416', ids: 7 }, 'ids=7', '{"dst":"1415<1416"}'],
])('a union sends %s by their own encoding', async (_, args, query, body) => {
  expect(await received(oneOrSeveral, args)).toEqual({ query, body });
});

it('a union refuses a value of no member before any request, naming the parameter', async () => {
  const before = server.requests.length;
  const failure = await telnyxClient({ baseURL: server.url }).call(oneOrSeveral, { dst: 1415 }).catch((error: unknown) => error);
  expect(String(failure)).toContain('dst');
  expect(server.requests.length).toBe(before);
});
