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

import type { ResponseHeaders } from './transport-types.js';
import { PaginationError, SwitchboardError } from './errors.js';
import { getPath } from './json-path.js';
import type { ServerBases } from './next-link.js';
import { partOf } from './part-of.js';
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

export type Args = Record<string, unknown>;

/** Arguments for the following page, or null when this page was the last. */
export type NextArgs = (page: FetchedPage, items: unknown[], args: Args) => Args | null;

/**
 * The code of one pagination strategy (`OperationParts.paging`: `pageNumberPaging`, `offsetPaging`,
 * `cursorPaging`, `nextLinkPaging`), each a module of its own, so a program bundles only the
 * strategies its functions walk by. Made once per walk, with the caller's first arguments.
 */
export type PagingStrategy = (op: OperationSpec, args: Args, limits: WalkLimits) => NextArgs;

/**
 * Keys the next_link walk carries in the caller's arguments, as symbols no argument can collide
 * with: the link the provider gave (for messages) and the URL to request for it.
 */
export const NEXT_LINK = Symbol('next link') as unknown as string;
export const FOLLOWED_URL = Symbol('followed URL') as unknown as string;

/** The operation's pagination, which must be of the strategy whose code its paging part is. */
export function paginationOf<S extends PaginationSpec['strategy']>(op: OperationSpec, strategy: S): Extract<PaginationSpec, { strategy: S }> {
  const spec = op.pagination;
  if (spec?.strategy !== strategy) {
    throw new SwitchboardError(`${op.id} pages by ${spec?.strategy ?? 'no strategy'}, but its paging part is the ${strategy} strategy's code (regenerate its client).`);
  }
  return spec as Extract<PaginationSpec, { strategy: S }>;
}

export interface WalkLimits {
  maxPages: number;
  /** Next links and cursors come from the provider and are quoted in errors; they could echo a credential. */
  redactor: Redactor;
  /** The operation's server as the spec gives it and as it is reached, for next links in the provider's own URL space. */
  servers?: ServerBases;
}

/** `link`, when given, is the absolute URL to request instead of the one the arguments build (next_link pages after the first). */
export type FetchPage = (args: Args, link?: string) => Promise<FetchedPage>;

/**
 * A walk stopped because a page repeated the one before it: the provider ignored the paging
 * parameter. A PaginationError like the others; its own class lets a caller that knows why pages
 * repeat (the CLI's sandbox, whose pages are documented examples) end the walk there instead.
 */
export class RepeatedPageError extends PaginationError {
  static override get errorName(): string {
    return 'RepeatedPageError';
  }
}

export async function* paginate(op: OperationSpec, args: Args, fetchPage: FetchPage, limits: WalkLimits): AsyncGenerator<Page> {
  const { maxPages, redactor } = limits;
  const spec = op.pagination;
  if (!spec) throw new PaginationError(op.id, 'it returns a single page; use call() instead of pages() or items().');
  const next = partOf(op, 'paging')(op, args, limits);
  let pageArgs = start(spec, args);
  let previousItems: string | null = null;
  for (let fetched = 0; ; fetched++) {
    if (fetched >= maxPages) {
      throw new PaginationError(op.id, `stopped after ${maxPages} pages (maxPages) before reaching the last page; pass a larger maxPages or narrow the query.`);
    }
    const followed = pageArgs[FOLLOWED_URL];
    const page: FetchedPage = typeof followed === 'string' ? await fetchPage(args, followed) : await fetchPage(pageArgs);
    const items = pageItems(op, spec, args, page.body);
    // Two consecutive identical pages mean the provider ignored the page parameter; every further page would repeat them too.
    const itemsText = items.length > 0 ? JSON.stringify(items) : null;
    if (itemsText !== null && itemsText === previousItems) {
      const position = redactor.string(positionOf(spec, pageArgs));
      throw new RepeatedPageError(
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
