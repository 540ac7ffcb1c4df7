import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlersFor, type FunctionExample, type ProviderExamples } from '@switchboard/testing';

const SERVER = 'https://api.order.test';

function example(fn: string, method: string, path: string, anyPath: boolean, body: unknown): FunctionExample {
  return {
    function: fn,
    title: fn,
    arguments: {},
    route: { method, urls: [`${SERVER}${path}`], anyPath },
    request: { method, url: `${SERVER}${path.replace(/\{[^}]+\}/g, 'documented')}`, headers: {}, body: null },
    response: { status: 200, headers: {}, body },
  };
}

// The generic helper is documented first, as it sorts first by name; it must still lose.
const data: ProviderExamples = {
  provider: 'order',
  servers: [SERVER],
  examples: [
    example('order.api_get', 'GET', '/{path}', true, { from: 'generic' }),
    example('order.get_thing', 'GET', '/things/{id}', false, { from: 'get_thing' }),
    example('order.list_things', 'GET', '/things', false, { from: 'list_things' }),
  ],
  error: { status: 404, body: { error: 'unmatched' } },
};

// A server whose URL an account chooses: the route lists each host, and both answer.
const EU = 'https://api.eu.order.test';
const regional: ProviderExamples = {
  provider: 'regional',
  servers: ['https://api.us.order.test', EU],
  examples: [
    {
      ...example('regional.list_things', 'GET', '/things', false, { from: 'regional' }),
      route: { method: 'GET', urls: ['https://api.us.order.test/things', `${EU}/things`], anyPath: false },
      request: { method: 'GET', url: 'https://api.us.order.test/things', headers: {}, body: null },
    },
  ],
  error: { status: 404, body: { error: 'unmatched' } },
};

const server = setupServer(...handlersFor(data), ...handlersFor(regional));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const answer = async (path: string): Promise<unknown> => (await fetch(`${SERVER}${path}`)).json();

describe('mock handlers answer with the most specific documented endpoint', () => {
  it.each([
    ['a fixed path beats the generic helper', '/things?page=2', 'list_things'],
    ['a one-segment placeholder beats the generic helper', '/things/other-id', 'get_thing'],
    ['what no specific endpoint matches goes to the generic helper', '/elsewhere/deep/path', 'generic'],
    ['a one-segment placeholder does not swallow several segments', '/things/a/b', 'generic'],
  ])('%s', async (_name, path, from) => {
    expect(await answer(path)).toEqual({ from });
  });
});

describe('mock handlers answer at every URL an account may choose', () => {
  it('a request to the second host gets the endpoint’s documented success', async () => {
    const response = await fetch(`${EU}/things?page=2`);
    expect(response.headers.get('x-switchboard-mock')).toBe('nearest-example');
    expect(await response.json()).toEqual({ from: 'regional' });
  });
});
