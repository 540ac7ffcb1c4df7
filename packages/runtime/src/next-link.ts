/**
 * The `next_link` pagination strategy: the provider names the next page by a
 * link, in the body (Mailgun `paging.next`) or in an RFC 8288 `Link` header
 * with `rel="next"`. The link is followed as given: its path and query win
 * over the first request's, so tokens the API needs (a `PageToken`) survive;
 * query parameters the link leaves out (a credential sent in the query) are
 * kept from the first request.
 */

import type { ResponseHeaders } from './transport-types.js';
import { PaginationError } from './errors.js';
import { getPath } from './json-path.js';
import type { Redactor } from './redact.js';

export type NextLinkSource = { from: 'body'; path: string } | { from: 'link_header' };

/** The raw next link of a page, or null on the last page. */
export function nextLinkOf(source: NextLinkSource, body: unknown, headers: ResponseHeaders | null): string | null {
  if (source.from === 'link_header') return headers ? relNext(headers.get('link')) : null;
  const link = getPath(body, source.path);
  return typeof link === 'string' && link.trim() !== '' ? link : null;
}

/**
 * The `rel="next"` target of a `Link` header value. Link values are
 * `<uri>; param=value, <uri>; …`; a comma may occur inside `<…>` or a quoted
 * string, so the value is scanned rather than split.
 */
export function relNext(header: string | null): string | null {
  if (!header) return null;
  const linkValue = /\s*<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"(?:[^"\\]|\\.)*"|[^;,\s]*))?)*)\s*(?:,|$)/gy;
  for (let match = linkValue.exec(header); match; match = linkValue.exec(header)) {
    const params = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,\s]*))/i.exec(params);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('next')) return match[1] ?? null;
    if (linkValue.lastIndex >= header.length) break;
  }
  return null;
}

/**
 * The absolute URL of a next link, resolved against the page it came from.
 * Refused: what is not a URL, what is not http(s), and any other origin, as
 * following it would send this account's credentials there.
 */
export function resolveNextLink(operation: string, link: string, pageUrl: string, redactor: Redactor): URL {
  const shown = redactor.string(JSON.stringify(link.length > 80 ? `${link.slice(0, 77)}...` : link));
  let url: URL;
  try {
    url = new URL(link, pageUrl);
  } catch {
    throw new PaginationError(operation, `the next-page link ${shown} is not a URL.`);
  }
  // Checked before the origin: a javascript: or data: URL has the opaque origin "null", which says nothing useful.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PaginationError(operation, `the next-page link ${shown} is a ${url.protocol} URL, not http(s); refusing to follow it.`);
  }
  const origin = new URL(pageUrl).origin;
  if (url.origin !== origin) {
    throw new PaginationError(operation, `the next-page link points to ${redactor.string(url.origin)}, not ${origin}; refusing to follow it with this account's credentials.`);
  }
  return url;
}

/** The request URL for a followed link: the link's path and query, plus the first request's query keys the link does not set. */
export function followedUrl(firstRequestUrl: string, link: URL): string {
  const first = new URL(firstRequestUrl);
  const url = new URL(link.href);
  url.hash = '';
  for (const key of new Set(first.searchParams.keys())) {
    if (url.searchParams.has(key)) continue;
    for (const value of first.searchParams.getAll(key)) url.searchParams.append(key, value);
  }
  return url.href;
}
