import { accountHeaders, allParts, allProviderParts, authCodeOf, buildRequest, checkArgs, chooseServerUrl, choosingField, ValidationError, type OperationSpec, type PreparedRequest, type ProviderSpec } from '@switchboard/runtime';
// The very literals the generated client hands the runtime, so the check sends what the client would.
import { operationSpec, providerSpec } from '../shared/runtime-spec.js';
import type { DocumentedBytes, Example, Func, HttpBinding, Provider } from '../model.js';
import type { ProviderShell } from './build-provider.js';
import type { Diagnostic } from './diagnostics.js';
import type { ParsedFile } from './parse.js';

type Pairs = Array<[string, string]>;
type Report = (path: Array<string | number>, message: string) => void;

/**
 * Each example's arguments go through the runtime's own request builder, with the fields'
 * example values as credentials, and the result must be the documented request: method,
 * origin and path, query (repeated keys included), each documented header, and the body.
 * So a spec that passes validate cannot send a request other than the one it documents.
 * Examples in `skip` are already reported as invalid in themselves and are not built.
 */
export function checkExampleRequests(parsed: ParsedFile, func: Func, provider: ProviderShell, skip: ReadonlySet<number> = new Set()): Diagnostic[] {
  if (func.binding.kind !== 'http') return [];
  const diagnostics: Diagnostic[] = [];
  const { spec, fieldExamples } = providerSide(provider);
  const op = { ...(operationSpec(func as Func & { binding: HttpBinding }) as OperationSpec), parts: allParts };
  const serverName = func.binding.server.name;
  const server = spec.servers[serverName]!;
  const hidden = credentialNames(server);
  // An OAuth2 server's requests carry the token the mocks hand out, which is what its examples document.
  const modelAuth = provider.servers.find((s) => s.name === serverName)?.auth;
  const accessToken = modelAuth?.kind === 'oauth2_client_credentials' ? modelAuth.exampleToken : undefined;
  const credentialsHint = (name: string, built: string | undefined) =>
    accessToken === undefined
      ? `the documented header ${name} is not what the auth scheme sends with the fields' example values: it sends ${built === undefined ? `no ${name} header` : credentialShape(built, fieldExamples)}.`
      : `the documented header ${name} differs from 'Bearer ${accessToken}', the token the sandbox's token endpoint hands out.`;

  func.examples.forEach((example, i) => {
    if (skip.has(i)) return;
    const report: Report = (path, message) =>
      diagnostics.push({ file: parsed.file, ...parsed.locate(['examples', i, 'request', ...path], 'value'), message: `example '${example.title}': ${message}` });
    // The client checks arguments before sending with its own rules (formats as fixed patterns), which
    // need not agree with ajv's reading of the input schema: an example it would refuse is no example.
    const refused = checkArgs(op.args, example.arguments, showArgument, allParts);
    if (refused.length > 0) {
      const where = refused.length === 1 ? ['examples', i, 'arguments', ...argumentPath(refused[0]!.path)] : ['examples', i, 'arguments'];
      const problems = refused.map((issue) => `'${issue.path}' ${issue.problem}${issue.received === undefined ? '' : ` (got ${issue.received})`}`).join('; ');
      diagnostics.push({ file: parsed.file, ...parsed.locate(where, 'value'), message: `example '${example.title}': the generated client would refuse these arguments before sending: ${problems}.` });
      return;
    }
    // The example's account: the fields' examples, with the URL choice a named account's documented request shows.
    const fieldValues: Record<string, string> = { ...fieldExamples, ...example.fields };
    let built: PreparedRequest;
    try {
      const field = choosingField(server.url);
      const serverUrl = chooseServerUrl(spec, server.url, field === null ? undefined : fieldValues[field]);
      const headers = accountHeaders(spec, (key) => fieldValues[key]);
      built = buildRequest({ op, args: example.arguments, server, authCode: authCodeOf(spec, server.auth), serverUrl, fieldValues, accountHeaders: headers, extraHeaders: [], ...(accessToken === undefined ? {} : { accessToken }) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      report([], `the arguments cannot be sent: ${error.message}`);
      return;
    }
    compare(example, built, report, hidden, credentialsHint);
  });
  return diagnostics;
}

/**
 * What every function of a provider sends with: its literal and the fields' example values. Built
 * once per provider, not per function; the shell is not changed once its functions are built.
 */
const providerSides = new WeakMap<ProviderShell, { spec: ProviderSpec; fieldExamples: Record<string, string> }>();

function providerSide(provider: ProviderShell): { spec: ProviderSpec; fieldExamples: Record<string, string> } {
  let side = providerSides.get(provider);
  if (!side) {
    // Every runtime part: the literals' own parts are references the generated files import.
    const spec: ProviderSpec = { ...(providerSpec({ ...provider, functions: [] }) as ProviderSpec), parts: allProviderParts };
    side = { spec, fieldExamples: Object.fromEntries(provider.fields.map((f) => [f.key, f.example])) };
    providerSides.set(provider, side);
  }
  return side;
}

function compare(example: Example, built: PreparedRequest, report: Report, hidden: Set<string>, credentialsHint: (name: string, built: string | undefined) => string): void {
  const documented = example.request;
  if (built.method !== documented.method) report(['method'], `the documented request is ${documented.method}, but the arguments produce ${built.method}.`);
  // The same text is the same origin, path and query: nearly every example, spared two URL parses.
  if (built.url !== documented.url) compareUrls(documented.url, built.url, report, hidden);
  for (const [name, value] of Object.entries(documented.headers)) {
    const header = built.headers[name.toLowerCase()];
    if (name.toLowerCase() === 'content-type' ? sameContentType(header, value) : header === value) continue;
    if (hidden.has(name.toLowerCase())) report(['headers', name], credentialsHint(name, header));
    else report(['headers', name], `the documented header ${name} is '${value}', but the arguments produce ${header === undefined ? 'none' : `'${header}'`}.`);
  }
  if (built.file) compareFile(documented.file ?? null, built.file, built.headers['content-type'], report);
  else compareBody(documented.body ?? null, built, report, hidden);
}

/** A binary body against its documented file: the same bytes, and the media type it is sent with. */
function compareFile(documented: DocumentedBytes | null, sent: FilePart, sentType: string | undefined, report: Report): void {
  // Without a documented file the loader has reported the body already (documented-bytes.ts).
  if (documented === null) return;
  const bytes = typeof sent.data === 'string' ? Buffer.from(sent.data, 'utf8') : sent.data instanceof Uint8Array ? Buffer.from(sent.data) : null;
  if (bytes !== null && bytes.toString('base64') !== documented.base64) {
    const shown = (base64: string, text: string | null) => (text !== null ? JSON.stringify(text) : `${Buffer.from(base64, 'base64').length} bytes (base64 ${clip(base64)})`);
    const sentText = typeof sent.data === 'string' ? sent.data : null;
    report(['body'], `the documented body is ${shown(documented.base64, documented.text)}, but the arguments send ${shown(bytes.toString('base64'), sentText)}.`);
  }
  if (!sameContentType(sentType, documented.contentType)) {
    report(['body', 'content_type'], `the documented file is ${documented.contentType}, but the arguments send it as ${sentType ?? 'no media type'}.`);
  }
}

function compareUrls(documentedUrl: string, builtUrl: string, report: Report, hidden: Set<string>): void {
  const sent = new URL(builtUrl);
  const doc = new URL(documentedUrl);
  if (sent.origin + segments(sent) !== doc.origin + segments(doc)) {
    report(['url'], `the documented URL is ${doc.origin}${doc.pathname}, but the arguments produce ${sent.origin}${sent.pathname}.`);
  }
  for (const problem of pairsDifferences([...doc.searchParams], [...sent.searchParams], hidden)) {
    report(['url'], `the documented query sends ${problem.documented}, but the arguments produce ${problem.produced}.`);
  }
}

function compareBody(documented: unknown, built: PreparedRequest, report: Report, hidden: Set<string>): void {
  if (built.multipart) return compareMultipart(documented, built.multipart.fields, report, hidden);
  const isForm = built.headers['content-type'] === 'application/x-www-form-urlencoded';
  if (isForm && typeof built.body === 'string') {
    for (const problem of pairsDifferences(documentedFormPairs(documented), [...new URLSearchParams(built.body)], hidden)) {
      report(['body'], `the documented body sends ${problem.documented}, but the arguments produce ${problem.produced}.`);
    }
    return;
  }
  const produced = typeof built.body === 'string' ? (JSON.parse(built.body) as unknown) : null;
  // Alike value for value is alike in canonical form; only bodies that are not are written out to compare.
  if (!alike(documented, produced) && canonical(documented) !== canonical(produced)) {
    report(['body'], `the documented body is ${clip(canonical(documented))}, but the arguments produce ${clip(canonical(produced))}.`);
  }
}

/**
 * A multipart body against its documented fields: text fields as a form's pairs, and each key the
 * arguments send as a file against a documented `{ filename, content_type, content | content_base64 }`.
 */
function compareMultipart(documented: unknown, fields: MultipartFields, report: Report, hidden: Set<string>): void {
  const fileKeys = new Set(fields.flatMap(([key, value]) => (typeof value === 'string' ? [] : [key])));
  const record = documented !== null && typeof documented === 'object' && !Array.isArray(documented) ? (documented as Record<string, unknown>) : {};
  const textPairs: Pairs = fields.flatMap(([key, value]) => (typeof value === 'string' ? [[key, value] as [string, string]] : []));
  const documentedText = Object.fromEntries(Object.entries(record).filter(([key]) => !fileKeys.has(key)));
  for (const problem of pairsDifferences(documentedFormPairs(documentedText), textPairs, hidden)) {
    report(['body'], `the documented body sends ${problem.documented}, but the arguments produce ${problem.produced}.`);
  }
  for (const key of fileKeys) {
    const sent = fields.flatMap(([k, value]) => (k === key && typeof value !== 'string' ? [shownFile(value)] : []));
    const given = record[key];
    const shown = (Array.isArray(given) ? given : given === undefined ? [] : [given]).map(documentedFile);
    if (sent.length !== shown.length || sent.some((file, i) => file !== shown[i])) {
      report(['body', key], `the documented body sends ${shown.length === 0 ? `no file as ${key}` : shown.join(', ')}, but the arguments produce ${sent.join(', ')}.`);
    }
  }
}

type MultipartFields = NonNullable<PreparedRequest['multipart']>['fields'];
type FilePart = NonNullable<PreparedRequest['file']>;

/** A file part in words: name, media type and bytes (text as it is, other bytes as base64). */
function shownFile(part: FilePart): string {
  const content = typeof part.data === 'string' ? JSON.stringify(part.data) : part.data instanceof Uint8Array ? `base64 ${Buffer.from(part.data).toString('base64')}` : `${part.size} bytes`;
  return `file '${part.filename}' (${part.contentType}) ${content}`;
}

/** A documented file part in the same words, so the two compare as text. */
function documentedFile(value: unknown): string {
  if (value === null || typeof value !== 'object') return `not a file (${JSON.stringify(value)})`;
  const { filename, content_type: type, content, content_base64: base64 } = value as Record<string, unknown>;
  const bytes = typeof content === 'string' ? JSON.stringify(content) : typeof base64 === 'string' ? `base64 ${Buffer.from(base64, 'base64').toString('base64')}` : 'no content';
  return `file '${String(filename)}' (${String(type)}) ${bytes}`;
}

/** Each key whose values differ, described from both sides: `MediaUrl twice` vs `MediaUrl='a,b'`. */
function pairsDifferences(documented: Pairs, produced: Pairs, hidden: Set<string>): Array<{ documented: string; produced: string }> {
  const keys = [...new Set([...documented, ...produced].map(([k]) => k))];
  return keys.flatMap((key) => {
    const d = documented.filter(([k]) => k === key).map(([, v]) => v);
    const p = produced.filter(([k]) => k === key).map(([, v]) => v);
    if (d.length === p.length && d.every((v, i) => v === p[i])) return [];
    const withValues = d.length === p.length && !hidden.has(key.toLowerCase());
    return [{ documented: describeKey(key, d, withValues, hidden), produced: describeKey(key, p, withValues, hidden) }];
  });
}

function describeKey(key: string, values: string[], withValues: boolean, hidden: Set<string>): string {
  if (values.length === 0) return `no ${key}`;
  if (values.length === 1) return hidden.has(key.toLowerCase()) ? `a different ${key}` : `${key}='${values[0]}'`;
  const times = values.length === 2 ? 'twice' : `${values.length} times`;
  return withValues ? `${key} ${times} (${values.map((v) => `'${v}'`).join(', ')})` : `${key} ${times}`;
}

/**
 * A credential header as the spec builds it, each field's example value shown as its `{name}`
 * (`'App {api_key}'`, `'Basic base64({email}/token:{api_token})'`): the form is what a spec author
 * needs to see. Values shorter than 4 characters stay as they are. The documented value is never shown;
 * it may be a real key pasted by mistake.
 */
function credentialShape(built: string, fieldExamples: Record<string, string>): string {
  const masked = (text: string) =>
    Object.entries(fieldExamples)
      // A short value (`us`) would also match inside other text.
      .filter(([, value]) => value.length >= 4)
      .sort(([, a], [, b]) => b.length - a.length)
      .reduce((out, [key, value]) => out.split(value).join(`{${key}}`), text);
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(built);
  return basic ? `'Basic base64(${masked(Buffer.from(basic[1]!, 'base64').toString('utf8'))})'` : `'${masked(built)}'`;
}

/** Header and query names that carry credentials: their values never appear in a message. */
function credentialNames(server: ProviderSpec['servers'][string]): Set<string> {
  const names = new Set(['authorization']);
  if (server.auth.kind === 'api_key') for (const param of server.auth.params) names.add(param.name.toLowerCase());
  return names;
}

/** A documented form body: the form text, or its fields where a list repeats a key and an object nests as `key[sub]`. */
function documentedFormPairs(body: unknown): Pairs {
  if (typeof body === 'string') return [...new URLSearchParams(body)];
  const pairs: Pairs = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item) => walk(key, item));
    else if (typeof value === 'object') for (const [sub, v] of Object.entries(value)) walk(`${key}[${sub}]`, v);
    else pairs.push([key, String(value)]);
  };
  if (body !== null && typeof body === 'object') for (const [key, value] of Object.entries(body)) walk(key, value);
  return pairs;
}

/** Decoded path segments, so `v3%3Aabc` and `v3:abc` are the same while `a%2Fb` stays one segment. */
function segments(url: URL): string {
  return url.pathname.split('/').map((s) => encodeURIComponent(decodeURIComponent(s))).join('/');
}

/** The same keys (in any order), items and primitive values throughout: enough for the same canonical form, never wrongly. */
function alike(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const items = b as unknown[];
    return a.length === items.length && a.every((item, i) => alike(item, items[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.hasOwn(right, key) && alike(left[key], right[key]));
}

function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value)) ?? 'null';
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A spec file's own text: nothing to redact, only to quote. */
const showArgument = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** `media_urls[0]` / `data.agent_id` as the YAML path under `arguments`. */
function argumentPath(path: string): Array<string | number> {
  return path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * A documented content-type without parameters matches the sent media type whatever parameters the
 * platform added (fetch adds `;charset=UTF-8` to a form body); one with parameters
 * (`application/json; charset=utf-8`) must be sent with them, spacing and case aside.
 */
function sameContentType(sent: string | undefined, documented: string): boolean {
  if (sent === undefined) return false;
  const normal = (type: string) => type.split(';').map((part) => part.trim().toLowerCase()).join(';');
  return documented.includes(';') ? normal(sent) === normal(documented) : normal(sent).split(';')[0] === normal(documented);
}
