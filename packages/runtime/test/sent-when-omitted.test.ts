/**
 * `whenOmitted` (the spec's `sent_when_omitted`): a value sent as if the caller had given it when a
 * call leaves the parameter out. Zendesk pages by cursor only when a page size is sent.
 */

import { describe, expect, it } from 'vitest';
import { itemsOf } from '../src/pages.js';
import { fakeFetch, json, operation, param, rules, sinchClient, sinchListMessages, telnyxClient } from './support.js';

const listTickets = operation({
  id: 'acme.list_tickets',
  params: [param('page_after', { wire: 'page[after]' }), param('sort'), param('page_size', { wire: 'page[size]', whenOmitted: 100 })],
  pagination: { strategy: 'cursor', items: 'tickets', cursorParam: 'page_after', sizeParam: 'page_size', nextCursorPath: 'meta.after_cursor', hasMorePath: 'meta.has_more' },
  args: rules({ page_after: { type: 'string' }, sort: { type: 'string' }, page_size: { type: 'integer', minimum: 1, maximum: 100 } }),
});

const client = telnyxClient();
const queryOf = (op: typeof listTickets, args: object) => decodeURIComponent(new URL(client.prepare(op, args).url).search.slice(1));

describe('a value sent when the parameter is omitted', () => {
  it('is sent after the parameters the caller gave', () => {
    expect(queryOf(listTickets, {})).toBe('page[size]=100');
    expect(queryOf(listTickets, { sort: '-id', page_after: 'c1' })).toBe('sort=-id&page[after]=c1&page[size]=100');
  });

  it("gives way to the caller's own value, which is validated as usual", () => {
    expect(queryOf(listTickets, { page_size: 25, sort: 'id' })).toBe('page[size]=25&sort=id');
    expect(() => client.prepare(listTickets, { page_size: 500 })).toThrow("'page_size' must be from 1 to 100 (got 500). No request was made.");
  });

  it('counts null as omitted, except where null is a value of its own', () => {
    expect(queryOf(listTickets, { page_size: null })).toBe('page[size]=100');
    const patch = operation({
      id: 'acme.update_page',
      operation: 'write',
      endpoint: { kind: 'fixed', method: 'PATCH', path: '/pages/1' },
      body: 'json',
      params: [param('icon', { in: 'body', whenOmitted: 'page' }), param('title', { in: 'body' })],
      args: rules({ icon: { type: 'string', nullable: true }, title: { type: 'string' } }),
    });
    expect(client.prepare(patch, { icon: null }).body).toBe('{"icon":null}');
    expect(client.prepare(patch, { title: 'T' }).body).toBe('{"title":"T","icon":"page"}');
  });

  it("goes through the parameter's transforms, like a given value", () => {
    const mapped = operation({
      id: 'acme.list_logs',
      params: [param('cursor_paging', { wire: 'useCursor', transforms: [{ kind: 'map', values: { true: 'yes', false: 'no' } }], whenOmitted: true })],
      args: rules({ cursor_paging: { type: 'boolean' } }),
    });
    expect(queryOf(mapped, {})).toBe('useCursor=yes');
    expect(queryOf(mapped, { cursor_paging: false })).toBe('useCursor=no');
  });

  it('is sent only with the endpoint cases the parameter applies to', () => {
    const sinch = sinchClient();
    const withDefault = { ...sinchListMessages, params: sinchListMessages.params.map((p) => (p.name === 'from' ? { ...p, whenOmitted: '12345' } : p)) };
    const search = (args: object) => new URL(sinch.prepare(withDefault, args).url).search;
    expect(search({ direction: 'mt' })).toBe('?from=12345');
    expect(search({ direction: 'mo' })).toBe('');
  });

  it('is carried by every page of a walk', async () => {
    const { fetch, calls } = fakeFetch(
      json({ tickets: [1, 2], meta: { has_more: true, after_cursor: 'c2' } }),
      json({ tickets: [3], meta: { has_more: false, after_cursor: null } }),
    );
    const items: unknown[] = [];
    for await (const item of itemsOf(telnyxClient({ fetch }), listTickets, { sort: 'id' })) items.push(item);
    expect(items).toEqual([1, 2, 3]);
    expect(calls.map((c) => decodeURIComponent(new URL(c.url).search.slice(1)))).toEqual(['sort=id&page[size]=100', 'sort=id&page[after]=c2&page[size]=100']);
  });
});
