/** An example's request and response as HTTP/1.1 messages: what the "HTTP" tab shows. */

import type { Example } from '../../model.js';

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error' };

function formText(body: unknown): string {
  if (typeof body === 'string') return body;
  const params = new URLSearchParams();
  const walk = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item) => walk(key, item));
    else if (typeof value === 'object') for (const [sub, v] of Object.entries(value)) walk(`${key}[${sub}]`, v);
    else params.append(key, String(value));
  };
  for (const [key, value] of Object.entries(body as object)) walk(key, value);
  return params.toString();
}

function bodyText(body: unknown, contentType: string | undefined): string | null {
  if (body === null || body === undefined) return null;
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return formText(body);
  return typeof body === 'string' && !contentType?.includes('json') ? body : JSON.stringify(body, null, 2);
}

export function httpExchange(example: Example): string {
  const url = new URL(example.request.url);
  const request = [`${example.request.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, ...Object.entries(example.request.headers).map(([k, v]) => `${k}: ${v}`)];
  const requestBody = bodyText(example.request.body, example.request.headers['content-type']);
  const { status, headers, body } = example.response;
  const responseType = headers['content-type'] ?? (body === null || body === undefined ? undefined : 'application/json');
  const response = [`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}`.trimEnd(), ...Object.entries({ ...(responseType ? { 'content-type': responseType } : {}), ...headers }).map(([k, v]) => `${k}: ${v}`)];
  const responseBody = bodyText(body, responseType);
  return [...request, ...(requestBody === null ? [] : ['', requestBody]), '', '', ...response, ...(responseBody === null ? [] : ['', responseBody])].join('\n');
}
