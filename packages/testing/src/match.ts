import type { ExampleRequest } from './examples.js';

/** A request as it reached the network boundary. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Parsed JSON, a FormBody, a MultipartBody, raw text, or null when there was no body. */
  body: unknown;
  /** The body's bytes in base64, as sent (not for multipart bodies, read as their fields): what a binary upload is compared by. */
  bodyBase64?: string;
}

/** A form-encoded body as its decoded pairs, in the order sent, repeated keys included. */
export interface FormBody {
  form: Array<[string, string]>;
}

/** A multipart/form-data body as its fields in the order sent: text, or a file with its bytes in base64. */
export interface MultipartBody {
  multipart: Array<[string, string | SentFile]>;
}

export interface SentFile {
  filename: string;
  content_type: string;
  content_base64: string;
}

function isMultipartBody(body: unknown): body is MultipartBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as { multipart?: unknown }).multipart);
}

function isFormBody(body: unknown): body is FormBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as { form?: unknown }).form);
}

/**
 * A documented form body is the form text itself (`To=%2B1&MediaUrl=a&MediaUrl=b`) or its fields
 * as an object, where a list stands for a repeated key and a nested object for `key[sub]`.
 */
function documentedFormPairs(body: unknown): Array<[string, string]> {
  if (typeof body === 'string') return [...new URLSearchParams(body)];
  if (body === null || typeof body !== 'object') return [];
  const pairs: Array<[string, string]> = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item) => walk(key, item));
    else if (typeof value === 'object') for (const [sub, v] of Object.entries(value)) walk(`${key}[${sub}]`, v);
    else pairs.push([key, String(value)]);
  };
  for (const [key, value] of Object.entries(body)) walk(key, value);
  return pairs;
}

/**
 * Pairs stably sorted by key: the order of different keys does not matter (providers read
 * fields by name), while the order and count of one repeated key do.
 */
function formEntries(pairs: Array<[string, string]>): string[] {
  return pairs
    .map(([k, v], i) => ({ k, v, i }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map(({ k, v }) => `${k}=${v}`);
}

/**
 * Decoded path segments: `v3%3Aabc` and `v3:abc` are the same segment, while
 * `a%2Fb` (one segment) stays different from `a/b` (two).
 */
function pathSegments(url: URL): string[] {
  return url.pathname.split('/').map((segment) => encodeURIComponent(decodeURIComponent(segment)));
}

/** Like a form body: keys in any order, a repeated key's values in the order sent (parameter order, as `validate` checks). */
function queryEntries(url: URL): string[] {
  return formEntries([...url.searchParams.entries()]);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * How `actual` differs from the documented request: method, origin and path,
 * query (decoded pairs: the order of different keys and the encoding do not matter, the order of one repeated key's values does),
 * each documented header, and the body. An empty list means it matches.
 */
export function requestDifferences(actual: RecordedRequest, expected: ExampleRequest): string[] {
  const problems: string[] = [];
  const a = new URL(actual.url);
  const e = new URL(expected.url);
  if (actual.method !== expected.method) problems.push(`method: sent ${actual.method}, documented ${expected.method}`);
  if (a.origin !== e.origin) problems.push(`origin: sent ${a.origin}, documented ${e.origin}`);
  if (pathSegments(a).join('/') !== pathSegments(e).join('/')) problems.push(`path: sent ${a.pathname}, documented ${e.pathname}`);
  const sentQuery = queryEntries(a);
  const documentedQuery = queryEntries(e);
  if (sentQuery.join('&') !== documentedQuery.join('&')) {
    problems.push(`query: sent [${sentQuery.join(', ')}], documented [${documentedQuery.join(', ')}]`);
  }
  for (const [name, value] of Object.entries(expected.headers)) {
    const sent = actual.headers[name.toLowerCase()];
    if (!(name.toLowerCase() === 'content-type' ? sameContentType(sent, value) : sent === value)) problems.push(`header ${name}: sent ${sent === undefined ? '(none)' : JSON.stringify(sent)}, documented ${JSON.stringify(value)}`);
  }
  const documentedBody = expected.body ?? null;
  if (expected.file) {
    const sent = actual.bodyBase64 ?? '';
    // Written again from its bytes, so line breaks or spaces in the documented base64 do not count.
    const documented = base64Of(bytesOfBase64(expected.file.content_base64));
    if (sent !== documented) problems.push(`body: sent ${bytesOfBase64(sent).length} bytes (base64 ${clipped(sent)}), documented the file's ${bytesOfBase64(documented).length} bytes (base64 ${clipped(documented)})`);
    if (!sameContentType(actual.headers['content-type'], expected.file.content_type)) problems.push(`body: sent as ${actual.headers['content-type'] ?? '(no content-type)'}, documented as a file of ${expected.file.content_type}`);
  } else if (isMultipartBody(actual.body)) {
    problems.push(...multipartDifferences(actual.body, documentedBody));
  } else if (isFormBody(actual.body)) {
    const sent = formEntries(actual.body.form);
    const documented = formEntries(documentedFormPairs(documentedBody));
    if (sent.join('&') !== documented.join('&')) problems.push(`body: sent form [${sent.join(', ')}], documented [${documented.join(', ')}]`);
  } else if (!sameJson(actual.body ?? null, documentedBody)) {
    problems.push(`body: sent ${JSON.stringify(actual.body)}, documented ${JSON.stringify(documentedBody)}`);
  }
  return problems;
}

/** Read a fetch Request into a RecordedRequest (the body is consumed from a clone). */
export async function recordRequest(request: Request): Promise<RecordedRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const type = headers['content-type'] ?? '';
  if (request.body && type.toLowerCase().startsWith('multipart/form-data')) return { method: request.method, url: request.url, headers, body: await multipartOf(request) };
  const bytes = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : null;
  const text = bytes === null ? '' : new TextDecoder().decode(bytes);
  let body: unknown = null;
  if (text !== '') {
    // Every pair in order: an object would keep only the last of a repeated key (`MediaUrl=a&MediaUrl=b`).
    if (type.includes('application/x-www-form-urlencoded')) body = { form: [...new URLSearchParams(text)] } satisfies FormBody;
    else {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
  }
  return bytes === null || bytes.length === 0 ? { method: request.method, url: request.url, headers, body } : { method: request.method, url: request.url, headers, body, bodyBase64: base64Of(bytes) };
}

const clipped = (base64: string): string => (base64.length > 60 ? `${base64.slice(0, 60)}…` : base64);

// Web globals, not Buffer: requests are recorded in the docs site's browser sandbox too, where
// Buffer is a shim that only measures and cuts UTF-8 text.
/** Bytes to base64. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and a large file would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Base64 to bytes, spaces and line breaks ignored. */
export function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
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

/** A multipart request's fields, read by the platform's own parser (undici's). */
async function multipartOf(request: Request): Promise<MultipartBody> {
  const fields: MultipartBody['multipart'] = [];
  const entries: Array<[string, FormDataEntryValue]> = [];
  (await request.clone().formData()).forEach((value, key) => entries.push([key, value]));
  for (const [key, value] of entries) {
    if (typeof value === 'string') fields.push([key, value]);
    else fields.push([key, { filename: value.name, content_type: value.type, content_base64: base64Of(new Uint8Array(await value.arrayBuffer())) }]);
  }
  return { multipart: fields };
}

/**
 * A multipart body against its documentation: text fields as a form's pairs, and each key sent as a
 * file against the documented `{ filename, content_type, content | content_base64 }` there.
 */
function multipartDifferences(actual: MultipartBody, documented: unknown): string[] {
  const problems: string[] = [];
  const record = documented !== null && typeof documented === 'object' && !Array.isArray(documented) ? (documented as Record<string, unknown>) : {};
  const fileKeys = new Set(actual.multipart.flatMap(([key, value]) => (typeof value === 'string' ? [] : [key])));
  const sentText = formEntries(actual.multipart.flatMap(([key, value]) => (typeof value === 'string' ? [[key, value] as [string, string]] : [])));
  const documentedText = formEntries(documentedFormPairs(Object.fromEntries(Object.entries(record).filter(([key]) => !fileKeys.has(key)))));
  if (sentText.join('&') !== documentedText.join('&')) problems.push(`body: sent fields [${sentText.join(', ')}], documented [${documentedText.join(', ')}]`);
  for (const key of fileKeys) {
    const sent = actual.multipart.flatMap(([k, value]) => (k === key && typeof value !== 'string' ? [describeFile(value)] : []));
    const given = record[key];
    const shown = (Array.isArray(given) ? given : given === undefined ? [] : [given]).map(documentedFile);
    if (sent.join(' | ') !== shown.join(' | ')) problems.push(`body ${key}: sent ${sent.join(' | ') || '(no file)'}, documented ${shown.join(' | ') || '(no file)'}`);
  }
  return problems;
}

function describeFile(file: SentFile): string {
  return `${file.filename} (${file.content_type.replace(/\s+/g, '').toLowerCase()}) ${file.content_base64}`;
}

function documentedFile(value: unknown): string {
  if (value === null || typeof value !== 'object') return `not a file: ${JSON.stringify(value)}`;
  const { filename, content_type: type, content, content_base64: base64 } = value as Record<string, unknown>;
  const bytes = typeof content === 'string' ? base64Of(new TextEncoder().encode(content)) : base64Of(bytesOfBase64(String(base64 ?? '')));
  return `${String(filename)} (${String(type ?? 'application/octet-stream').replace(/\s+/g, '').toLowerCase()}) ${bytes}`;
}
