import { describe, expect, it } from 'vitest';
import { pageSequence, pagingProblems, type PagingSpec } from '../src/pages.js';

const lastItemCursor: PagingSpec = { strategy: 'cursor', items: 'data', cursorParam: 'after', sizeParam: 'limit', nextCursorPath: 'data.-1.id', hasMorePath: 'has_more' };
const template = { object: 'list', has_more: false, data: [{ id: 'e1', subject: 'Hi' }] };

describe('page sequences whose cursor is the last item\'s id (data.-1.id)', () => {
  it('put each page\'s cursor on its last item, and has_more false on the last page', () => {
    const { bodies } = pageSequence(lastItemCursor, template, null, [2, 2, 1]) as { bodies: Array<typeof template> };
    expect(bodies.map((b) => b.data.map((item) => item.id))).toEqual([['e1', 'cursor-1'], ['e1', 'cursor-2'], [null]]);
    expect(bodies.map((b) => b.has_more)).toEqual([true, true, false]);
  });

  it('leave an empty page without items rather than inventing one to carry the cursor', () => {
    const { bodies, items } = pageSequence(lastItemCursor, template, null, [2, 0]) as { bodies: Array<typeof template>; items: unknown[] };
    expect(bodies[1]!.data).toEqual([]);
    expect(items).toHaveLength(2);
  });
});

describe('pagingProblems: what each request of a walk carried', () => {
  const cursorInQuery: PagingSpec = { strategy: 'cursor', items: 'results', cursorParam: 'start_cursor', sizeParam: 'page_size', nextCursorPath: 'next_cursor', hasMorePath: 'has_more' };
  const get = (url: string) => ({ method: 'GET', url, headers: {}, body: null });
  const post = (body: unknown) => ({ method: 'POST', url: 'https://api.example.test/v1/query', headers: {}, body });

  it('finds the previous page\'s cursor in the query or in the JSON body', () => {
    expect(pagingProblems(cursorInQuery, [{ name: 'start_cursor', in: 'query' }], [get('https://x.test/v1/users'), get('https://x.test/v1/users?start_cursor=cursor-1')])).toEqual([]);
    expect(pagingProblems(cursorInQuery, [{ name: 'start_cursor', in: 'body' }], [post({}), post({ start_cursor: 'cursor-1', page_size: 2 })])).toEqual([]);
  });

  it('reports a cursor sent under another name, which a real provider would ignore and answer with page 1', () => {
    expect(pagingProblems(cursorInQuery, [{ name: 'start_cursor', in: 'query', wire: 'cursor' }], [get('https://x.test/v1/users'), get('https://x.test/v1/users?start_cursor=cursor-1')])).toEqual([
      'request 2 should send start_cursor = cursor-1 as query cursor, but sent none',
    ]);
  });

  it('checks page numbers from the first page, and next links by the page they lead to', () => {
    const page: PagingSpec = { strategy: 'page', items: 'data', pageParam: 'page', sizeParam: 'size', firstPage: 1, totalPagesPath: null, totalItemsPath: null };
    expect(pagingProblems(page, [{ name: 'page', in: 'query' }], [get('https://x.test/a'), get('https://x.test/a?page=2'), get('https://x.test/a?page=2')])).toEqual(['request 3 should send page = 3 as query page, but sent "2"']);
    const link: PagingSpec = { strategy: 'next_link', items: '.', next: { from: 'link_header' } };
    expect(pagingProblems(link, [], [get('https://x.test/a'), get('https://x.test/a?switchboard_test_page=1')])).toEqual([]);
  });
});
