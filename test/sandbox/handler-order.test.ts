import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlersFor, type FunctionExample, type ProviderExamples } from '@switchboard/testing';

const SERVER = 'https://api.order.test';

function example(fn: string, method: string, path: string, anyPath: boolean, body: unknown): FunctionExample {
  return {
    function: fn,
    title: fn,
    arguments: {},
    route: { method, url: `${SERVER}${path}`, anyPath },
    request: { method, url: `${SERVER}${path.replace(/\{[^}]+\}/g, 'documented')}`, headers: {}, body: null },
    response: { status: 200, headers: {}, body },
  };
}

// The generic helper is documented first, as it sorts first by name; it must still lose.
const data: ProviderExamples = {
  provider: 'order',
  servers: [SERVER],
  tokenEndpoints: [],
  examples: [
    example('order.api_get', 'GET', '/{path}', true, { from: 'generic' }),
    example('order.get_thing', 'GET', '/things/{id}', false, { from: 'get_thing' }),
    example('order.list_things', 'GET', '/things', false, { from: 'list_things' }),
  ],
  error: { status: 404, body: { error: 'unmatched' } },
};

const server = setupServer(...handlersFor(data));
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
