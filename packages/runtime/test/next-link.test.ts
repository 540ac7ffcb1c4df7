import { itemsOf } from '../src/pages.js';
/**
 * The next_link strategy on a real loopback server: links from a body path
 * and from an RFC 8288 `Link` header, relative links, the link's query
 * winning over the call's arguments (a `PageToken` survives), the query
 * credential kept, and links that must not be followed refused.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { PaginationError } from '../src/errors.js';
import { relNext } from '../src/next-link.js';
import { loopback, type Loopback } from './loopback.js';
import { DIALPAD_KEY, PLIVO_ID, dialpadClient, operation, param, plivoClient, walk } from './support.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const listEvents = operation({
  id: 'dialpad.list_events',
  endpoint: { kind: 'fixed', method: 'GET', path: '/api/v2/events' },
  params: [param('limit'), param('event')],
  pagination: { strategy: 'next_link', items: 'items', next: { from: 'body', path: 'paging.next' } },
});

const listByHeader = operation({
  id: 'dialpad.list_events',
  endpoint: { kind: 'fixed', method: 'GET', path: '/api/v2/events' },
  params: [param('limit')],
  pagination: { strategy: 'next_link', items: 'items', next: { from: 'link_header' } },
});


describe('next_link from a body path', () => {
  it('follows a relative path+query link: its query wins, keys it leaves out (the query credential) are kept', async () => {
    const pages = [
      { items: [{ id: 1 }, { id: 2 }], paging: { next: '/api/v2/events/page2?PageToken=tok%2F2&limit=2' } },
      { items: [{ id: 3 }], paging: { next: null } },
    ];
    server = await loopback((_, res, i) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[i])));
    const { items, error } = await walk(itemsOf(dialpadClient({ baseURL: server.url }), listEvents, { limit: 50, event: 'delivered' }));
    expect(error).toBeNull();
    expect(items).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(server.requests.map((r) => r.url)).toEqual([
      `/api/v2/events?limit=50&event=delivered&apikey=${DIALPAD_KEY}`,
      `/api/v2/events/page2?PageToken=tok%2F2&limit=2&event=delivered&apikey=${DIALPAD_KEY}`,
    ]);
  });

  it('a page without the object the link is in is a PaginationError, not the last page', async () => {
    const pages = [{ items: [{ id: 1 }], paging: { next: '/api/v2/events/page2' } }, { items: [{ id: 2 }], next_page: '/api/v2/events/page3' }];
    server = await loopback((_, res, i) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[i])));
    const { items, error } = await walk(itemsOf(dialpadClient({ baseURL: server.url }), listEvents, {}));
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(String(error)).toContain('dialpad.list_events: the page has no paging, which every page of this list carries; stopping rather than returning part of the list as if it were all.');
  });

  it('follows an absolute link to the same origin and stops when the link is absent', async () => {
    let base = '';
    server = await loopback((_, res, i) => {
      const body = i === 0 ? { items: [{ id: 1 }], paging: { next: `${base}/api/v2/events/W3siYiI6?apikey=${DIALPAD_KEY}` } } : { items: [{ id: 2 }], paging: {} };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    base = server.url;
    const { items, error } = await walk(itemsOf(dialpadClient({ baseURL: server.url }), listEvents, {}));
    expect(error).toBeNull();
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((r) => r.url)).toEqual([`/api/v2/events?apikey=${DIALPAD_KEY}`, `/api/v2/events/W3siYiI6?apikey=${DIALPAD_KEY}`]);
  });

  it('refuses a link to another origin, naming it, without sending anything there', async () => {
    server = await loopback((_, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [{ id: 1 }], paging: { next: 'https://collector.example/steal?page=2' } })),
    );
    const { items, error } = await walk(itemsOf(dialpadClient({ baseURL: server.url }), listEvents, {}));
    expect(items).toEqual([{ id: 1 }]);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toBe(
      `dialpad.list_events: the next-page link points to https://collector.example, not ${server.url}; refusing to follow it with this account's credentials.`,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('stops with an error on a link back to a page already fetched', async () => {
    server = await loopback((req, res) => {
      const body = { items: [{ id: req.url }], paging: { next: req.url?.startsWith('/api/v2/events/b') ? '/api/v2/events/a' : '/api/v2/events/b' } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const { items, error } = await walk(itemsOf(dialpadClient({ baseURL: server.url }), listEvents, {}));
    expect(items).toHaveLength(3);
    expect((error as Error).message).toBe(
      'dialpad.list_events: repeated next-page link "/api/v2/events/b": the provider linked to a page it returned before; stopping to avoid an endless loop.',
    );
    expect(server.requests).toHaveLength(3);
  });
});

/** A list on a server whose URL has a path (`/v1/Account/{auth_id}`), which links name from the provider's root. */
const listOnAccount = operation({
  id: 'plivo.list_messages',
  endpoint: { kind: 'fixed', method: 'GET', path: '/Message.json' },
  params: [param('limit')],
  pagination: { strategy: 'next_link', items: 'items', next: { from: 'body', path: 'next_page_uri' } },
});

describe('next_link with a base-URL override', () => {
  // The provider names its pages in its own URL space; with the server replaced (a proxy under a
  // path, a local test server) page 2 must go where page 1 went, not to the override's root or back
  // to the provider's real host.
  const twoPages = (next: string) => [
    { items: [{ id: 1 }], next_page_uri: next },
    { items: [{ id: 2 }], next_page_uri: null },
  ];

  it('moves a root-relative link under the spec server URL onto the override, path prefix included', async () => {
    const pages = twoPages(`/v1/Account/${PLIVO_ID}/Message.json?limit=1&PageToken=PA2`);
    server = await loopback((_, res, i) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[i])));
    const { items, error } = await walk(itemsOf(plivoClient({ baseURL: `${server.url}/proxy/v1/Account/{auth_id}` }), listOnAccount, { limit: 1 }));
    expect(error).toBeNull();
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((r) => r.url)).toEqual([`/proxy/v1/Account/${PLIVO_ID}/Message.json?limit=1`, `/proxy/v1/Account/${PLIVO_ID}/Message.json?limit=1&PageToken=PA2`]);
  });

  it("moves an absolute link at the spec server's URL onto the override, which replaced that URL", async () => {
    const pages = twoPages(`https://api.plivo.com/v1/Account/${PLIVO_ID}/Message.json?limit=1&PageToken=PA2`);
    server = await loopback((_, res, i) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[i])));
    const { items, error } = await walk(itemsOf(plivoClient({ baseURL: `${server.url}/local` }), listOnAccount, { limit: 1 }));
    expect(error).toBeNull();
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((r) => r.url)).toEqual(['/local/Message.json?limit=1', '/local/Message.json?limit=1&PageToken=PA2']);
  });

  it("still refuses a link outside the spec server's URL at another origin than the override", async () => {
    const pages = twoPages('https://api.plivo.com/v2/elsewhere?PageToken=PA2');
    server = await loopback((_, res, i) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[i])));
    const { items, error } = await walk(itemsOf(plivoClient({ baseURL: `${server.url}/local` }), listOnAccount, { limit: 1 }));
    expect(items).toEqual([{ id: 1 }]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(String(error)).toContain('the next-page link points to https://api.plivo.com');
    expect(server.requests).toHaveLength(1);
  });
});

describe('next_link from the Link header', () => {
  it('follows rel="next" among other relations and stops on the page without one', async () => {
    server = await loopback((_, res, i) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (i === 0) headers.link = '</api/v2/events?page=1>; rel="first", </api/v2/events?after=a%2Cb&limit=2>; rel="next"';
      res.writeHead(200, headers).end(JSON.stringify({ items: [{ id: i }] }));
    });
    const { items, error } = await walk(itemsOf(dialpadClient({ baseURL: server.url }), listByHeader, { limit: 10 }));
    expect(error).toBeNull();
    expect(items).toEqual([{ id: 0 }, { id: 1 }]);
    expect(server.requests.map((r) => r.url)).toEqual([`/api/v2/events?limit=10&apikey=${DIALPAD_KEY}`, `/api/v2/events?after=a%2Cb&limit=2&apikey=${DIALPAD_KEY}`]);
  });

  it('reads rel="next" from RFC 8288 values with quoted commas, several relations and other parameters', () => {
    expect(relNext('<https://a.test/x?p=2>; rel="next"')).toBe('https://a.test/x?p=2');
    expect(relNext('<https://a.test/1>; title="a, b"; rel=prev, <https://a.test/3>; rel="last next"')).toBe('https://a.test/3');
    expect(relNext('<https://a.test/next-but-not>; rel="nextish"')).toBeNull();
    expect(relNext('<https://a.test/1>; REL=NEXT')).toBe('https://a.test/1');
    expect(relNext(null)).toBeNull();
    expect(relNext('garbage')).toBeNull();
  });
});
