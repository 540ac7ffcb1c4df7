/**
 * The page-number strategy (`OperationParts.paging`): the page parameter counts up from its first
 * value until an empty page, the total pages or the total items say the walk is done.
 */

import { asNumber, numberAt } from './json-path.js';
import { paginationOf, type PagingStrategy } from './pagination.js';

export const pageNumberPaging: PagingStrategy = (op, args) => {
  const spec = paginationOf(op, 'page');
  let seen = 0;
  let itemsBefore: number | null = null;
  return (page, items, current) => {
    if (items.length === 0) return null;
    const number = Number(current[spec.pageParam]);
    // Items on the pages skipped by a caller who started past the first page, for totalItems.
    itemsBefore ??= (number - spec.firstPage) * (asNumber(args[spec.sizeParam]) ?? items.length);
    seen += items.length;
    const totalPages = spec.totalPagesPath ? numberAt(page.body, spec.totalPagesPath) : null;
    if (totalPages !== null && number >= spec.firstPage + totalPages - 1) return null;
    const totalItems = spec.totalItemsPath ? numberAt(page.body, spec.totalItemsPath) : null;
    if (totalItems !== null && itemsBefore + seen >= totalItems) return null;
    return { ...current, [spec.pageParam]: number + 1 };
  };
};
