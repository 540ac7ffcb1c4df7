import type { HttpBinding, ItemsPath, Pagination, Parameter } from '../model.js';
import { didYouMean } from './diagnostics.js';
import type { Report } from './build-function.js';
import type { RawFunction } from './spec-types.js';

import { BODY_PATH, hasType, schemasAt, type Schema } from '../shared/schema-paths.js';

export function buildPagination(raw: RawFunction, binding: HttpBinding, parameters: Parameter[], report: Report): Pagination | null {
  const spec = raw.pagination!;
  const response = raw.response?.schema as Schema | undefined;
  let problems = 0;
  const fail: Report = (path, message, target) => {
    problems++;
    report(path, message, target);
  };

  const param = (key: string, name: string) => {
    if (!parameters.some((p) => p.name === name)) {
      fail(['pagination', key], `'${name}' is not a parameter of this function.${didYouMean(name, parameters.map((p) => p.name))}`);
    }
    return name;
  };
  const responsePath = (key: string, path: string | undefined, expected?: string): string | null => {
    if (path === undefined) return null;
    if (!response) {
      fail(['pagination', key], `pagination needs a response schema to check '${path}' against.`);
      return path;
    }
    const found = schemasAt(response, path);
    if (found.length === 0) fail(['pagination', key], `'${path}' does not exist in the response schema.`);
    else if (expected && !found.some((s) => hasType(s, expected))) fail(['pagination', key], `'${path}' must be ${expected === 'array' ? 'an' : 'a'} ${expected} in the response schema.`);
    return path;
  };

  let items: ItemsPath;
  if (typeof spec.items === 'string') {
    responsePath('items', spec.items, 'array');
    items = { kind: 'single', path: bodyPathOf(spec.items) };
  } else {
    const cases = binding.endpoint.kind === 'selected' ? binding.endpoint.cases.map((c) => c.value) : [];
    if (cases.length === 0) fail(['pagination', 'items'], `a map of items paths needs request.select; give one path instead.`);
    for (const value of cases) {
      if (!(value in spec.items)) fail(['pagination', 'items'], `no items path for case '${value}'.`);
    }
    for (const [value, path] of Object.entries(spec.items)) {
      if (cases.length > 0 && !cases.includes(value)) fail(['pagination', 'items', value], `'${value}' is not a case of request.select: ${cases.join(', ')}.`, 'key');
      responsePath('items', path, 'array');
    }
    items = { kind: 'per_case', paths: Object.fromEntries(Object.entries(spec.items).map(([value, path]) => [value, bodyPathOf(path)])) };
  }

  let result: Pagination;
  switch (spec.strategy) {
    case 'page':
      result = {
        strategy: 'page',
        items,
        pageParam: param('page_param', spec.page_param),
        sizeParam: param('size_param', spec.size_param),
        firstPage: spec.first_page,
        totalPagesPath: responsePath('total_pages', spec.total_pages, 'integer'),
        totalItemsPath: responsePath('total_items', spec.total_items, 'integer'),
      };
      break;
    case 'offset':
      result = {
        strategy: 'offset',
        items,
        offsetParam: param('offset_param', spec.offset_param),
        limitParam: param('limit_param', spec.limit_param),
        nextPath: responsePath('next', spec.next),
        totalItemsPath: responsePath('total_items', spec.total_items, 'integer'),
      };
      break;
    case 'cursor':
      result = {
        strategy: 'cursor',
        items,
        cursorParam: param('cursor_param', spec.cursor_param),
        sizeParam: spec.size_param === undefined ? null : param('size_param', spec.size_param),
        nextCursorPath: responsePath('next_cursor', spec.next_cursor)!,
        hasMorePath: responsePath('has_more', spec.has_more, 'boolean'),
        lastPageWithout: lastPageWithout(spec.next_cursor, spec.last_page_without, fail),
      };
      break;
    case 'next_link': {
      const next = nextLinkSource(spec, responsePath, fail);
      if (next === null) return null;
      result = { strategy: 'next_link', items, next };
      break;
    }
  }
  return problems > 0 ? null : result;
}

/** `last_page_without` names the first key of `next_cursor`'s path, the object the last page leaves out. */
function lastPageWithout(nextCursor: string, key: string | undefined, fail: Report): string | null {
  if (key === undefined) return null;
  const dot = nextCursor.indexOf('.');
  const first = dot < 0 ? null : nextCursor.slice(0, dot);
  if (first !== key) {
    fail(['pagination', 'last_page_without'], first === null ? `'last_page_without' names the object next_cursor '${nextCursor}' is in, but it is a top-level key: a page without it already ends the walk.` : `'last_page_without' names the object next_cursor '${nextCursor}' is in: '${first}', not '${key}'.`);
    return null;
  }
  return key;
}

/** Exactly one of `next` (a body path holding a string link) and `link_header: true`. */
function nextLinkSource(
  spec: Extract<RawFunction['pagination'] & object, { strategy: 'next_link' }>,
  responsePath: (key: string, path: string | undefined, expected?: string) => string | null,
  fail: Report,
): Extract<Pagination, { strategy: 'next_link' }>['next'] | null {
  if (spec.next !== undefined && spec.link_header) {
    fail(['pagination', 'link_header'], `give either 'next' (a response body path) or 'link_header: true', not both.`, 'key');
    return null;
  }
  if (spec.link_header) return { from: 'link_header' };
  if (spec.next === undefined) {
    fail(['pagination'], `strategy next_link needs 'next' (the response body path of the next page's link) or 'link_header: true'.`, 'key');
    return null;
  }
  return { from: 'body', path: responsePath('next', spec.next, 'string')! };
}

/** One spelling of the whole body in the model: `.` (an empty path reads the same). */
const bodyPathOf = (path: string): string => (path === '' ? BODY_PATH : path);
