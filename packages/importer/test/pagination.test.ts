/** Pagination is recognised only where the document's shape leaves no doubt; otherwise it is left for review. */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importOpenApi } from '../src/index.js';

function listOperation(parameters: string[], response: Record<string, unknown>) {
  return {
    openapi: '3.1.0',
    info: { title: 'Lists', version: '1' },
    servers: [{ url: 'https://api.lists.test' }],
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          parameters: parameters.map((name) => ({ name, in: 'query', schema: { type: /cursor|token|after/.test(name) ? 'string' : 'integer', minimum: name === 'page' ? 1 : 0 } })),
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: response } } } } },
        },
      },
    },
  };
}

const items = { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } };

describe('pagination', () => {
  it.each([
    ['page and size, with a total', ['page', 'per_page'], { data: items, meta: { type: 'object', properties: { total_pages: { type: 'integer' } } } }, { pagination: { strategy: 'page', page_param: 'page', size_param: 'per_page', first_page: 1, items: 'data', total_pages: 'meta.total_pages' } }],
    ['offset and limit', ['offset', 'limit'], { results: items, count: { type: 'integer' } }, { pagination: { strategy: 'offset', offset_param: 'offset', limit_param: 'limit', items: 'results' } }],
    // Twilio's shape: Page and PageSize, but later pages need the PageToken only the next link carries.
    ['page and size beside a next link', ['Page', 'PageSize', 'PageToken'], { messages: items, page: { type: 'integer' }, next_page_uri: { type: ['string', 'null'] } }, { pagination: { strategy: 'next_link', next: 'next_page_uri', items: 'messages' } }],
    ['offset and limit beside a next link', ['offset', 'limit'], { results: items, next: { type: ['string', 'null'] } }, { pagination: { strategy: 'offset', offset_param: 'offset', limit_param: 'limit', next: 'next', items: 'results' } }],
    ['a cursor and the next one', ['cursor', 'limit'], { items, next_cursor: { type: 'string' }, has_more: { type: 'boolean' } }, { pagination: { strategy: 'cursor', cursor_param: 'cursor', size_param: 'limit', next_cursor: 'next_cursor', has_more: 'has_more', items: 'items' } }],
    ['a next link', ['limit'], { data: items, links: { type: 'object', properties: { next: { type: ['string', 'null'] } } } }, { pagination: { strategy: 'next_link', next: 'links.next', items: 'data' } }],
    [
      'a cursor and has_more, but no next cursor (the last item\'s id, most likely)',
      ['after', 'limit'],
      { data: items, has_more: { type: 'boolean' } },
      { review: "pagination: it takes a cursor ('after') and says has_more, but no response value is the next cursor. If the cursor is the id of a page's last item, add `pagination: { strategy: cursor, cursor_param: after, size_param: limit, next_cursor: data.-1.id, has_more: has_more, items: data }`; otherwise add `pagination:` as the API pages." },
    ],
    ['a limit and nothing that says where the next page is', ['limit'], { data: items }, { review: 'pagination: it takes paging parameters, but the document does not show how the next page is reached; add `pagination:` by hand.' }],
    ['two lists, neither the obvious one', ['page', 'per_page'], { things: items, others: items }, { review: 'pagination: it takes paging parameters, but its response has no single list of items; add `pagination:` by hand if it pages.' }],
    ['no paging parameters', ['verbose'], { data: items }, {}],
  ])('%s', (_title, parameters, response, expected) => {
    const { files, report } = importOpenApi(listOperation(parameters, response), { provider: 'lists' });
    const spec = parse(files.get('list_things.yaml')!) as { pagination?: unknown };
    const review = report.functions[0]!.review.find((r) => r.startsWith('pagination:'));
    expect({ ...(spec.pagination ? { pagination: spec.pagination } : {}), ...(review ? { review } : {}) }).toEqual(expected);
  });
});
