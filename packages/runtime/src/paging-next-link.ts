/**
 * The next_link strategy: the provider's next link (in the body or a `Link` header) is followed
 * while it stays on the provider's origin and never repeats (`OperationParts.paging`).
 */

import { PaginationError } from './errors.js';
import { missingEnvelope } from './json-path.js';
import { followedUrl, nextLinkOf, rebaseOntoOverride, resolveNextLink } from './next-link.js';
import { FOLLOWED_URL, NEXT_LINK, paginationOf, type PagingStrategy } from './pagination.js';

export const nextLinkPaging: PagingStrategy = (op, _args, { redactor, servers }) => {
  const spec = paginationOf(op, 'next_link');
  const seen = new Set<string>();
  // The first page's URL: a followed link keeps its query keys the link does not set.
  let firstUrl: string | undefined;
  return (page, items, current) => {
    firstUrl ??= page.url;
    if (items.length === 0) return null;
    // As for cursors: `links.next` on a page without `links` is another shape of answer, not the last page.
    const envelope = spec.next.from === 'body' ? missingEnvelope(page.body, spec.next.path) : null;
    if (envelope !== null) throw new PaginationError(op.id, `the page has no ${envelope}, which every page of this list carries; stopping rather than returning part of the list as if it were all.`);
    const raw = nextLinkOf(spec.next, page.body, page.headers ?? null);
    if (raw === null) return null;
    const rebased = servers ? rebaseOntoOverride(raw, page.url, servers) : null;
    const url = resolveNextLink(op.id, rebased ?? raw, page.url, redactor);
    if (url.href === new URL(page.url).href || seen.has(url.href)) {
      const shown = redactor.string(JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw));
      throw new PaginationError(op.id, `repeated next-page link ${shown}: the provider linked to a page it returned before; stopping to avoid an endless loop.`);
    }
    seen.add(url.href);
    return { ...current, [NEXT_LINK]: url.href, [FOLLOWED_URL]: followedUrl(firstUrl, url) };
  };
};
