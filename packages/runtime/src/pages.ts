/**
 * Every page or every item of a list operation, for a client's `…Pages` and `…Items`. These are
 * functions rather than `Core` methods so that a program that never walks pages does not bundle
 * the walk, its strategies or next-link handling.
 */

import { snapshotArguments } from './arguments.js';
import { fillServerUrl } from './build-request.js';
import { available, type AnyOperation, type Core } from './core.js';
import type { ServerBases } from './next-link.js';
import { checkRequestOptions } from './option-checks.js';
import { DEFAULTS, type RequestOptions } from './options.js';
import { paginate, type Page } from './pagination.js';
import { partOf } from './part-of.js';
import { serverNameOf, type OperationSpec } from './spec.js';

function walk(core: Core, op: AnyOperation, args: object, options: RequestOptions): AsyncGenerator<Page> {
  checkRequestOptions(options);
  const spec = available(op);
  // Read once here: the walk spreads and re-reads the arguments for every page.
  const snapshot = snapshotArguments(spec.id, args ?? {}, core.limits, core.redactor) as Record<string, unknown>;
  const plain = spec.renamedParams ? partOf(spec, 'rename')(spec, snapshot) : snapshot;
  const limits = { maxPages: options.maxPages ?? DEFAULTS.maxPages, redactor: core.redactor, servers: serverBases(core, spec) };
  return paginate(spec, plain, (pageArgs, link) => core.send(spec, pageArgs, options, link), limits);
}

/** Each page's body in turn, following the operation's pagination. */
export async function* pagesOf<T = unknown>(core: Core, op: AnyOperation, args: object, options: RequestOptions = {}): AsyncGenerator<T, void, undefined> {
  for await (const page of walk(core, op, args, options)) yield page.body as T;
}

/** Each item of each page in turn. */
export async function* itemsOf<T = unknown>(core: Core, op: AnyOperation, args: object, options: RequestOptions = {}): AsyncGenerator<T, void, undefined> {
  for await (const page of walk(core, op, args, options)) yield* page.items as T[];
}

/**
 * The operation's server URL from the spec and the one used (an override), filled with the fields
 * known; a missing field stays empty, as the first request will fail on it anyway. Here rather
 * than in `Core`, so programs that never walk pages do not bundle it.
 */
function serverBases(core: Core, spec: OperationSpec): ServerBases {
  const server = core.server(spec);
  const values: Record<string, string> = {};
  for (const [key, field] of core.fields) if (field.value !== undefined) values[key] = field.value;
  // The spec's URL for this account (a field may choose it), and the one used: an override wins over both.
  return { spec: fillServerUrl(core.specServerUrl(spec.id, server), values), actual: fillServerUrl(core.serverUrl(spec.id, serverNameOf(spec), server), values) };
}
