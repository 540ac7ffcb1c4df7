/** `newProvider` and `newFunction` write YAML that validates as it is, for every auth kind and method. */
import { describe, expect, it } from 'vitest';
import { ImportError, newFunction, newProvider } from '../src/index.js';
import { problems, specsDir } from './support.js';

const AUTH = ['bearer', 'basic', 'api_key_header', 'api_key_query', 'none'] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

describe('a new provider', () => {
  it.each(AUTH)('with %s auth validates with a function of every method', (auth) => {
    const provider = newProvider({ id: 'acme', name: 'Acme', auth, baseUrl: 'https://api.acme.test/v1/' });
    const files = new Map(provider.files);
    for (const method of METHODS) {
      const name = `${method.toLowerCase()}_widget`;
      for (const [file, text] of newFunction(files.get('provider.yaml')!, { name, method, path: '/widgets/{widget_id}/parts/{part_id}' }).files) files.set(file, text);
    }
    expect(problems(specsDir({ acme: files }))).toEqual([]);
  });

  it('starts each file with the editor schema comment', () => {
    const provider = newProvider({ id: 'acme' });
    expect(provider.files.get('provider.yaml')!.split('\n')[0]).toBe('# yaml-language-server: $schema=../../generator/schema/provider.schema.json');
    const fn = newFunction(provider.files.get('provider.yaml')!, { name: 'list_widgets', path: '/widgets' });
    expect(fn.files.get('list_widgets.yaml')!.split('\n')[0]).toBe('# yaml-language-server: $schema=../../generator/schema/function.schema.json');
  });

  it('says what to fill in next', () => {
    const provider = newProvider({ id: 'acme' });
    expect(provider.next.at(-1)).toBe('then add functions: switchboard new function acme <name> --method GET --path /things');
    const fn = newFunction(provider.files.get('provider.yaml')!, { name: 'send_message', method: 'POST', path: '/messages' });
    expect(fn.next.map((line) => line.split(':')[0])).toEqual(['title and description', 'parameters', 'response', 'examples', 'then']);
  });

  it('takes read or write from the method unless told', () => {
    const yaml = newProvider({ id: 'acme' }).files.get('provider.yaml')!;
    expect(newFunction(yaml, { name: 'search', method: 'POST', path: '/search', operation: 'read' }).files.get('search.yaml')).toContain('\noperation: read\n');
    expect(newFunction(yaml, { name: 'remove', method: 'DELETE', path: '/x' }).files.get('remove.yaml')).toContain('\noperation: write\nidempotent: true\n');
  });
});

describe('what it refuses', () => {
  const yaml = newProvider({ id: 'acme' }).files.get('provider.yaml')!;
  it.each([
    ['a provider id in the wrong case', () => newProvider({ id: 'Acme' }), "provider id 'Acme' must be lower kebab-case"],
    ['a relative base URL', () => newProvider({ id: 'acme', baseUrl: 'api.acme.test' }), "base URL 'api.acme.test' must be an absolute http(s) URL"],
    ['a function name in camelCase', () => newFunction(yaml, { name: 'sendMessage', path: '/m' }), "function name 'sendMessage' must be lower snake_case"],
    ['a path without its slash', () => newFunction(yaml, { name: 'x', path: 'm' }), "path 'm' must start with /"],
    ['a camelCase placeholder', () => newFunction(yaml, { name: 'x', path: '/m/{messageId}' }), "path placeholder '{messageId}' must be a snake_case parameter name, e.g. {message_id}."],
    ['a provider.yaml that is not one', () => newFunction('- a list', { name: 'x', path: '/m' }), 'provider.yaml is not a provider spec (no id)'],
  ])('%s', (_title, run, message) => {
    expect(run).toThrow(ImportError);
    expect(run).toThrow(message);
  });
});
