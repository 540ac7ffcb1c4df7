import { itemsOf, pagesOf } from '../src/pages.js';
/**
 * Servers that break paging, on a real loopback server: one that ignores the
 * page parameter must stop the walk at the first repeated page, and a next
 * link that is not http(s) is refused in words that say what is wrong.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { PaginationError } from '../src/errors.js';
import { RepeatedPageError } from '../src/pagination.js';
import { loopback, type Loopback } from './loopback.js';
import { listPhoneNumbers, PLIVO_ID, plivoClient, plivoListMessages, sinchClient, sinchListMessages, telnyxClient, walk } from './support.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serving(body: unknown): Promise<Loopback> {
  server = await loopback((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  return server;
}


describe('a server that ignores the page parameter', () => {
  it('page number (Telnyx page[number], huge total_pages): stops on page 2 with PaginationError, yielding page 1 once', async () => {
    const { url, requests } = await serving({ data: [{ id: 'a' }, { id: 'b' }], meta: { total_pages: 1_000_000 } });
    const { items, error } = await walk(itemsOf(telnyxClient({ baseURL: url }), listPhoneNumbers, { page_size: 2 }));
    // Its own class (the CLI's sandbox ends a walk on it), and a PaginationError like every stopped walk.
    expect(error).toBeInstanceOf(RepeatedPageError);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).name).toBe('RepeatedPageError');
    expect((error as Error).message).toBe(
      'telnyx.list_phone_numbers: page 2 (page_number=2) returned exactly the 2 items of page 1: the provider seems to ignore the paging parameter; stopping instead of repeating them.',
    );
    expect(requests.map((r) => decodeURIComponent(r.url))).toEqual(['/phone_numbers?page[size]=2&page[number]=1', '/phone_numbers?page[size]=2&page[number]=2']);
    expect(items).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('page and count (Sinch page, huge count): stops on the second page', async () => {
    const { url, requests } = await serving({ count: 1_000_000, inbounds: [{ id: 'x' }] });
    const { items, error } = await walk(itemsOf(sinchClient({ baseURL: url }), sinchListMessages, { direction: 'mo', page_size: 1 }));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toContain('page 2 (page=1) returned exactly the 1 items of page 1');
    expect(requests).toHaveLength(2);
    expect(items).toEqual([{ id: 'x' }]);
  });

  it('pages() stops the same way, before yielding the repeated body', async () => {
    const { url, requests } = await serving({ data: [1], meta: { total_pages: 50 } });
    const pages: unknown[] = [];
    const ended = (async () => {
      for await (const page of pagesOf(telnyxClient({ baseURL: url }), listPhoneNumbers, {})) pages.push(page);
    })();
    await expect(ended).rejects.toThrow(PaginationError);
    expect(pages).toHaveLength(1);
    expect(requests).toHaveLength(2);
  });

  it('pages that differ keep the walk going', async () => {
    server = await loopback((req, res) => {
      const n = Number(new URL(req.url ?? '', 'http://x').searchParams.get('page[number]'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [n], meta: { total_pages: 3 } }));
    });
    expect((await walk(itemsOf(telnyxClient({ baseURL: server.url }), listPhoneNumbers, {}))).items).toEqual([1, 2, 3]);
  });
});

describe('next links that are not http(s)', () => {
  it.each([
    ['javascript:alert(1)', 'javascript:'],
    ['data:text/plain,offset=5', 'data:'],
    ['file:///etc/passwd?offset=5', 'file:'],
  ])('%s is refused naming its scheme', async (link, scheme) => {
    const { url, requests } = await serving({ meta: { next: link }, objects: [1] });
    const { error } = await walk(itemsOf(plivoClient({ baseURL: `${url}/v1/Account/${PLIVO_ID}` }), plivoListMessages, {}));
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toBe(`plivo.list_messages: the next-page link ${JSON.stringify(link)} is a ${scheme} URL, not http(s); refusing to follow it.`);
    expect((error as Error).message).not.toContain('null');
    expect(requests).toHaveLength(1);
  });
});
