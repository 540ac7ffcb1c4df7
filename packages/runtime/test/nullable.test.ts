/**
 * `nullable` rules: JSON null is a value of its own (PATCH APIs clear a field with it), sent as
 * is; without the rule null stays "not given", as JSON callers (MCP hosts, `--json`) write it.
 */

import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import { operation, param, rules, telnyxClient } from './support.js';

const updatePage = operation({
  id: 'acme.update_page',
  operation: 'write',
  endpoint: { kind: 'fixed', method: 'PATCH', path: '/pages/{page_id}' },
  body: 'json',
  params: [param('page_id', { in: 'path' }), param('icon', { in: 'body' }), param('title', { in: 'body' }), param('meta', { in: 'body' })],
  args: rules(
    {
      page_id: { type: 'string' },
      icon: { type: 'object', nullable: true },
      title: { type: 'string' },
      meta: { type: 'object', properties: { note: { type: 'string', nullable: true }, count: { type: 'integer' } } },
    },
    ['page_id'],
  ),
});

const client = telnyxClient();
const bodyOf = (args: object) => client.prepare(updatePage, args).body;

function issuesOf(args: object): string[] {
  try {
    client.prepare(updatePage, args);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path} ${i.problem}${i.received === undefined ? '' : ` (got ${i.received})`}`);
    throw error;
  }
  return [];
}

describe('nullable parameters', () => {
  it('send null as JSON null', () => {
    expect(bodyOf({ page_id: 'p1', icon: null })).toBe('{"icon":null}');
  });

  it('leave null out where the rule is not nullable, as before', () => {
    expect(bodyOf({ page_id: 'p1', title: null, icon: { emoji: 'x' } })).toBe('{"icon":{"emoji":"x"}}');
  });

  it('send a nested nullable property as null, and refuse null for a property that is not', () => {
    expect(bodyOf({ page_id: 'p1', meta: { note: null } })).toBe('{"meta":{"note":null}}');
    expect(issuesOf({ page_id: 'p1', meta: { count: null } })).toEqual(['meta.count must be an integer (got null)']);
  });

  it('say "or null" when another kind of value is given', () => {
    expect(issuesOf({ page_id: 'p1', icon: 'x', meta: { note: 3 } })).toEqual(['icon must be an object or null (got string "x")', 'meta.note must be a string or null (got number 3)']);
  });

  it('count null as given when the parameter is required', () => {
    const required = { ...updatePage, args: rules(updatePage.args.properties, ['page_id', 'icon']) };
    expect(client.prepare(required, { page_id: 'p1', icon: null }).body).toBe('{"icon":null}');
    expect(() => client.prepare(required, { page_id: 'p1' })).toThrow(`missing 'icon'`);
  });

  it('never send the text "null" outside a JSON body, even from a hand-written operation', () => {
    const search = operation({ id: 'acme.search', params: [param('q')], args: rules({ q: { type: 'string', nullable: true } }) });
    expect(client.prepare(search, { q: null }).url).toBe('https://api.telnyx.com/v2/things');
  });
});
