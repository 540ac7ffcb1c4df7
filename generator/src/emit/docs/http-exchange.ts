/** An example's request and response as HTTP/1.1 messages: what the "HTTP" tab shows. */

import type { Example } from '../../model.js';
import { multipartFields } from '../render/documented-multipart.js';
import { formPairs } from '../render/form-pairs.js';
import { shownBytes } from '../../shared/documented-files.js';

const NO_FILES: ReadonlySet<string> = new Set();

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error' };

function formText(body: unknown): string {
  return typeof body === 'string' ? body : new URLSearchParams(formPairs(body)).toString();
}

/** Shown in place of the random boundary a client picks for each request. */
const BOUNDARY = '{boundary}';

/** A multipart body as its parts; a file's bytes are shown when they are text, else counted. */
function multipartText(body: object, fileKeys: ReadonlySet<string>): string {
  const parts = multipartFields(body, fileKeys).map(([name, value]) => {
    if (typeof value === 'string') return `--${BOUNDARY}\ncontent-disposition: form-data; name="${name}"\n\n${value}`;
    const bytes = Buffer.from(value.base64, 'base64');
    const text = bytes.toString('utf8');
    const shown = Buffer.from(text, 'utf8').equals(bytes) && !/[\u0000-\u0008\u000e-\u001f]/.test(text) ? text.replace(/\n$/, '') : `<${bytes.length} bytes>`;
    return `--${BOUNDARY}\ncontent-disposition: form-data; name="${name}"; filename="${value.filename}"\ncontent-type: ${value.contentType}\n\n${shown}`;
  });
  return [...parts, `--${BOUNDARY}--`].join('\n');
}

function bodyText(body: unknown, contentType: string | undefined, fileKeys: ReadonlySet<string> = NO_FILES): string | null {
  if (body === null || body === undefined) return null;
  if (contentType?.startsWith('multipart/form-data') && typeof body === 'object') return multipartText(body, fileKeys);
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return formText(body);
  return typeof body === 'string' && !contentType?.includes('json') ? body : JSON.stringify(body, null, 2);
}

export function httpExchange(example: Example, fileKeys: ReadonlySet<string> = NO_FILES): string {
  const { file: upload } = example.request;
  const url = new URL(example.request.url);
  const type = example.request.headers['content-type'];
  // A multipart body's parts are separated by a boundary the header names.
  const shownHeader = (name: string, value: string) => (name === 'content-type' && type?.startsWith('multipart/form-data') && !value.includes('boundary=') ? `${value}; boundary=${BOUNDARY}` : value);
  // A body that is one file is sent with the file's media type, documented as a header or not.
  const requestHeaders = upload && type === undefined ? { ...example.request.headers, 'content-type': upload.contentType } : example.request.headers;
  const request = [`${example.request.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, ...Object.entries(requestHeaders).map(([k, v]) => `${k}: ${shownHeader(k, v)}`)];
  const requestBody = upload ? shownBytes(upload) : bodyText(example.request.body, type, fileKeys);
  const { status, headers, body, file } = example.response;
  const responseType = headers['content-type'] ?? file?.contentType ?? (body === null || body === undefined ? undefined : 'application/json');
  // A file is served with its name, as the mocks serve it; its bytes are shown as their count, a text file as its text.
  const disposition = file?.filename ? { 'content-disposition': contentDisposition(file.filename) } : {};
  const response = [`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}`.trimEnd(), ...Object.entries({ ...(responseType ? { 'content-type': responseType } : {}), ...disposition, ...headers }).map(([k, v]) => `${k}: ${v}`)];
  const responseBody = file ? shownBytes(file) : bodyText(body, responseType);
  return [...request, ...(requestBody === null ? [] : ['', requestBody]), '', '', ...response, ...(responseBody === null ? [] : ['', responseBody])].join('\n');
}

/**
 * `attachment; filename="…"`, or RFC 6266's `filename*` for a name a header cannot carry as it is:
 * the header the mocks serve a documented file with (`@switchboard/testing`'s `fileResponse`).
 */
function contentDisposition(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename)) return `attachment; filename="${filename.replace(/["\\]/g, '\\$&')}"`;
  return `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
