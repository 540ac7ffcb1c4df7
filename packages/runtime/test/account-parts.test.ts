/**
 * Request parts an account decides, over real HTTP on loopback: the server URL chosen by a
 * field, provider headers from fields, a Basic user name fixed by the spec, and credentials
 * in form and JSON bodies (redacted in dry runs and errors).
 */

import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidFieldError } from '../src/account-parts.js';
import { allProviderParts } from '../src/all-parts.js';
import { Core } from '../src/core.js';
import { APIError, AuthenticationError, MissingCredentialsError, SwitchboardError } from '../src/errors.js';
import type { AuthSpec, FieldSpec, OperationSpec, ProviderSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { anyArgs, operation, param } from './support.js';

const API_KEY = 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0';
const API_SECRET = 'S3cr3t+/Key=';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A loopback server answering 200 `{}` and keeping each request's headers. */
async function host(status = 200, reply: (body: string) => string = () => '{}'): Promise<Loopback & { headers: IncomingHttpHeaders[] }> {
  const headers: IncomingHttpHeaders[] = [];
  const server = await loopback((req, res, index) => {
    headers.push(req.headers);
    res.writeHead(status, { 'content-type': 'application/json' }).end(reply(server.requests[index]!.body));
  });
  servers.push(server);
  return Object.assign(server, { headers });
}

function field(key: string, extra: Partial<FieldSpec> = {}): FieldSpec {
  const upper = key.toUpperCase();
  return { key, secret: false, env: `ACME_${upper}`, accountEnvTemplate: `ACME_{ACCOUNT}_${upper}`, option: key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), default: null, ...extra };
}

function provider(overrides: Partial<ProviderSpec>): ProviderSpec {
  return {
    id: 'acme',
    name: 'Acme',
    fields: [field('api_key', { secret: true }), field('region', { default: 'us' }), field('company_id', { optional: true })],
    servers: { default: { url: 'http://unused.invalid', auth: { kind: 'bearer', tokenField: 'api_key' } } },
    errorMessagePaths: ['message'],
    errorCodePaths: [],
    requestIdHeader: null,
    parts: allProviderParts,
    ...overrides,
  };
}

const getThing = operation({ id: 'acme.get_thing', endpoint: { kind: 'fixed', method: 'GET', path: '/things' } });

function client(spec: ProviderSpec, options: Record<string, unknown> = {}): Core {
  return new Core(spec, { apiKey: API_KEY, env: {}, logLevel: 'off', maxRetries: 0, ...options });
}

describe('a server URL chosen by an account field', () => {
  async function twoRegions() {
    const us = await host();
    const eu = await host();
    const spec = provider({ servers: { default: { url: { byField: 'region', urls: { us: `${us.url}/v3`, eu: `${eu.url}/v3` } }, auth: { kind: 'bearer', tokenField: 'api_key' } } } });
    return { us, eu, spec };
  }

  it('uses the default value’s URL when the account sets nothing', async () => {
    const { us, eu, spec } = await twoRegions();
    await client(spec).call(getThing, {});
    expect(us.requests.map((r) => r.url)).toEqual(['/v3/things']);
    expect(eu.requests).toHaveLength(0);
  });

  it('uses the URL the account’s value names, from an option or the account’s environment', async () => {
    const { us, eu, spec } = await twoRegions();
    await client(spec, { region: 'eu' }).call(getThing, {});
    await client(spec, { account: 'work', env: { ACME_WORK_REGION: 'eu' } }).call(getThing, {});
    expect(eu.requests.map((r) => r.url)).toEqual(['/v3/things', '/v3/things']);
    expect(us.requests).toHaveLength(0);
  });

  it('refuses a value with no URL before any request, naming the field', async () => {
    const { us, eu, spec } = await twoRegions();
    const error = await client(spec, { region: 'ap' }).call(getThing, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFieldError);
    expect((error as Error).message).toBe("Acme field 'region' must be one of us, eu (it chooses the server URL). No request was made.");
    // Object.prototype keys are not choices either.
    await expect(client(spec, { region: 'constructor' }).call(getThing, {})).rejects.toBeInstanceOf(InvalidFieldError);
    expect(us.requests.length + eu.requests.length).toBe(0);
  });

  it('a required choosing field without a value is a missing credential', async () => {
    const { spec } = await twoRegions();
    const noDefault = { ...spec, fields: spec.fields.map((f) => (f.key === 'region' ? { ...f, default: null } : f)) };
    await expect(client(noDefault).call(getThing, {})).rejects.toBeInstanceOf(MissingCredentialsError);
  });

  it('a baseURL override still wins over the choice', async () => {
    const { us, eu, spec } = await twoRegions();
    const local = await host();
    await client(spec, { region: 'eu', baseURL: `${local.url}/proxy` }).call(getThing, {});
    expect(local.requests.map((r) => r.url)).toEqual(['/proxy/things']);
    expect(us.requests.length + eu.requests.length).toBe(0);
  });

  it('dry runs show the chosen URL', async () => {
    const { eu, spec } = await twoRegions();
    expect(client(spec, { region: 'eu' }).prepare(getThing, {}).url).toBe(`${eu.url}/v3/things`);
  });
});

describe('provider headers from account fields', () => {
  async function withHeader(fields?: FieldSpec[]) {
    const server = await host();
    const spec = provider({
      ...(fields ? { fields } : {}),
      servers: { default: { url: server.url, auth: { kind: 'bearer', tokenField: 'api_key' } } },
      headers: { 'DP-Company-ID': '{company_id}', 'X-Client': 'switchboard/{region}' },
    });
    return { server, spec };
  }

  it('are sent, filled from the fields', async () => {
    const { server, spec } = await withHeader();
    await client(spec, { companyId: '5012' }).call(getThing, {});
    expect(server.headers[0]?.['dp-company-id']).toBe('5012');
    expect(server.headers[0]?.['x-client']).toBe('switchboard/us');
  });

  it('are left out when their optional field is unset', async () => {
    const { server, spec } = await withHeader();
    await client(spec).call(getThing, {});
    expect(server.headers[0]).not.toHaveProperty('dp-company-id');
    expect(server.headers[0]?.['x-client']).toBe('switchboard/us');
  });

  it('need their required fields like credentials, before any request', async () => {
    const fields = [field('api_key', { secret: true }), field('region', { default: 'us' }), field('company_id')];
    const { server, spec } = await withHeader(fields);
    const error = await client(spec).call(getThing, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as MissingCredentialsError).fields.map((f) => f.key)).toEqual(['company_id']);
    expect(server.requests).toHaveLength(0);
  });

  it('refuse a value with a line break before any request, without quoting it', async () => {
    const { server, spec } = await withHeader();
    const error = await client(spec, { companyId: '5012\r\nX-Evil: 1' }).call(getThing, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFieldError);
    expect((error as Error).message).not.toContain('Evil');
    expect(server.requests).toHaveLength(0);
  });

  it('give way to the caller’s own headers', async () => {
    const { server, spec } = await withHeader();
    await client(spec, { companyId: '5012' }).call(getThing, {}, { headers: { 'DP-Company-ID': '77' } });
    expect(server.headers[0]?.['dp-company-id']).toBe('77');
  });
});

describe('HTTP Basic with a user name fixed by the spec', () => {
  it('sends user `api` and the key as password, and redacts the pair in dry runs', async () => {
    const server = await host();
    const spec = provider({ servers: { default: { url: server.url, auth: { kind: 'basic', username: { literal: 'api' }, password: { field: 'api_key' } } } } });
    await client(spec).call(getThing, {});
    const token = Buffer.from(`api:${API_KEY}`).toString('base64');
    expect(server.headers[0]?.authorization).toBe(`Basic ${token}`);
    expect(client(spec).prepare(getThing, {}).headers.authorization).toBe('Basic [REDACTED]');
  });
});

describe('credentials filled from a template', () => {
  it("sends `Authorization: App <key>` from an api_key header template, and redacts the key in dry runs", async () => {
    const server = await host();
    const auth: AuthSpec = { kind: 'api_key', in: 'header', params: [{ name: 'Authorization', value: { template: ['App ', { field: 'api_key' }] } }] };
    const spec = provider({ servers: { default: { url: server.url, auth } } });
    await client(spec).call(getThing, {});
    expect(server.headers[0]?.authorization).toBe(`App ${API_KEY}`);
    expect(client(spec).prepare(getThing, {}).headers.authorization).toBe('App [REDACTED]');
  });

  it('builds a Basic user name from a field and fixed text (`{email}/token`), and redacts the pair', async () => {
    const server = await host();
    const auth: AuthSpec = { kind: 'basic', username: { template: [{ field: 'email' }, '/token'] }, password: { field: 'api_key' } };
    const spec = provider({ fields: [field('api_key', { secret: true }), field('email')], servers: { default: { url: server.url, auth } } });
    await client(spec, { email: 'jdoe@example.com' }).call(getThing, {});
    expect(server.headers[0]?.authorization).toBe(`Basic ${Buffer.from(`jdoe@example.com/token:${API_KEY}`).toString('base64')}`);
    expect(client(spec, { email: 'jdoe@example.com' }).prepare(getThing, {}).headers.authorization).toBe('Basic [REDACTED]');
  });

  it("refuses before sending when a template's field is missing, naming the field", async () => {
    const server = await host();
    const auth: AuthSpec = { kind: 'basic', username: { template: [{ field: 'email' }, '/token'] }, password: { field: 'api_key' } };
    const spec = provider({ fields: [field('api_key', { secret: true }), field('email')], servers: { default: { url: server.url, auth } } });
    const error = await client(spec).call(getThing, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as Error).message).toContain('ACME_EMAIL');
    expect(server.requests).toHaveLength(0);
  });
});

describe('credentials in the body', () => {
  const bodyAuth: AuthSpec = { kind: 'api_key', in: 'body', params: [{ name: 'api_key', value: { field: 'api_key' } }, { name: 'api_secret', value: { field: 'api_secret' } }] };
  const fields = [field('api_key', { secret: true }), field('api_secret', { secret: true })];

  function sendSms(body: 'form' | 'json'): OperationSpec {
    return operation({
      id: 'acme.send_sms',
      operation: 'write',
      idempotent: false,
      endpoint: { kind: 'fixed', method: 'POST', path: '/sms/json' },
      body,
      params: [param('to', { in: 'body' }), param('text', { in: 'body' })],
    });
  }

  async function bodyProvider(status = 200, reply?: (body: string) => string) {
    const server = await host(status, reply);
    const spec = provider({ fields, servers: { default: { url: server.url, auth: bodyAuth } } });
    const core = client(spec, { apiSecret: API_SECRET });
    return { server, core };
  }

  it('go into a form body after the arguments, form-encoded', async () => {
    const { server, core } = await bodyProvider();
    await core.call(sendSms('form'), { to: '447700900000', text: 'hi' });
    expect(server.requests[0]?.url).toBe('/sms/json');
    expect(server.requests[0]?.body).toBe(`to=447700900000&text=hi&api_key=${API_KEY}&api_secret=${encodeURIComponent(API_SECRET)}`);
    expect(server.headers[0]?.['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('go into a JSON body, and no argument can replace them', async () => {
    const { server, core } = await bodyProvider();
    const params = [...sendSms('json').params, param('api_key', { in: 'body' })];
    const op = { ...sendSms('json'), params, args: anyArgs(params) };
    await core.call(op, { to: '447700900000', text: 'hi', api_key: 'mine' });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ to: '447700900000', text: 'hi', api_key: API_KEY, api_secret: API_SECRET });
    expect(server.requests[0]?.url).toBe('/sms/json');
  });

  it('are redacted in dry runs, form and JSON', async () => {
    const { core } = await bodyProvider();
    expect(core.prepare(sendSms('form'), { to: '1', text: 'hi' }).body).toBe('to=1&text=hi&api_key=[REDACTED]&api_secret=[REDACTED]');
    expect(core.prepare(sendSms('json'), { to: '1', text: 'hi' }).body).toBe('{"to":"1","text":"hi","api_key":"[REDACTED]","api_secret":"[REDACTED]"}');
  });

  it('are redacted from errors, even when the provider echoes them', async () => {
    const { server, core } = await bodyProvider(401, (body) => JSON.stringify({ message: `Bad credentials: ${body} ${API_SECRET}` }));
    const error = await core.call(sendSms('form'), { to: '1', text: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const shown = `${(error as APIError).message} ${JSON.stringify(error)}`;
    expect(shown).toContain('[REDACTED]');
    expect(shown).not.toContain(API_KEY);
    expect(shown).not.toContain(API_SECRET);
    expect(shown).not.toContain(encodeURIComponent(API_SECRET));
    expect(server.requests).toHaveLength(1);
  });

  it('cannot be sent by an operation without a body: refused before any request', async () => {
    const { server, core } = await bodyProvider();
    await expect(core.call(getThing, {})).rejects.toThrow(SwitchboardError);
    await expect(core.call(getThing, {})).rejects.toThrow("acme.get_thing has no body, but its server's auth puts credentials in the body.");
    expect(server.requests).toHaveLength(0);
  });
});
