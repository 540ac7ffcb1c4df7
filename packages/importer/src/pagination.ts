import type { ImportedParameter } from './operation-parameters.js';
import { isNode, type Node } from './openapi-document.js';

/** A pagination block for the spec, or why the function looks paginated but is left to a person. */
export type PaginationGuess = { pagination: Node } | { review: string } | null;

const PAGE = /^(page|page_number|page\[number\]|pagenumber)$/i;
const SIZE = /^(per_page|page_size|page\[size\]|pagesize|limit|size)$/i;
const OFFSET = /^(offset|skip)$/i;
const LIMIT = /^(limit|count|page_size|per_page)$/i;
const CURSOR = /^(cursor|page_token|pagetoken|after|starting_after|pagination_key|next_token|continuation_token)$/i;
const NEXT_CURSOR = /^(next_cursor|nextcursor|next_page_token|nextpagetoken|cursor|next_token|pagination_key|next_pagination_key|continuation_token)$/i;
const NEXT_LINK = /^(next|next_url|next_page_url|next_page_uri|next_link|nextlink)$/i;
/** Where a page's items are when a response carries other lists too (an `errors` array beside `data`). */
const ITEM_LISTS = /^(data|items|results|records|entries|values)$/i;
const PAGING_SIGNS = /^(page|page_number|page\[number\]|per_page|page_size|page\[size\]|limit|offset|cursor|page_token|after|starting_after|pagination_key)$/i;

/**
 * Pagination only where the shape leaves no doubt: one array of items at a known path, the
 * request parameters that move through pages, and the response value that says where the next
 * page is. A list that takes paging parameters but shows no such shape is left for review.
 */
export function guessPagination(parameters: ImportedParameter[], response: Node | undefined, named: Map<string, Node>): PaginationGuess {
  const query = parameters.filter((p) => p.location === 'query');
  const byWire = (re: RegExp) => query.find((p) => re.test(p.wire));
  const paged = query.some((p) => PAGING_SIGNS.test(p.wire));
  const body = response ? deref(response, named) : undefined;
  const properties = body && isNode(body.properties) ? (body.properties as Record<string, Node>) : undefined;
  const items = properties ? Object.entries(properties).filter(([, v]) => deref(v, named).type === 'array' || (Array.isArray(deref(v, named).type) && (deref(v, named).type as string[]).includes('array'))) : [];
  if (!paged) return null;
  const list = items.length === 1 ? items : items.filter(([key]) => ITEM_LISTS.test(key));
  if (!properties || list.length !== 1) return { review: 'it takes paging parameters, but its response has no single list of items; add `pagination:` by hand if it pages.' };
  const itemsPath = list[0]![0];
  const paths = leafPaths(body!, named);
  const find = (re: RegExp) => paths.find((path) => re.test(path.split('.').pop()!));
  const page = byWire(PAGE);
  const size = byWire(SIZE);
  const next = find(NEXT_LINK);
  // A page number beside a next link: the link is what the provider says to follow (Twilio's
  // `next_page_uri` carries the `PageToken` its later pages need, which a page number alone lacks).
  if (page && size && next) return { pagination: { strategy: 'next_link', next, items: itemsPath } };
  if (page && size) {
    const first = page.spec.minimum === 0 || page.spec.default === 0 ? 0 : 1;
    const totalPages = find(/^(total_pages|totalpages|page_count)$/i);
    const totalItems = find(/^(total_results|total_items|total|total_count)$/i);
    return { pagination: { strategy: 'page', page_param: page.name, size_param: size.name, first_page: first, items: itemsPath, ...(totalPages ? { total_pages: totalPages } : {}), ...(totalItems ? { total_items: totalItems } : {}) } };
  }
  const offset = byWire(OFFSET);
  const limit = byWire(LIMIT);
  if (offset && limit) return { pagination: { strategy: 'offset', offset_param: offset.name, limit_param: limit.name, ...(next ? { next } : {}), items: itemsPath } };
  const cursor = byWire(CURSOR);
  const nextCursor = find(NEXT_CURSOR);
  if (cursor && nextCursor) {
    const hasMore = find(/^(has_more|hasmore|has_next)$/i);
    return { pagination: { strategy: 'cursor', cursor_param: cursor.name, ...(limit ? { size_param: limit.name } : size ? { size_param: size.name } : {}), next_cursor: nextCursor, ...(hasMore ? { has_more: hasMore } : {}), items: itemsPath } };
  }
  if (next) return { pagination: { strategy: 'next_link', next, items: itemsPath } };
  const hasMore = find(/^(has_more|hasmore|has_next)$/i);
  const item = deref(deref(list[0]![1], named).items as Node ?? {}, named);
  if (cursor && hasMore && isNode(item.properties) && 'id' in item.properties) {
    // Stripe's and Resend's shape: no next cursor in the body, because the cursor is the last item's id. Likely, not certain.
    const size = limit ?? byWire(SIZE);
    const shape = `{ strategy: cursor, cursor_param: ${cursor.name}${size ? `, size_param: ${size.name}` : ''}, next_cursor: ${itemsPath}.-1.id, has_more: ${hasMore}, items: ${itemsPath} }`;
    return { review: `it takes a cursor ('${cursor.wire}') and says ${hasMore}, but no response value is the next cursor. If the cursor is the id of a page's last item, add \`pagination: ${shape}\`; otherwise add \`pagination:\` as the API pages.` };
  }
  return { review: 'it takes paging parameters, but the document does not show how the next page is reached; add `pagination:` by hand.' };
}

function deref(schema: Node, named: Map<string, Node>): Node {
  const ref = typeof schema.$ref === 'string' ? /^#\/schemas\/(.+)$/.exec(schema.$ref)?.[1] : undefined;
  return ref ? named.get(ref) ?? {} : schema;
}

/** Dotted paths of the scalar members of an object schema, two levels deep (`meta.total_pages`). */
function leafPaths(schema: Node, named: Map<string, Node>, prefix = '', depth = 0): string[] {
  const properties = isNode(schema.properties) ? (schema.properties as Record<string, Node>) : {};
  return Object.entries(properties).flatMap(([key, value]) => {
    const node = deref(value, named);
    const path = prefix ? `${prefix}.${key}` : key;
    if (isNode(node.properties) && depth < 2) return leafPaths(node, named, path, depth + 1);
    return node.type === 'array' ? [] : [path];
  });
}
