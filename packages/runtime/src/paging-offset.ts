/**
 * The offset strategy (`OperationParts.paging`): the offset grows by each page's items (or to what
 * the provider's next link says, on its own origin only) and must always grow.
 */

import { PaginationError } from './errors.js';
import { getPath, numberAt } from './json-path.js';
import { resolvedParams } from './param-plan.js';
import { paginationOf, type PagingStrategy } from './pagination.js';
import type { Redactor } from './redact.js';
import type { OperationSpec } from './spec.js';

export const offsetPaging: PagingStrategy = (op, _args, { redactor }) => {
  const spec = paginationOf(op, 'offset');
  const offsetWire = resolvedParams(op).find((p) => p.name === spec.offsetParam)?.wire ?? spec.offsetParam;
  return (page, items, current) => {
    if (items.length === 0) return null;
    const offset = Number(current[spec.offsetParam]);
    let nextOffset = offset + items.length;
    if (spec.nextPath) {
      const link = getPath(page.body, spec.nextPath);
      if (link === null || link === undefined || link === '' || link === false) return null;
      if (typeof link === 'string') nextOffset = offsetFromLink(op, link, page.url, offsetWire, redactor) ?? nextOffset;
    }
    if (!(nextOffset > offset)) {
      throw new PaginationError(op.id, `the next page would start at offset ${nextOffset}, not after ${offset}; stopping to avoid an endless loop.`);
    }
    const totalItems = spec.totalItemsPath ? numberAt(page.body, spec.totalItemsPath) : null;
    if (totalItems !== null && nextOffset >= totalItems) return null;
    return { ...current, [spec.offsetParam]: nextOffset };
  };
};

/** The offset a next link asks for, if it says; a link to another origin is refused, as following it would send our credentials there. */
function offsetFromLink(op: OperationSpec, link: string, pageUrl: string, offsetWire: string, redactor: Redactor): number | null {
  const shown = redactor.string(JSON.stringify(link.length > 80 ? `${link.slice(0, 77)}...` : link));
  let url: URL;
  try {
    url = new URL(link, pageUrl);
  } catch {
    throw new PaginationError(op.id, `the next-page link ${shown} is not a URL.`);
  }
  // Checked before the origin: a javascript: or data: URL has the opaque origin "null", which says nothing useful.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PaginationError(op.id, `the next-page link ${shown} is a ${url.protocol} URL, not http(s); refusing to follow it.`);
  }
  const origin = new URL(pageUrl).origin;
  if (url.origin !== origin) {
    throw new PaginationError(op.id, `the next-page link points to ${url.origin}, not ${origin}; refusing to follow it with this account's credentials.`);
  }
  const value = url.searchParams.get(offsetWire);
  return value !== null && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null;
}
