/**
 * Test fixtures: small provider and operation specs mirroring real ones
 * (Telnyx bearer + page pagination, Plivo basic auth + {auth_id} server +
 * offset pagination, Sinch selected endpoint, Dialpad query-string key +
 * cursor pagination), argument rules as the generator writes them, and a
 * recording fake fetch.
 */

import { createServer, type IncomingHttpHeaders } from 'node:http';
import { allParts, allProviderParts } from '../src/all-parts.js';
import type { ArgsRule, ValueRule } from '../src/arg-rules.js';
import { Core } from '../src/core.js';
import type { InternalClientOptions } from '../src/options.js';
import type { FieldSpec, OperationSpec, ParamSpec, ProviderSpec } from '../src/spec.js';

export function rules(properties: Record<string, ValueRule>, required: string[] = []): ArgsRule {
  return required.length > 0 ? { properties, required } : { properties };
}

/** Any JSON value: for parameters whose checking a test is not about. */
export const ANY_VALUE: ValueRule = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array' }, { type: 'object' }] };

/** Rules accepting any value for each of the parameters, for tests about what happens after validation. */
export function anyArgs(params: ParamSpec[]): ArgsRule {
  return { properties: Object.fromEntries(params.map((p) => [p.name, ANY_VALUE])) };
}

export function param(name: string, overrides: Partial<ParamSpec> = {}): ParamSpec {
  return { name, in: 'query', wire: name, transforms: [], spread: false, arrayFormat: 'repeat', pathStyle: 'segment', appliesTo: null, ...overrides };
}

export function operation(overrides: Partial<OperationSpec> & Pick<OperationSpec, 'id'>): OperationSpec {
  return {
    operation: 'read',
    endpoint: { kind: 'fixed', method: 'GET', path: '/things' },
    params: [],
    constants: { query: {}, header: {}, body: {} },
    successStatus: 200,
    pagination: null,
    // Every runtime part, as a hand-written operation needs (a generated one carries only those it uses).
    parts: allParts,
    ...overrides,
    args: overrides.args ?? anyArgs(overrides.params ?? []),
  };
}

function field(provider: string, key: string, secret: boolean, fieldDefault: string | null = null): FieldSpec {
  const upper = key.toUpperCase();
  const option = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return { key, secret, env: `${provider}_${upper}`, accountEnvTemplate: `${provider}_{ACCOUNT}_${upper}`, option, default: fieldDefault };
}

// ---------------------------------------------------------------- Telnyx

/**
 * A one-server provider with a bearer token in field `token` (env `<ID>_TOKEN`), error message at
 * `message` and nothing else, for tests of one provider-level feature: they give that feature in
 * `overrides`.
 */
export function bearerProvider(id: string, name: string, url: string, overrides: Partial<ProviderSpec> = {}): ProviderSpec {
  const env = id.toUpperCase();
  return {
    parts: allProviderParts,
    id,
    name,
    fields: [{ key: 'token', secret: true, env: `${env}_TOKEN`, accountEnvTemplate: `${env}_{ACCOUNT}_TOKEN`, option: 'token', default: null }],
    servers: { default: { url, auth: { kind: 'bearer', tokenField: 'token' } } },
    errorMessagePaths: ['message'],
    errorCodePaths: [],
    requestIdHeader: null,
    ...overrides,
  };
}

export const TELNYX_KEY = 'KEY0123456789ABCDEF_sandbox';

export const telnyx: ProviderSpec = {
  parts: allProviderParts,
  id: 'telnyx',
  name: 'Telnyx',
  fields: [field('TELNYX', 'api_key', true)],
  servers: { default: { url: 'https://api.telnyx.com/v2', auth: { kind: 'bearer', tokenField: 'api_key' } } },
  errorMessagePaths: ['errors.0.detail', 'errors.0.title'],
  errorCodePaths: ['errors.0.code'],
  requestIdHeader: 'x-request-id',
};

const PHONE_STATUSES = ['purchase-pending', 'active', 'deleted'];

export const listPhoneNumbers = operation({
  id: 'telnyx.list_phone_numbers',
  endpoint: { kind: 'fixed', method: 'GET', path: '/phone_numbers' },
  params: [
    param('page_size', { wire: 'page[size]' }),
    param('page_number', { wire: 'page[number]' }),
    param('filter_phone_number', { wire: 'filter[phone_number]', transforms: [{ kind: 'strip_plus' }] }),
    param('filter_status', { wire: 'filter[status]' }),
    param('filter_tag', { wire: 'filter[tag]' }),
  ],
  pagination: { strategy: 'page', items: 'data', pageParam: 'page_number', sizeParam: 'page_size', firstPage: 1, totalPagesPath: 'meta.total_pages', totalItemsPath: null },
  args: rules({
    page_size: { type: 'integer', minimum: 1, maximum: 250 },
    page_number: { type: 'integer', minimum: 1 },
    filter_phone_number: { type: 'string', minLength: 3 },
    filter_status: { type: 'string', enum: PHONE_STATUSES },
    filter_tag: { type: 'string' },
  }),
});

export const sendSms = operation({
  id: 'telnyx.send_sms',
  operation: 'write',
  idempotent: false,
  endpoint: { kind: 'fixed', method: 'POST', path: '/messages' },
  body: 'json',
  params: [
    param('from', { in: 'body' }),
    param('to', { in: 'body' }),
    param('text', { in: 'body' }),
    param('media_urls', { in: 'body' }),
    param('use_mms', { in: 'body', wire: 'type', transforms: [{ kind: 'map', values: { true: 'MMS', false: 'SMS' } }] }),
  ],
  args: rules(
    {
      from: { type: 'string' },
      to: { type: 'string' },
      text: { type: 'string', minLength: 1 },
      media_urls: { type: 'array', items: { type: 'string' }, maxItems: 10 },
      use_mms: { type: 'boolean' },
    },
    ['to'],
  ),
});

export const getCall = operation({
  id: 'telnyx.get_call',
  endpoint: { kind: 'fixed', method: 'GET', path: '/calls/{call_control_id}' },
  params: [param('call_control_id', { in: 'path' })],
});

export function telnyxClient(options: InternalClientOptions & Record<string, unknown> = {}): Core {
  return new Core(telnyx, { apiKey: TELNYX_KEY, env: {}, logLevel: 'off', sleep: async () => {}, ...options });
}

// ---------------------------------------------------------------- Plivo

export const PLIVO_ID = 'MAODUXNJHMNDY5ZTM4ZM';
export const PLIVO_TOKEN = 'NzI5ZTU4NDI2ZWY0YmQ3ZTAxYjJlMjE3Nzc5ODg4';

export const plivo: ProviderSpec = {
  parts: allProviderParts,
  id: 'plivo',
  name: 'Plivo',
  fields: [field('PLIVO', 'auth_id', false), field('PLIVO', 'auth_token', true)],
  servers: { default: { url: 'https://api.plivo.com/v1/Account/{auth_id}', auth: { kind: 'basic', username: { field: 'auth_id' }, password: { field: 'auth_token' } } } },
  errorMessagePaths: ['error.message', 'error'],
  errorCodePaths: [],
  requestIdHeader: null,
};

export const plivoListMessages = operation({
  id: 'plivo.list_messages',
  endpoint: { kind: 'fixed', method: 'GET', path: '/Message/' },
  params: [
    param('limit'),
    param('offset'),
    param('message_state'),
    param('start_time', { wire: 'message_time__gte', transforms: [{ kind: 'datetime_format', format: 'YYYY-MM-DD HH:mm:ss' }] }),
  ],
  pagination: { strategy: 'offset', items: 'objects', offsetParam: 'offset', limitParam: 'limit', nextPath: 'meta.next', totalItemsPath: null },
});

export function plivoClient(options: InternalClientOptions & Record<string, unknown> = {}): Core {
  return new Core(plivo, { authId: PLIVO_ID, authToken: PLIVO_TOKEN, env: {}, logLevel: 'off', sleep: async () => {}, ...options });
}

// ---------------------------------------------------------------- Sinch

export const SINCH_TOKEN = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

export const sinch: ProviderSpec = {
  parts: allProviderParts,
  id: 'sinch',
  name: 'Sinch',
  fields: [
    field('SINCH', 'api_token', true),
    field('SINCH', 'service_plan_id', false),
    field('SINCH', 'region', false, 'us'),
    field('SINCH', 'project_id', false),
    field('SINCH', 'key_id', false),
    field('SINCH', 'key_secret', true),
  ],
  servers: {
    default: { url: 'https://{region}.sms.api.sinch.com/xms/v1/{service_plan_id}', auth: { kind: 'bearer', tokenField: 'api_token' } },
    numbers: { url: 'https://numbers.api.sinch.com/v1/projects/{project_id}', auth: { kind: 'basic', username: { field: 'key_id' }, password: { field: 'key_secret' } } },
  },
  errorMessagePaths: ['text', 'error.message'],
  errorCodePaths: ['code', 'error.status'],
  requestIdHeader: null,
};

export const sinchListMessages = operation({
  id: 'sinch.list_messages',
  endpoint: { kind: 'selected', parameter: 'direction', cases: { mt: { method: 'GET', path: '/batches' }, mo: { method: 'GET', path: '/inbounds' } } },
  params: [
    param('direction'),
    param('to', { appliesTo: ['mo'] }),
    param('from', { appliesTo: ['mt'] }),
    param('page'),
    param('page_size'),
  ],
  pagination: { strategy: 'page', items: { mt: 'batches', mo: 'inbounds' }, pageParam: 'page', sizeParam: 'page_size', firstPage: 0, totalPagesPath: null, totalItemsPath: 'count' },
  args: rules(
    { direction: { type: 'string', enum: ['mt', 'mo'] }, to: { type: 'string' }, from: { type: 'string' }, page: { type: 'integer' }, page_size: { type: 'integer' } },
    ['direction'],
  ),
});

export const sinchListNumbers = operation({ id: 'sinch.list_phone_numbers', server: 'numbers', endpoint: { kind: 'fixed', method: 'GET', path: '/activeNumbers' } });

export function sinchClient(options: InternalClientOptions & Record<string, unknown> = {}): Core {
  return new Core(sinch, { apiToken: SINCH_TOKEN, servicePlanId: 'plan123', env: {}, logLevel: 'off', sleep: async () => {}, ...options });
}

// ---------------------------------------------------------------- Dialpad (key in the query string)

export const DIALPAD_KEY = 'dp_sandbox_4f8a2c9e71b34d6a0c55e8b2';

export const dialpad: ProviderSpec = {
  parts: allProviderParts,
  id: 'dialpad',
  name: 'Dialpad',
  fields: [field('DIALPAD', 'api_key', true)],
  servers: { default: { url: 'https://dialpad.com', auth: { kind: 'api_key', in: 'query', params: [{ name: 'apikey', value: { field: 'api_key' } }] } } },
  errorMessagePaths: ['error.message', 'message'],
  errorCodePaths: ['error.errors.0.reason', 'error.code'],
  requestIdHeader: null,
};

export const dialpadListCalls = operation({
  id: 'dialpad.list_calls',
  endpoint: { kind: 'fixed', method: 'GET', path: '/api/v2/call' },
  params: [param('cursor'), param('limit')],
  pagination: { strategy: 'cursor', items: 'items', cursorParam: 'cursor', sizeParam: 'limit', nextCursorPath: 'cursor', hasMorePath: null },
});

export function dialpadClient(options: InternalClientOptions & Record<string, unknown> = {}): Core {
  return new Core(dialpad, { apiKey: DIALPAD_KEY, env: {}, logLevel: 'off', sleep: async () => {}, ...options });
}

// ---------------------------------------------------------------- fake fetch

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

type Reply = Response | Error | ((init: RequestInit) => Response | Promise<Response>);

/** A fetch that answers from a script, one reply per call (the last one repeats), and records each request. */
export function fakeFetch(...replies: Reply[]): { fetch: typeof fetch; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetchFn = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    calls.push({ method: init.method ?? 'GET', url: String(input), headers, body: typeof init.body === 'string' ? init.body : null });
    const reply = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error('fakeFetch: no reply scripted');
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(init);
    return reply.clone();
  };
  return { fetch: fetchFn as typeof fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A reply that never comes: it settles only when the request's signal aborts. */
export function hang(init: RequestInit): Promise<Response> {
  return new Promise((_, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason ?? new Error('aborted')), { once: true });
  });
}

/** A rejection shaped like Node's fetch failing at the socket with `code`. */
export function socketError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 203.0.113.1:443`), { code }) });
}

export function recordingLogger(): { logger: Record<'debug' | 'info' | 'warn' | 'error', (m: string) => void>; lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

// ---------------------------------------------------------------- injected timers and clock

/**
 * Attempt timeouts that fire when the test says, never by the wall clock: a
 * reply that stalls makes the pending timeout fire at once, and a reply that
 * answers can never be overtaken by a timer on a loaded machine.
 */
export function manualTimeouts(): { startTimer: (ms: number, fire: () => void) => () => void; requested: number[]; expire: () => void } {
  const pending = new Set<() => void>();
  const requested: number[] = [];
  const startTimer = (ms: number, fire: () => void) => {
    requested.push(ms);
    pending.add(fire);
    return () => void pending.delete(fire);
  };
  const expire = () => {
    for (const fire of [...pending]) {
      pending.delete(fire);
      fire();
    }
  };
  return { startTimer, requested, expire };
}

/** A clock that only moves when something sleeps on it; the sleeps are recorded. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): { now: () => number; sleep: (ms: number) => Promise<void>; delays: number[] } {
  let time = start;
  const delays: number[] = [];
  return {
    now: () => time,
    sleep: async (ms) => {
      delays.push(ms);
      time += ms;
    },
    delays,
  };
}

/** Items yielded before the walk ended, and how it ended. */
export async function walk(iterable: AsyncIterable<unknown>): Promise<{ items: unknown[]; error: unknown }> {
  const items: unknown[] = [];
  try {
    for await (const item of iterable) items.push(item);
    return { items, error: null };
  } catch (error) {
    return { items, error };
  }
}

/** A request as a loopback server received it. */
export interface ReceivedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/**
 * A loopback HTTP server that records every request (path and query, headers, body bytes) and
 * answers each with `status` and the JSON text `answer`: for tests of what reaches the wire.
 */
export async function recordingServer(status: number, answer: string): Promise<{ url: string; received: ReceivedRequest[]; close: () => Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, bytes: Buffer.concat(chunks) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received, close };
}
