/**
 * Array and object values in form bodies reach the wire in the style the spec
 * declares, over real HTTP: what the loopback server reads is what the
 * provider would read (`MediaUrl=a&MediaUrl=b`, never `MediaUrl=a%2Cb` unless
 * the spec asks for comma).
 */

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ParamSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { operation, param, telnyxClient, rules } from './support.js';

let server: Loopback;
beforeAll(async () => {
  server = await loopback((_, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"sid":"SM1"}'));
});
afterAll(() => server.close());

const sendMessage = (arrayFormat: ParamSpec['arrayFormat']) =>
  operation({
    id: 'test.send_message',
    operation: 'write',
    idempotent: false,
    endpoint: { kind: 'fixed', method: 'POST', path: '/Messages.json' },
    body: 'form',
    params: [param('To', { in: 'body' }), param('MediaUrl', { in: 'body', arrayFormat }), param('metadata', { in: 'body' })],
    successStatus: 201,
    args: rules({ To: { type: 'string' }, MediaUrl: { type: 'array' }, metadata: { type: 'object' } }),
  });

it.each<[ParamSpec['arrayFormat'], string]>([
  ['repeat', 'To=%2B1&MediaUrl=a&MediaUrl=b&metadata%5Border%5D=42'],
  ['brackets', 'To=%2B1&MediaUrl%5B%5D=a&MediaUrl%5B%5D=b&metadata%5Border%5D=42'],
  ['comma', 'To=%2B1&MediaUrl=a%2Cb&metadata%5Border%5D=42'],
  ['indexed', 'To=%2B1&MediaUrl%5B0%5D=a&MediaUrl%5B1%5D=b&metadata%5Border%5D=42'],
])('array_format %s: the server receives %s', async (arrayFormat, wire) => {
  const before = server.requests.length;
  await telnyxClient({ baseURL: server.url }).call(sendMessage(arrayFormat), { To: '+1', MediaUrl: ['a', 'b'], metadata: { order: '42' } });
  expect(server.requests.slice(before).map((r) => r.body)).toEqual([wire]);
});
