/**
 * Every page or every item of a list operation, for a client's `…Pages` and `…Items`. These are
 * functions rather than `Core` methods so that a program that never walks pages does not bundle
 * the walk, its strategies or next-link handling.
 */

import type { AnyOperation, Core } from './core.js';
import type { RequestOptions } from './options.js';
import { paginate, type Page } from './pagination.js';

function walk(core: Core, op: AnyOperation, args: object, options: RequestOptions): AsyncGenerator<Page> {
  const source = core.pageSource(op, args, options);
  return paginate(source.op, source.args, source.fetchPage, source.limits);
}

/** Each page's body in turn, following the operation's pagination. */
export async function* pagesOf<T = unknown>(core: Core, op: AnyOperation, args: object, options: RequestOptions = {}): AsyncGenerator<T, void, undefined> {
  for await (const page of walk(core, op, args, options)) yield page.body as T;
}

/** Each item of each page in turn. */
export async function* itemsOf<T = unknown>(core: Core, op: AnyOperation, args: object, options: RequestOptions = {}): AsyncGenerator<T, void, undefined> {
  for await (const page of walk(core, op, args, options)) yield* page.items as T[];
}
