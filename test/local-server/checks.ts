import { isDeepStrictEqual } from 'node:util';
import { answeredFile, requestDifferences } from '@switchboard/testing';
import type { LocalProviderServer, ServedExample } from './local-server.js';

/** What each surface's call must do against the local server, shared by the catalog-wide test and the fixture-provider test. */

/** Statuses the runtime retries, so a caller without a retry setting (CLI, Lua, MCP) may send them more than once. */
const retried = (status: number) => status === 408 || status === 429 || status >= 500;

/** What one call gave back, as each surface reports it. */
export type Outcome = { ok: true; value: unknown } | { ok: false; error: string; status?: number; body?: unknown };

/** JS null becomes Lua nil, so a key holding null is absent after a trip through Lua. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  return value;
}
export const asJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * What went wrong with one example's call: the requests `tag` sent (exactly the documented one,
 * once) and the outcome (the documented body, or a failure for a documented error).
 */
export function problemsOf(local: LocalProviderServer, example: ServedExample, tag: string, outcome: Outcome, options: { expected?: (body: unknown) => unknown; sentFrom?: number; maySendAgain?: boolean } = {}): string[] {
  const problems: string[] = [];
  const sent = local.requestsOf(tag).slice(options.sentFrom ?? 0);
  const expected = local.expectedRequest(example, tag);
  const status = example.response.status;
  if (sent.length === 0) problems.push('no request reached the server');
  if (sent.length > 1 && !(options.maySendAgain && retried(status))) problems.push(`${sent.length} requests reached the server, documented one`);
  for (const s of sent) {
    const differences = requestDifferences(s.request, expected);
    if (differences.length > 0) problems.push(...differences);
    else if (s.answeredWith !== example.index) problems.push(`answered with example ${s.answeredWith}, not ${example.index}`);
  }
  const body = (options.expected ?? asJson)(example.response.body ?? null);
  const file = example.response.file;
  if (file && status < 400) {
    // A download, as every surface gives it: a File (read by answeredFile) or the file answer's JSON.
    if (!outcome.ok) problems.push(`failed: ${outcome.error}`);
    else {
      const given = (outcome.value ?? {}) as Record<string, unknown>;
      const got = { filename: given.filename ?? null, content_type: given.content_type, content_base64: given.content_base64 };
      if (!isDeepStrictEqual(got, file)) problems.push(`file ${JSON.stringify(got)}, documented ${JSON.stringify(file)}`);
    }
  } else if (status < 400) {
    if (!outcome.ok) problems.push(`failed: ${outcome.error}`);
    else if (!isDeepStrictEqual(asJson(outcome.value), body)) problems.push(`result ${JSON.stringify(outcome.value)}, documented ${JSON.stringify(body)}`);
  } else if (outcome.ok) problems.push(`succeeded with ${JSON.stringify(outcome.value)}, documented status ${status}`);
  else {
    if (outcome.status !== undefined && outcome.status !== status) problems.push(`failed with status ${outcome.status}, documented ${status}`);
    if ('body' in outcome && outcome.body !== undefined && !isDeepStrictEqual(asJson(outcome.body), body)) problems.push(`error body ${JSON.stringify(outcome.body)}, documented ${JSON.stringify(body)}`);
  }
  return problems.map((p) => `${example.function} (${example.title}) via ${tag}: ${p}`);
}

/** The next-page link a documented page gives: a body path, or the `Link` header's rel="next". */
export function documentedNextLink(next: { from: 'body'; path: string } | { from: 'link_header' }, response: { headers: Record<string, string>; body: unknown }): string | null {
  if (next.from === 'link_header') {
    const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'link')?.[1] ?? '';
    return /<([^>]*)>[^,]*;\s*rel="?[^",]*\bnext\b/i.exec(header)?.[1] ?? null;
  }
  const value = next.path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), response.body);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/** A generated client instance: one method per function, by its TypeScript name. */
export type ClientInstance = Record<string, (args: object, options?: object) => unknown>;
export type ClientClass = new (options: object) => ClientInstance;

/** The generated client class in a client package's exports: the one whose prototype has `method`. */
export function clientClass(exported: Record<string, unknown>, method: string): ClientClass {
  const found = Object.values(exported).find((value) => typeof value === 'function' && typeof (value.prototype as Record<string, unknown> | undefined)?.[method] === 'function');
  if (!found) throw new Error(`no exported client class has a ${method} method`);
  return found as ClientClass;
}

/** Every example of the provider through the TS client, each with its own base-URL tag. */
export async function tsExampleProblems(Client: ClientClass, local: LocalProviderServer, fieldOptions: Record<string, string>, tsName: (qualified: string) => string): Promise<string[]> {
  const found: string[] = [];
  for (const example of local.examples) {
    const tag = `ts-e${example.index}`;
    const client = new Client({ ...fieldOptions, env: {}, baseURL: local.baseUrls(tag), maxRetries: 0 });
    const outcome: Outcome = await Promise.resolve(client[tsName(example.function)]!(example.arguments)).then(
      async (value) => ({ ok: true as const, value: value instanceof Blob ? await answeredFile(value) : value }),
      (error: { message: string; status?: number; body?: unknown }) => ({ ok: false as const, error: error.message, status: error.status, body: error.body }),
    );
    found.push(...problemsOf(local, example, tag, outcome));
  }
  return found;
}

export interface Walk {
  example: ServedExample;
  link: string;
  itemsPath: string;
}

/** Examples of next_link functions whose documented page names a next page. */
export function nextLinkWalks(local: LocalProviderServer): Walk[] {
  return local.examples.flatMap((example) => {
    const op = local.provider.functions.find((f) => f.qualified === example.function)?.spec;
    const paging = op && 'pagination' in op ? op.pagination : null;
    if (example.response.status >= 400 || paging?.strategy !== 'next_link') return [];
    const link = documentedNextLink(paging.next, example.response);
    return link === null ? [] : [{ example, link, itemsPath: typeof paging.items === 'string' ? paging.items : Object.values(paging.items)[0]! }];
  });
}

/**
 * Each walk through the TS client's `…Pages`: the first page is the documented one, the second
 * request must be the documented link as the provider meant it (relative to its own URLs), moved
 * to the local server like the first, and its answer (an empty last page) ends the walk.
 */
export async function tsWalkProblems(Client: ClientClass, local: LocalProviderServer, fieldOptions: Record<string, string>, walks: Walk[], tsName: (qualified: string) => string): Promise<string[]> {
  const problems: string[] = [];
  for (const { example, link, itemsPath } of walks) {
    const tag = `walk-e${example.index}`;
    const say = (problem: string) => problems.push(`${example.function} (${example.title}) walk: ${problem}`);
    // An empty last page: the documented one with no items, or no items at all where the body is the list (GitHub's).
    const lastPage = itemsPath === '.' || itemsPath === '' ? [] : (structuredClone(example.response.body) as Record<string, unknown>);
    if (!Array.isArray(lastPage)) setPath(lastPage, itemsPath, []);
    local.answerFollowUps(tag, lastPage);
    const client = new Client({ ...fieldOptions, env: {}, baseURL: local.baseUrls(tag), maxRetries: 0 });
    const pages: unknown[] = [];
    try {
      for await (const page of client[`${tsName(example.function)}Pages`]!(example.arguments) as AsyncIterable<unknown>) pages.push(page);
    } catch (error) {
      say(`failed: ${(error as Error).message}`);
    }
    if (!isDeepStrictEqual(asJson(pages), asJson([example.response.body]))) say(`pages ${JSON.stringify(pages)}`);
    const sent = local.requestsOf(tag);
    if (sent.length !== 2) say(`${sent.length} requests, expected the documented one and the followed link`);
    if (sent[0]) problems.push(...requestDifferences(sent[0].request, local.expectedRequest(example, tag)).map((d) => `${example.function} walk, first page: ${d}`));
    if (!sent[1]) continue;
    const wanted = new URL(local.moved(new URL(link, example.request.url).href, example, tag));
    const followed = new URL(sent[1].request.url);
    if (followed.origin + followed.pathname !== wanted.origin + wanted.pathname) say(`followed ${followed.origin}${followed.pathname}, documented link means ${wanted.origin}${wanted.pathname}`);
    // The link's query wins; keys it leaves out may be kept from the first request.
    for (const [key, value] of wanted.searchParams) {
      if (!isDeepStrictEqual(followed.searchParams.getAll(key), [value])) say(`followed link sends ${key}=${JSON.stringify(followed.searchParams.getAll(key))}, the link says ${JSON.stringify(value)}`);
    }
  }
  return problems;
}
