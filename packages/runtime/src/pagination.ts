/**
 * Walking every page of a list operation. Each strategy only decides the
 * arguments of the next page (or that there is none); the driver fetches,
 * extracts items and enforces the guards that keep a misbehaving API from
 * looping forever or leaking credentials: a page cap, a page identical to the
 * one before (a server ignoring the page parameter), repeated cursors, offsets
 * that do not advance, next links to another origin or scheme.
 *
 * A short page never ends the walk by itself (many APIs cap page sizes below
 * what was asked); only an empty page, the totals or the next link/cursor do.
 */

import { resolvedParams } from './param-plan.js';
import type { ResponseHeaders } from './transport-types.js';
import { PaginationError } from './errors.js';
import { getPath } from './json-path.js';
import { followedUrl, nextLinkOf, rebaseOntoOverride, resolveNextLink, type ServerBases } from './next-link.js';
import type { Redactor } from './redact.js';
import type { OperationSpec, PaginationSpec } from './spec.js';

export interface FetchedPage {
  body: unknown;
  /** The URL the page came from: the base for relative next links. */
  url: string;
  /** Response headers, for a next link in `Link`. */
  headers?: ResponseHeaders;
}

export interface Page {
  body: unknown;
  items: unknown[];
}

type Args = Record<string, unknown>;

/** Arguments for the following page, or null when this page was the last. */
type NextArgs = (page: FetchedPage, items: unknown[], args: Args) => Args | null;

export interface WalkLimits {
  maxPages: number;
  /** Next links and cursors come from the provider and are quoted in errors; they could echo a credential. */
  redactor: Redactor;
  /** The operation's server as the spec gives it and as it is reached, for next links in the provider's own URL space. */
  servers?: ServerBases;
}

/** `link`, when given, is the absolute URL to request instead of the one the arguments build (next_link pages after the first). */
export type FetchPage = (args: Args, link?: string) => Promise<FetchedPage>;

export async function* paginate(op: OperationSpec, args: Args, fetchPage: FetchPage, limits: WalkLimits): AsyncGenerator<Page> {
  const { maxPages, redactor } = limits;
  const spec = op.pagination;
  if (!spec) throw new PaginationError(op.id, 'it returns a single page; use call() instead of pages() or items().');
  const next = spec.strategy === 'next_link' ? nextLinkStrategy(op, spec, redactor, limits.servers) : strategy(op, spec, args, redactor);
  let pageArgs = start(spec, args);
  let previousItems: string | null = null;
  let firstUrl: string | null = null;
  for (let fetched = 0; ; fetched++) {
    if (fetched >= maxPages) {
      throw new PaginationError(op.id, `stopped after ${maxPages} pages (maxPages) before reaching the last page; pass a larger maxPages or narrow the query.`);
    }
    const link = pageArgs[NEXT_LINK];
    const page: FetchedPage = typeof link === 'string' && firstUrl !== null ? await fetchPage(args, followedUrl(firstUrl, new URL(link))) : await fetchPage(pageArgs);
    firstUrl ??= page.url;
    const items = pageItems(op, spec, args, page.body);
    // Two consecutive identical pages mean the provider ignored the page parameter; every further page would repeat them too.
    const itemsText = items.length > 0 ? JSON.stringify(items) : null;
    if (itemsText !== null && itemsText === previousItems) {
      const position = redactor.string(positionOf(spec, pageArgs));
      throw new PaginationError(
        op.id,
        `page ${fetched + 1} (${position}) returned exactly the ${items.length} items of page ${fetched}: the provider seems to ignore the paging parameter; stopping instead of repeating them.`,
      );
    }
    previousItems = itemsText;
    // An empty page after the first one ends the walk and is not worth yielding.
    if (items.length === 0 && fetched > 0 && spec.strategy !== 'cursor') return;
    if (items.length > 0 || fetched === 0) yield { body: page.body, items };
    const following = next(page, items, pageArgs);
    if (following === null) return;
    pageArgs = following;
  }
}

function start(spec: PaginationSpec, args: Args): Args {
  if (spec.strategy === 'page') return { ...args, [spec.pageParam]: args[spec.pageParam] ?? spec.firstPage };
  if (spec.strategy === 'offset') return { ...args, [spec.offsetParam]: args[spec.offsetParam] ?? 0 };
  return { ...args };
}

/** `page_number=2`, `offset=40`, `cursor="c2"`: which page a message is about, in the caller's parameter names. */
function positionOf(spec: PaginationSpec, pageArgs: Args): string {
  if (spec.strategy === 'next_link') {
    const link = pageArgs[NEXT_LINK];
    return typeof link === 'string' ? `link ${JSON.stringify(link.length > 60 ? `${link.slice(0, 57)}...` : link)}` : 'first page';
  }
  const name = spec.strategy === 'page' ? spec.pageParam : spec.strategy === 'offset' ? spec.offsetParam : spec.cursorParam;
  const value = pageArgs[name];
  if (value === undefined) return `no ${name}`;
  const text = JSON.stringify(value) ?? String(value);
  return `${name}=${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

/**
 * The next_link walk keeps the caller's arguments and carries the link to
 * follow under a symbol key, which no argument can collide with.
 */
const NEXT_LINK = Symbol('next link') as unknown as string;

function nextLinkStrategy(op: OperationSpec, spec: Extract<PaginationSpec, { strategy: 'next_link' }>, redactor: Redactor, servers: ServerBases | undefined): NextArgs {
  const seen = new Set<string>();
  return (page, items, current) => {
    if (items.length === 0) return null;
    const raw = nextLinkOf(spec.next, page.body, page.headers ?? null);
    if (raw === null) return null;
    const rebased = servers ? rebaseOntoOverride(raw, page.url, servers) : null;
    const url = resolveNextLink(op.id, rebased ?? raw, page.url, redactor);
    if (url.href === new URL(page.url).href || seen.has(url.href)) {
      const shown = redactor.string(JSON.stringify(raw.length > 60 ? `${raw.slice(0, 57)}...` : raw));
      throw new PaginationError(op.id, `repeated next-page link ${shown}: the provider linked to a page it returned before; stopping to avoid an endless loop.`);
    }
    seen.add(url.href);
    return { ...current, [NEXT_LINK]: url.href };
  };
}

function strategy(op: OperationSpec, spec: Exclude<PaginationSpec, { strategy: 'next_link' }>, args: Args, redactor: Redactor): NextArgs {
  if (spec.strategy === 'page') return pageStrategy(spec, args);
  if (spec.strategy === 'offset') return offsetStrategy(op, spec, redactor);
  return cursorStrategy(op, spec, args);
}

function pageStrategy(spec: Extract<PaginationSpec, { strategy: 'page' }>, args: Args): NextArgs {
  let seen = 0;
  let itemsBefore: number | null = null;
  return (page, items, current) => {
    if (items.length === 0) return null;
    const number = Number(current[spec.pageParam]);
    // Items on the pages skipped by a caller who started past the first page, for totalItems.
    itemsBefore ??= (number - spec.firstPage) * (asNumber(args[spec.sizeParam]) ?? items.length);
    seen += items.length;
    const totalPages = spec.totalPagesPath ? asNumber(getPath(page.body, spec.totalPagesPath)) : null;
    if (totalPages !== null && number >= spec.firstPage + totalPages - 1) return null;
    const totalItems = spec.totalItemsPath ? asNumber(getPath(page.body, spec.totalItemsPath)) : null;
    if (totalItems !== null && itemsBefore + seen >= totalItems) return null;
    return { ...current, [spec.pageParam]: number + 1 };
  };
}

function offsetStrategy(op: OperationSpec, spec: Extract<PaginationSpec, { strategy: 'offset' }>, redactor: Redactor): NextArgs {
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
    const totalItems = spec.totalItemsPath ? asNumber(getPath(page.body, spec.totalItemsPath)) : null;
    if (totalItems !== null && nextOffset >= totalItems) return null;
    return { ...current, [spec.offsetParam]: nextOffset };
  };
}

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

function cursorStrategy(op: OperationSpec, spec: Extract<PaginationSpec, { strategy: 'cursor' }>, args: Args): NextArgs {
  const seen = new Set<string>();
  const initial = args[spec.cursorParam];
  if (initial !== undefined && initial !== null) seen.add(String(initial));
  return (page, _items, current) => {
    if (spec.hasMorePath && getPath(page.body, spec.hasMorePath) === false) return null;
    const cursor = getPath(page.body, spec.nextCursorPath);
    if (cursor === null || cursor === undefined || cursor === '') return null;
    const key = typeof cursor === 'string' ? cursor : JSON.stringify(cursor);
    if (seen.has(key)) {
      const shown = key.length > 40 ? `${key.slice(0, 37)}...` : key;
      throw new PaginationError(op.id, `repeated cursor ${JSON.stringify(shown)}: the provider returned a cursor it returned before; stopping to avoid an endless loop.`);
    }
    seen.add(key);
    return { ...current, [spec.cursorParam]: cursor };
  };
}

/** The page's item array; a per-case items path is picked by the selector's value. */
export function pageItems(op: OperationSpec, spec: PaginationSpec, args: Args, body: unknown): unknown[] {
  let path: string | undefined;
  if (typeof spec.items === 'string') path = spec.items;
  else if (op.endpoint.kind === 'selected') path = spec.items[String(args[op.endpoint.parameter])];
  if (path === undefined) throw new PaginationError(op.id, 'no items path matches the selected endpoint.');
  const items = path === '' || path === '.' ? body : getPath(body, path);
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new PaginationError(op.id, `expected an array of items at '${path}' in the response, got ${typeof items}.`);
  return items;
}

function asNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}
