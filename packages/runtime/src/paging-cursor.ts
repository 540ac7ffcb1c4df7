/**
 * The cursor strategy (`OperationParts.paging`): the provider's next cursor is sent back until it
 * is absent or `has_more` says false. A cursor that repeats, or none where `has_more` says true, is
 * a PaginationError.
 */

import { PaginationError } from './errors.js';
import { getPath, missingEnvelope } from './json-path.js';
import { paginationOf, type PagingStrategy } from './pagination.js';

export const cursorPaging: PagingStrategy = (op, args) => {
  const spec = paginationOf(op, 'cursor');
  const seen = new Set<string>();
  const initial = args[spec.cursorParam];
  if (initial !== undefined && initial !== null) seen.add(String(initial));
  return (page, _items, current) => {
    // A page without the fields the spec pages by is another shape of answer (Zendesk pages by
    // offset when page[size] is missing): ending the walk there would return part of the list as all of it.
    const envelope = missingEnvelope(page.body, spec.nextCursorPath) ?? (spec.hasMorePath ? missingEnvelope(page.body, spec.hasMorePath) : null);
    // Unless the spec says the last page leaves that object out (HubSpot's `paging`).
    if (envelope !== null && envelope === spec.lastPageWithout) return null;
    const hasMore = spec.hasMorePath ? getPath(page.body, spec.hasMorePath) : undefined;
    if (envelope !== null || (spec.hasMorePath && hasMore === undefined)) {
      throw new PaginationError(op.id, `the page has no ${envelope ?? spec.hasMorePath}, which every page of this list carries; stopping rather than returning part of the list as if it were all.`);
    }
    if (hasMore === false) return null;
    const cursor = getPath(page.body, spec.nextCursorPath);
    if (cursor === null || cursor === undefined || cursor === '') {
      // Stripe's cursor is the last item's id: an empty page that says there is more cannot name the next one.
      if (hasMore === true) throw new PaginationError(op.id, `the page says there are more (${spec.hasMorePath} is true) but gives no cursor at ${spec.nextCursorPath}; stopping rather than returning part of the list as if it were all.`);
      return null;
    }
    const key = typeof cursor === 'string' ? cursor : JSON.stringify(cursor);
    if (seen.has(key)) {
      const shown = key.length > 40 ? `${key.slice(0, 37)}...` : key;
      throw new PaginationError(op.id, `repeated cursor ${JSON.stringify(shown)}: the provider returned a cursor it returned before; stopping to avoid an endless loop.`);
    }
    seen.add(key);
    return { ...current, [spec.cursorParam]: cursor };
  };
};
