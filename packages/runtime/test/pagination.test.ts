import { itemsOf, pagesOf } from '../src/pages.js';
import { describe, expect, it } from 'vitest';
import { PaginationError } from '../src/errors.js';
import {
  dialpadClient,
  dialpadListCalls,
  fakeFetch,
  getCall,
  json,
  listPhoneNumbers,
  PLIVO_ID,
  plivoClient,
  plivoListMessages,
  sinchClient,
  sinchListMessages,
  telnyxClient,
} from './support.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const query = (url: string) => decodeURIComponent(new URL(url).search.slice(1));

describe('page strategy (Telnyx: page[number], meta.total_pages)', () => {
  const page = (data: unknown[], total_pages: number) => json({ data, meta: { total_pages } });

  it('walks pages until total_pages says the current one is the last', async () => {
    const { fetch, calls } = fakeFetch(page([1, 2], 3), page([3, 4], 3), page([5], 3));
    expect(await collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, { page_size: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(calls.map((c) => query(c.url))).toEqual(['page[size]=2&page[number]=1', 'page[size]=2&page[number]=2', 'page[size]=2&page[number]=3']);
  });

  it('an exactly-full last page ends cleanly via total_pages, with no extra request', async () => {
    const { fetch, calls } = fakeFetch(page([1, 2], 2), page([3, 4], 2));
    expect(await collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, { page_size: 2 }))).toEqual([1, 2, 3, 4]);
    expect(calls).toHaveLength(2);
  });

  it('a short page does not end the walk when totals say there is more (the API capped the size)', async () => {
    const { fetch } = fakeFetch(page([1], 3), page([2], 3), page([3], 3));
    expect(await collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, { page_size: 250 }))).toEqual([1, 2, 3]);
  });

  it('without totals, an exactly-full last page ends on the following empty page', async () => {
    const noTotals = { ...listPhoneNumbers, pagination: { ...listPhoneNumbers.pagination!, totalPagesPath: null } } as typeof listPhoneNumbers;
    const { fetch, calls } = fakeFetch(json({ data: [1, 2] }), json({ data: [3, 4] }), json({ data: [] }));
    expect(await collect(itemsOf(telnyxClient({ fetch }), noTotals, { page_size: 2 }))).toEqual([1, 2, 3, 4]);
    expect(calls).toHaveLength(3);
  });

  it('an empty first page yields that one page (for its metadata) and no items', async () => {
    const { fetch, calls } = fakeFetch(page([], 0));
    const client = telnyxClient({ fetch });
    expect(await collect(pagesOf(client, listPhoneNumbers, {}))).toEqual([{ data: [], meta: { total_pages: 0 } }]);
    expect(await collect(itemsOf(client, listPhoneNumbers, {}))).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('starts at the page the caller asked for', async () => {
    const { fetch, calls } = fakeFetch(page([9], 3));
    await collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, { page_number: 3 }));
    expect(calls.map((c) => query(c.url))).toEqual(['page[number]=3']);
  });

  it('pages() yields each page body', async () => {
    const { fetch } = fakeFetch(page([1], 2), page([2], 2));
    expect(await collect(pagesOf(telnyxClient({ fetch }), listPhoneNumbers, {}))).toEqual([
      { data: [1], meta: { total_pages: 2 } },
      { data: [2], meta: { total_pages: 2 } },
    ]);
  });

  it('the page cap (maxPages) throws PaginationError instead of walking forever', async () => {
    let served = 0;
    const { fetch, calls } = fakeFetch(() => page([++served], 1_000_000)); // a new item each time: an endless, honest list
    const walk = collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, {}, { maxPages: 3 }));
    await expect(walk).rejects.toThrow(PaginationError);
    await expect(walk).rejects.toThrow('telnyx.list_phone_numbers: stopped after 3 pages (maxPages) before reaching the last page');
    expect(calls).toHaveLength(3);
  });

  it('exactly maxPages pages is not an error', async () => {
    const { fetch } = fakeFetch(page([1], 2), page([2], 2));
    expect(await collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, {}, { maxPages: 2 }))).toEqual([1, 2]);
  });
});

describe('page strategy with a selected endpoint (Sinch: first page 0, total count)', () => {
  it('picks the items path by the selector value and stops when count items were seen', async () => {
    const { fetch, calls } = fakeFetch(json({ count: 3, inbounds: [{ id: 'a' }, { id: 'b' }] }), json({ count: 3, inbounds: [{ id: 'c' }] }));
    const items = await collect(itemsOf(sinchClient({ fetch }), sinchListMessages, { direction: 'mo', page_size: 2 }));
    expect(items).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(calls.map((c) => new URL(c.url).pathname + new URL(c.url).search)).toEqual([
      '/xms/v1/plan123/inbounds?page_size=2&page=0',
      '/xms/v1/plan123/inbounds?page_size=2&page=1',
    ]);
  });

  it('an exactly-full last page ends via the total count', async () => {
    const { fetch, calls } = fakeFetch(json({ count: 4, batches: [1, 2] }), json({ count: 4, batches: [3, 4] }));
    expect(await collect(itemsOf(sinchClient({ fetch }), sinchListMessages, { direction: 'mt', page_size: 2 }))).toEqual([1, 2, 3, 4]);
    expect(calls).toHaveLength(2);
  });
});

describe('offset strategy (Plivo: meta.next link)', () => {
  const body = (objects: unknown[], next: string | null) => json({ meta: { next }, objects });
  const base = `/v1/Account/${PLIVO_ID}/Message/`;

  it('follows the offset in a relative next link until next is null', async () => {
    const { fetch, calls } = fakeFetch(body([1, 2], `${base}?limit=2&offset=2`), body([3, 4], `${base}?limit=2&offset=4`), body([5], null));
    expect(await collect(itemsOf(plivoClient({ fetch }), plivoListMessages, { limit: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(calls.map((c) => query(c.url))).toEqual(['limit=2&offset=0', 'limit=2&offset=2', 'limit=2&offset=4']);
  });

  it('without an offset in the link, adds the number of items received', async () => {
    const { fetch, calls } = fakeFetch(body([1, 2, 3], `${base}?page=next`), body([4], null));
    await collect(itemsOf(plivoClient({ fetch }), plivoListMessages, {}));
    expect(calls.map((c) => query(c.url))).toEqual(['offset=0', 'offset=3']);
  });

  it('an exactly-full last page ends on the following empty page', async () => {
    const noNext = { ...plivoListMessages, pagination: { ...plivoListMessages.pagination!, nextPath: null } } as typeof plivoListMessages;
    const { fetch, calls } = fakeFetch(body([1, 2], null), body([3, 4], null), body([], null));
    expect(await collect(itemsOf(plivoClient({ fetch }), noNext, { limit: 2 }))).toEqual([1, 2, 3, 4]);
    expect(calls).toHaveLength(3);
  });

  it('an exactly-full last page ends via total items, with no extra request', async () => {
    const totals = { ...plivoListMessages, pagination: { ...plivoListMessages.pagination!, nextPath: null, totalItemsPath: 'meta.total_count' } } as typeof plivoListMessages;
    const { fetch, calls } = fakeFetch(json({ meta: { total_count: 4 }, objects: [1, 2] }), json({ meta: { total_count: 4 }, objects: [3, 4] }));
    expect(await collect(itemsOf(plivoClient({ fetch }), totals, { limit: 2 }))).toEqual([1, 2, 3, 4]);
    expect(calls).toHaveLength(2);
  });

  it('refuses a next link on another origin (it would receive our credentials)', async () => {
    const { fetch, calls } = fakeFetch(body([1], 'https://evil.example/v1/Message/?offset=1'));
    const walk = collect(itemsOf(plivoClient({ fetch }), plivoListMessages, {}));
    await expect(walk).rejects.toThrow(PaginationError);
    await expect(walk).rejects.toThrow('the next-page link points to https://evil.example, not https://api.plivo.com');
    expect(calls).toHaveLength(1);
  });

  it('accepts an absolute next link on the same origin', async () => {
    const { fetch, calls } = fakeFetch(body([1], `https://api.plivo.com${base}?offset=1`), body([2], null));
    expect(await collect(itemsOf(plivoClient({ fetch }), plivoListMessages, {}))).toEqual([1, 2]);
    expect(calls).toHaveLength(2);
  });

  it('a next link that does not advance the offset is refused', async () => {
    const { fetch } = fakeFetch(body([1], `${base}?offset=0`));
    await expect(collect(itemsOf(plivoClient({ fetch }), plivoListMessages, {}))).rejects.toThrow(/would start at offset 0, not after 0; stopping to avoid an endless loop/);
  });
});

describe('cursor strategy (Dialpad)', () => {
  it('follows the cursor until it is absent', async () => {
    const { fetch, calls } = fakeFetch(json({ items: [1], cursor: 'c2' }), json({ items: [2], cursor: 'c3' }), json({ items: [3] }));
    expect(await collect(itemsOf(dialpadClient({ fetch }), dialpadListCalls, { limit: 1 }))).toEqual([1, 2, 3]);
    expect(calls.map((c) => new URL(c.url).searchParams.get('cursor'))).toEqual([null, 'c2', 'c3']);
  });

  it.each([null, ''])('stops on a %j cursor', async (cursor) => {
    const { fetch, calls } = fakeFetch(json({ items: [1], cursor }));
    await collect(itemsOf(dialpadClient({ fetch }), dialpadListCalls, {}));
    expect(calls).toHaveLength(1);
  });

  it('stops when has_more is false even if a cursor is present', async () => {
    const withHasMore = { ...dialpadListCalls, pagination: { ...dialpadListCalls.pagination!, hasMorePath: 'has_more' } } as typeof dialpadListCalls;
    const { fetch, calls } = fakeFetch(json({ items: [1], cursor: 'c2', has_more: false }));
    await collect(itemsOf(dialpadClient({ fetch }), withHasMore, {}));
    expect(calls).toHaveLength(1);
  });

  it('a page without the paging fields is a PaginationError, not the last page (Zendesk pages by offset without page[size])', async () => {
    const enveloped = { ...dialpadListCalls, pagination: { ...dialpadListCalls.pagination!, nextCursorPath: 'meta.after_cursor', hasMorePath: 'meta.has_more' } } as typeof dialpadListCalls;
    const other = { items: [2], next_page: 'https://x.test/page2', count: 6 };
    for (const [body, missing] of [[other, 'meta'], [{ items: [2], meta: { after_cursor: 'c3' } }, 'meta.has_more']] as const) {
      const { fetch, calls } = fakeFetch(json({ items: [1], meta: { has_more: true, after_cursor: 'c2' } }), json(body));
      await expect(collect(itemsOf(dialpadClient({ fetch }), enveloped, {}))).rejects.toThrow(`dialpad.list_calls: the page has no ${missing}, which every page of this list carries; stopping rather than returning part of the list as if it were all.`);
      expect(calls).toHaveLength(2);
    }
  });

  it('a page without the object the spec says the last page leaves out ends the walk (HubSpot: no paging on it); another missing key still fails', async () => {
    const hubspotLike = { ...dialpadListCalls, pagination: { ...dialpadListCalls.pagination!, nextCursorPath: 'paging.next.after', lastPageWithout: 'paging' } } as typeof dialpadListCalls;
    const { fetch, calls } = fakeFetch(json({ items: [1], paging: { next: { after: 'c2' } } }), json({ items: [2] }));
    expect(await collect(itemsOf(dialpadClient({ fetch }), hubspotLike, {}))).toEqual([1, 2]);
    expect(calls).toHaveLength(2);
    const withHasMore = { ...hubspotLike, pagination: { ...hubspotLike.pagination!, hasMorePath: 'meta.has_more' } } as typeof dialpadListCalls;
    const other = fakeFetch(json({ items: [1], paging: { next: { after: 'c2' } }, meta: { has_more: true } }), json({ items: [2], paging: { next: { after: 'c3' } } }));
    await expect(collect(itemsOf(dialpadClient({ fetch: other.fetch }), withHasMore, {}))).rejects.toThrow('the page has no meta, which every page of this list carries');
  });

  it('an empty page with a cursor does not end the walk', async () => {
    const { fetch } = fakeFetch(json({ items: [], cursor: 'c2' }), json({ items: [1] }));
    expect(await collect(itemsOf(dialpadClient({ fetch }), dialpadListCalls, {}))).toEqual([1]);
  });

  it('a repeated cursor throws PaginationError instead of looping', async () => {
    const { fetch, calls } = fakeFetch(json({ items: [1], cursor: 'c2' }), json({ items: [2], cursor: 'c3' }), json({ items: [3], cursor: 'c2' }));
    const walk = collect(itemsOf(dialpadClient({ fetch }), dialpadListCalls, {}));
    await expect(walk).rejects.toThrow('dialpad.list_calls: repeated cursor "c2": the provider returned a cursor it returned before; stopping to avoid an endless loop.');
    expect(calls).toHaveLength(3);
  });

  it('the starting cursor counts as seen', async () => {
    const { fetch } = fakeFetch(json({ items: [1], cursor: 'start' }));
    await expect(collect(itemsOf(dialpadClient({ fetch }), dialpadListCalls, { cursor: 'start' }))).rejects.toThrow(/repeated cursor "start"/);
  });
});

describe('cursor strategy, the cursor being the last item\'s id (next_cursor: items.-1.id)', () => {
  const lastId = { ...dialpadListCalls, pagination: { ...dialpadListCalls.pagination!, nextCursorPath: 'items.-1.id', hasMorePath: 'has_more' } } as typeof dialpadListCalls;

  it('sends the id of each page\'s last item as the next cursor, until has_more is false', async () => {
    const { fetch, calls } = fakeFetch(json({ items: [{ id: 'a' }, { id: 'b' }], has_more: true }), json({ items: [{ id: 'c' }], has_more: false }));
    expect(await collect(itemsOf(dialpadClient({ fetch }), lastId, { limit: 2 }))).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(calls.map((c) => new URL(c.url).searchParams.get('cursor'))).toEqual([null, 'b']);
  });

  it('ends on an empty page, which has no last item', async () => {
    const noHasMore = { ...lastId, pagination: { ...lastId.pagination!, hasMorePath: null } } as typeof dialpadListCalls;
    const { fetch, calls } = fakeFetch(json({ items: [{ id: 'a' }] }), json({ items: [] }));
    expect(await collect(itemsOf(dialpadClient({ fetch }), noHasMore, {}))).toEqual([{ id: 'a' }]);
    expect(calls).toHaveLength(2);
  });

  it('an empty page whose has_more is true is a PaginationError, not a silent end with part of the list', async () => {
    const { fetch, calls } = fakeFetch(json({ items: [{ id: 'a' }], has_more: true }), json({ items: [], has_more: true }));
    const walked: unknown[] = [];
    const walk = (async () => {
      for await (const item of itemsOf(dialpadClient({ fetch }), lastId, {})) walked.push(item);
    })();
    await expect(walk).rejects.toThrow('dialpad.list_calls: the page says there are more (has_more is true) but gives no cursor at items.-1.id; stopping rather than returning part of the list as if it were all.');
    expect(walked).toEqual([{ id: 'a' }]);
    expect(calls).toHaveLength(2);
  });
});

describe('pagination misuse', () => {
  it('an operation without pagination is refused', async () => {
    await expect(collect(itemsOf(telnyxClient(), getCall, { call_control_id: 'c1' }))).rejects.toThrow('telnyx.get_call: it returns a single page; use call() instead of pages() or items().');
  });

  it('an items path that is not an array is a PaginationError', async () => {
    const { fetch } = fakeFetch(json({ data: { not: 'a list' } }));
    await expect(collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, {}))).rejects.toThrow("expected an array of items at 'data' in the response, got object.");
  });

  it('each page is validated and sent with retries like call()', async () => {
    const { fetch, calls } = fakeFetch(json({}, 503), json({ data: [1], meta: { total_pages: 1 } }));
    expect(await collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, {}))).toEqual([1]);
    expect(calls).toHaveLength(2);
    await expect(collect(itemsOf(telnyxClient({ fetch }), listPhoneNumbers, { filter_status: 'nope' }))).rejects.toThrow(/must be one of/);
  });
});
