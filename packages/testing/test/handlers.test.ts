import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionExample, ProviderExamples } from '../src/examples.js';
import { handlersFor } from '../src/handlers.js';

const URL_ = 'https://api.example.test/v2/orders/O1/capture';
const capture = (title: string, headers: Record<string, string>, status: number, body: unknown): FunctionExample => ({
  function: 'shop.capture_order',
  title,
  arguments: {},
  route: { method: 'POST', urls: ['https://api.example.test/v2/orders/{id}/capture'], anyPath: false },
  request: { method: 'POST', url: URL_, headers: { authorization: 'Bearer t', ...headers }, body: null },
  response: { status, headers: { 'content-type': 'application/json' }, body },
});

// Two examples of one request that differ only in a header parameter, the error one first.
const data: ProviderExamples = {
  provider: 'shop',
  servers: ['https://api.example.test/v2'],
  tokenEndpoints: [],
  examples: [capture('Not approved yet', {}, 422, { name: 'UNPROCESSABLE_ENTITY' }), capture('Minimal answer', { prefer: 'return=minimal' }, 201, { id: 'O1', status: 'COMPLETED' })],
  error: { status: 404, body: { name: 'NOT_FOUND' } },
};

const server = setupServer(...handlersFor(data));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('mock handlers, examples that differ only in a header', () => {
  it('answer the example whose documented header the request carries', async () => {
    const res = await fetch(URL_, { method: 'POST', headers: { authorization: 'Bearer t', prefer: 'return=minimal' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 'O1', status: 'COMPLETED' });
  });

  it('answer the one without it when the request has none', async () => {
    const res = await fetch(URL_, { method: 'POST', headers: { authorization: 'Bearer t' } });
    expect(res.status).toBe(422);
  });

  it('still answer a request with other credentials (the sandbox) by method, URL and body', async () => {
    const res = await fetch(URL_, { method: 'POST', headers: { authorization: 'Bearer sandbox', prefer: 'return=minimal' } });
    expect(res.status).toBe(422);
  });
});
