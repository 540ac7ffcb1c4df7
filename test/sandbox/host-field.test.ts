import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlersFor, type ProviderExamples } from '@switchboard/testing';

// A provider whose whole host is an account field (a self-hosted product), listed before another
// provider: its pattern `https://*/*` matches every request, the other provider's included.
const selfHosted: ProviderExamples = {
  provider: 'selfhosted',
  servers: ['https://{host}/api'],
  tokenEndpoints: [],
  examples: [
    {
      function: 'selfhosted.list_items',
      title: 'List items',
      arguments: {},
      route: { method: 'GET', urls: ['https://{host}/api/items'], anyPath: false },
      request: { method: 'GET', url: 'https://tracker.acme.test/api/items', headers: {}, body: null },
      response: { status: 200, headers: {}, body: { from: 'selfhosted' } },
    },
  ],
  error: { status: 404, body: { error: 'selfhosted envelope' } },
};

const other: ProviderExamples = {
  provider: 'other',
  servers: ['https://api.other.test'],
  tokenEndpoints: [],
  examples: [
    {
      function: 'other.list_items',
      title: 'List items',
      arguments: {},
      route: { method: 'GET', urls: ['https://api.other.test/api/items'], anyPath: false },
      request: { method: 'GET', url: 'https://api.other.test/api/items', headers: {}, body: null },
      response: { status: 200, headers: {}, body: { from: 'other' } },
    },
  ],
  error: { status: 404, body: { error: 'other envelope' } },
};

const server = setupServer(...handlersFor(selfHosted), ...handlersFor(other));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('a server whose host is an account field', () => {
  it('answers its documented request at the documented host', async () => {
    expect(await (await fetch('https://tracker.acme.test/api/items')).json()).toEqual({ from: 'selfhosted' });
  });

  it("answers anything else at the documented host with its own envelope", async () => {
    const response = await fetch('https://tracker.acme.test/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'selfhosted envelope' });
  });

  it("leaves another provider's requests, matched or not, to that provider's handlers", async () => {
    expect(await (await fetch('https://api.other.test/api/items')).json()).toEqual({ from: 'other' });
    const unmatched = await fetch('https://api.other.test/elsewhere');
    expect(unmatched.status).toBe(404);
    expect(await unmatched.json()).toEqual({ error: 'other envelope' });
  });
});
