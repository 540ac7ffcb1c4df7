/**
 * Account-driven request parts through the CLI and the Lua host, as a user runs them: a named
 * account whose field picks a non-default server URL, a base-URL override winning over that
 * choice, and provider headers from an optional field. Providers are found in the catalog by
 * what their specs declare, never by name.
 */

import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import * as mocks from '@switchboard/mocks';
import type { ProviderExamples } from '@switchboard/testing';
import { serverNameOf } from '@switchboard/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI, runCli, switchboard } from '../support.js';

const SECRET = 'account-parts-test-secret';
const ACCOUNT = 'staging';

/** A read with a fixed endpoint and no required arguments on `server`: the CLI can call it bare. */
function bareRead(provider: ProviderBinding, server: string): FunctionBinding | undefined {
  return provider.functions.find(
    (fn) => fn.operation === 'read' && !('unavailable' in fn.spec) && serverNameOf(fn.spec) === server && fn.spec.endpoint.kind === 'fixed' && ((fn.inputSchema.required as string[] | undefined) ?? []).length === 0,
  );
}

/** The first server whose URL an account field chooses, with a function to call on it. */
const choice = bindings
  .flatMap((provider) =>
    Object.entries(provider.provider.servers).flatMap(([server, spec]) => {
      const fn = bareRead(provider, server);
      return typeof spec.url === 'string' || !fn ? [] : [{ provider, server, fn, byField: spec.url.byField, urls: spec.url.urls }];
    }),
  )
  .at(0);

/** The first provider header that uses an optional field, with a function of its default server. */
const header = bindings
  .flatMap((provider) =>
    Object.entries(provider.provider.headers ?? {}).flatMap(([name, template]) => {
      const optional = provider.fields.find((f) => f.key === /\{([^{}]+)\}/.exec(template)?.[1] && provider.provider.fields.find((s) => s.key === f.key)?.optional);
      const fn = bareRead(provider, 'default');
      return optional && fn ? [{ provider, name, template, field: optional, fn }] : [];
    }),
  )
  .at(0);

/** Every field of the default account set: defaults where the spec has one, otherwise a recognisable fake. */
function envFor(provider: ProviderBinding, extra: Record<string, string> = {}): Record<string, string> {
  const fields = Object.fromEntries(provider.fields.map((f) => [f.env, f.default ?? `${SECRET}-${f.key}`]));
  return { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-account-parts-')), SWITCHBOARD_SANDBOX: '', ...fields, ...extra };
}

function accountEnv(provider: ProviderBinding, account: string, key: string): string {
  return provider.fields.find((f) => f.key === key)!.accountEnvTemplate.replace('{ACCOUNT}', account.toUpperCase());
}

const json = (text: string) => JSON.parse(text) as Record<string, any>;

describe.skipIf(!choice)('a named account chooses a non-default server URL', () => {
  const { provider, fn, byField, urls } = choice!;
  const field = provider.fields.find((f) => f.key === byField)!;
  const defaultValue = field.default ?? field.example;
  const other = Object.keys(urls).find((value) => value !== defaultValue)!;
  // The choice URLs' own placeholders (if any) are filled from the fake field values, as envFor sets them.
  const filled = (value: string) => urls[value]!.replace(/\{([^{}]+)\}/g, (_, key: string) => provider.fields.find((f) => f.key === key)?.default ?? `${SECRET}-${key}`);

  /** The account configured with `switchboard configure --account staging`, its secrets set too. */
  function configured(): Record<string, string> {
    const env = envFor(provider);
    const sets = provider.fields.filter((f) => f.secret).flatMap((f) => ['--set', `${f.key}=${SECRET}-${f.key}`]);
    const run = switchboard(['configure', provider.id, '--account', ACCOUNT, '--set', `${byField}=${other}`, ...sets], { env });
    expect(run.status).toBe(0);
    return env;
  }

  it('`call --account` sends to the URL the account’s field names; the default account keeps its own', () => {
    const env = configured();
    const named = switchboard(['call', fn.qualified, '--account', ACCOUNT, '--dry-run', '--json'], { env });
    expect(named.stderr).toBe('');
    expect(json(named.stdout).data.url.startsWith(`${filled(other)}/`)).toBe(true);
    const plain = switchboard(['call', fn.qualified, '--dry-run', '--json'], { env });
    expect(json(plain.stdout).data.url.startsWith(`${filled(defaultValue)}/`)).toBe(true);
  });

  it('a value without a URL fails before any request, naming the field and the choices', () => {
    const env = envFor(provider, { [field.env]: 'nowhere' });
    const run = switchboard(['call', fn.qualified, '--dry-run'], { env });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`field '${byField}' must be one of ${Object.keys(urls).join(', ')} (it chooses the server URL). No request was made.`);
  });

  it('the sandbox answers at the chosen URL: the documented response of that host’s example', async () => {
    const examples = Object.values(mocks).find((value): value is ProviderExamples => typeof value === 'object' && value !== null && (value as ProviderExamples).provider === provider.id)!;
    const atOther = examples.examples.find((e) => e.function === fn.qualified && e.request.url.startsWith(`${filled(other)}/`));
    const env = configured();
    const run = await runCli(['call', fn.qualified, '--account', ACCOUNT, '--sandbox', '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // With a documented example at that host, its own response answers; otherwise the nearest documented success does.
    if (atOther) expect(json(run.stdout).data).toEqual(atOther.response.body);
  });

  describe('against a local server', () => {
    let server: Server;
    let origin: string;
    const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push({ url: req.url ?? '', headers: req.headers });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
      seen.length = 0;
    });

    it('a base-URL override still wins over the account’s choice', async () => {
      const env = configured();
      const run = await runCli(['call', fn.qualified, '--account', ACCOUNT, '--base-url', `${provider.id}=${origin}/proxy`, '--json'], env);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.url.startsWith('/proxy/')).toBe(true);
    });
  });
});

describe.skipIf(!header)('provider headers from an optional account field', () => {
  const { provider, name, template, field, fn } = header!;
  let server: Server;
  let origin: string;
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  const expected = (value: string) => template.replace(`{${field.key}}`, value);
  const withoutField = (provider: ProviderBinding) => {
    const env = envFor(provider);
    delete env[field.env];
    return env;
  };

  it('`call` sends it when the field is set and leaves it out when it is not', async () => {
    const set = await runCli(['call', fn.qualified, '--base-url', `${provider.id}=${origin}`, '--json'], envFor(provider, { [field.env]: '4242' }));
    expect(set.status).toBe(0);
    const unset = await runCli(['call', fn.qualified, '--base-url', `${provider.id}=${origin}`, '--json'], withoutField(provider));
    expect(unset.status).toBe(0);
    expect(seen.map((h) => h[name.toLowerCase()])).toEqual([expected('4242'), undefined]);
  });

  it('the dry run shows it', () => {
    const run = switchboard(['call', fn.qualified, '--dry-run', '--json'], { env: envFor(provider, { [field.env]: '4242' }) });
    expect(json(run.stdout).data.headers[name.toLowerCase()]).toBe(expected('4242'));
  });

  it('a Lua script calling through a named account sends that account’s header', async () => {
    const ns = provider.namespace;
    const env = {
      ...withoutField(provider),
      ...Object.fromEntries(provider.fields.map((f) => [f.accountEnvTemplate.replace('{ACCOUNT}', ACCOUNT.toUpperCase()), f.default ?? `${SECRET}-${f.key}`])),
      [accountEnv(provider, ACCOUNT, field.key)]: '777',
    };
    const script = `local r = app.integrations.${ns}.${ACCOUNT}.${fn.name}({}) print("ok")`;
    const run = await runCli(['lua', '--json', '--base-url', `${provider.id}=${origin}`, '-e', script], env);
    expect(json(run.stdout)).toMatchObject({ success: true, data: { output: 'ok\n' } });
    const plain = await runCli(['lua', '--json', '--base-url', `${provider.id}=${origin}`, '-e', `local r = app.integrations.${ns}.${fn.name}({}) print("ok")`], env);
    expect(json(plain.stdout)).toMatchObject({ success: true });
    expect(seen.map((h) => h[name.toLowerCase()])).toEqual([expected('777'), undefined]);
    expect(run.stdout).not.toContain(SECRET);
  });
});
