import type { FormBody, RecordedRequest } from './match.js';

/**
 * Synthetic page sequences for a paginated function, built from one documented
 * response: the same envelope with its items replaced and its paging fields
 * (totals, next link, cursor, has_more) set for each page.
 */

export type PagingSpec =
  | { strategy: 'page'; items: string | Record<string, string>; pageParam: string; sizeParam: string; firstPage: 0 | 1; totalPagesPath: string | null; totalItemsPath: string | null }
  | { strategy: 'offset'; items: string | Record<string, string>; offsetParam: string; limitParam: string; nextPath: string | null; totalItemsPath: string | null }
  | { strategy: 'cursor'; items: string | Record<string, string>; cursorParam: string; sizeParam: string | null; nextCursorPath: string; hasMorePath: string | null }
  | { strategy: 'next_link'; items: string | Record<string, string>; next: { from: 'body'; path: string } | { from: 'link_header' } };

/** An array index in a path, negative from the end (`data.-1.id`: the last item's id). */
const INDEX = /^-?\d+$/;
const at = (array: unknown[], segment: string) => (Number(segment) < 0 ? array.length + Number(segment) : Number(segment));

/** The path of the whole body: a page that is its item array. */
const isBody = (path: string) => path === '.' || path === '';

function setPath(target: unknown, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) {
    if (Array.isArray(node) && INDEX.test(segment)) {
      // No such item (an empty page): there is nothing to carry the value.
      const item = node[at(node, segment)] as unknown;
      if (item === null || typeof item !== 'object') return;
      node = item as Record<string, unknown>;
      continue;
    }
    if (node[segment] === null || typeof node[segment] !== 'object') node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments.at(-1)!] = value;
}

function getPath(target: unknown, path: string): unknown {
  if (isBody(path)) return target;
  return path.split('.').reduce<unknown>((node, segment) => {
    if (Array.isArray(node) && INDEX.test(segment)) return node[at(node, segment)];
    return node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }, target);
}

/** The items path for a (possibly selected) endpoint. */
export function itemsPathOf(spec: PagingSpec, selected: string | null): string {
  return typeof spec.items === 'string' ? spec.items : spec.items[selected ?? Object.keys(spec.items)[0]!]!;
}

export interface PageSequence {
  /** Response bodies in the order they will be served. */
  bodies: unknown[];
  /** Every item, in order, that iterating should yield. */
  items: unknown[];
  /** Response headers per page, in the same order (a next_link `Link` header). */
  headers: Array<Record<string, string>>;
}

/**
 * `pageSizes` items per page, e.g. [2, 2, 1] for three pages, [2, 2] for an
 * exactly-full last page, [2, 0] for a trailing empty page.
 */
export function pageSequence(spec: PagingSpec, template: unknown, selected: string | null, pageSizes: number[], options: { repeatCursor?: boolean } = {}): PageSequence {
  const itemsPath = itemsPathOf(spec, selected);
  const sample = (getPath(template, itemsPath) as unknown[] | undefined)?.[0] ?? {};
  const nonEmpty = pageSizes.filter((n) => n > 0).length;
  const total = pageSizes.reduce((a, b) => a + b, 0);
  const items: unknown[] = [];
  const headers: Array<Record<string, string>> = [];
  const bodies = pageSizes.map((count, index) => {
    const pageHeaders: Record<string, string> = {};
    headers.push(pageHeaders);
    const pageItems = Array.from({ length: count }, (_, i) => tag(sample, items.length + i));
    items.push(...pageItems);
    const last = index === pageSizes.length - 1;
    // A relative link: it resolves against whatever server the test runs on.
    const link = last ? null : `?switchboard_test_page=${index + 1}`;
    if (spec.strategy === 'next_link' && spec.next.from === 'link_header' && link !== null) pageHeaders.link = `<${link}>; rel="next"`;
    // A page that is its item array has nowhere to carry paging fields: only its headers can.
    if (isBody(itemsPath)) return pageItems;
    const body = structuredClone(template) as Record<string, unknown>;
    setPath(body, itemsPath, pageItems);
    switch (spec.strategy) {
      case 'page':
        if (spec.totalPagesPath) setPath(body, spec.totalPagesPath, nonEmpty);
        if (spec.totalItemsPath) setPath(body, spec.totalItemsPath, total);
        break;
      case 'offset':
        if (spec.nextPath) setPath(body, spec.nextPath, last ? null : `next-page-${index + 1}`);
        if (spec.totalItemsPath) setPath(body, spec.totalItemsPath, total);
        break;
      case 'cursor': {
        const cursor = options.repeatCursor ? 'cursor-1' : `cursor-${index + 1}`;
        setPath(body, spec.nextCursorPath, last ? null : cursor);
        if (spec.hasMorePath) setPath(body, spec.hasMorePath, !last);
        break;
      }
      case 'next_link':
        if (spec.next.from === 'body') setPath(body, spec.next.path, link);
        break;
    }
    return body;
  });
  return { bodies, items, headers };
}

/** A copy of the sample item made distinguishable, so order and duplicates show. */
function tag(sample: unknown, index: number): unknown {
  if (sample && typeof sample === 'object' && !Array.isArray(sample)) return { ...(sample as object), switchboard_test_index: index };
  return typeof sample === 'string' ? `${sample}-${index}` : index;
}

/** Where one parameter goes, as an operation spec says (`ParamSpec`). */
export interface PagingParam {
  name: string;
  in: string;
  wire?: string;
  bodyPath?: readonly string[];
}

/**
 * What each request of a walk served by `pageSequence` should have carried and did not: request k
 * (k ≥ 1) must send page k-1's cursor (`cursor-k`) or page number (first + k) where its parameter
 * goes (query, JSON body or form body), or follow page k-1's next link. A walk that sends the cursor
 * under the wrong name or in the wrong place fetches page 1 again from a real provider: items alone
 * cannot show it. Offsets are not checked (their step is the provider's).
 */
export function pagingProblems(spec: PagingSpec, params: readonly PagingParam[], sent: readonly RecordedRequest[]): string[] {
  const problems: string[] = [];
  for (let k = 1; k < sent.length; k++) {
    const request = sent[k]!;
    if (spec.strategy === 'next_link') {
      if (new URL(request.url).searchParams.get('switchboard_test_page') !== String(k)) problems.push(`request ${k + 1} did not follow page ${k}'s next link (sent ${request.url})`);
      continue;
    }
    const expected = spec.strategy === 'cursor' ? `cursor-${k}` : spec.strategy === 'page' ? String(spec.firstPage + k) : null;
    const name = spec.strategy === 'cursor' ? spec.cursorParam : spec.strategy === 'page' ? spec.pageParam : null;
    const param = params.find((p) => p.name === name);
    if (expected === null || !param) continue;
    const found = sentValue(request, param);
    if (found !== expected) problems.push(`request ${k + 1} should send ${param.name} = ${expected} as ${param.in} ${param.wire ?? param.name}, but sent ${found === undefined ? 'none' : JSON.stringify(found)}`);
  }
  return problems;
}

/** A parameter's value as one request sent it, as text; undefined when it is not there. */
function sentValue(request: RecordedRequest, param: PagingParam): string | undefined {
  const wire = param.wire ?? param.name;
  if (param.in === 'query') return new URL(request.url).searchParams.get(wire) ?? undefined;
  if (param.in !== 'body') return undefined;
  const body = request.body;
  if (body !== null && typeof body === 'object' && 'form' in body) return (body as FormBody).form.find(([key]) => key === wire)?.[1];
  const holder = (param.bodyPath ?? []).reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), body);
  const value = holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>)[wire] : undefined;
  return value === undefined || value === null ? undefined : String(value);
}
