import { describe, expect, it } from 'vitest';
import { bindings, type ProviderBinding } from '@switchboard/bindings';
import { baseUrlEnvName, baseUrlsFor, parseBaseUrlFlags } from '../src/base-url.js';
import type { Settings } from '../src/settings-file.js';

const single = bindings.find((p) => Object.keys(p.provider.servers).length === 1)!;
const multi = bindings.find((p) => Object.keys(p.provider.servers).length > 1);
const prefixOf = (p: ProviderBinding) => p.fields[0]!.accountEnvTemplate.split('{ACCOUNT}')[0]!;
const none: Settings = { providers: {} };

describe('base-URL variables', () => {
  it('name the account before BASE_URL and a non-default server after it', () => {
    const server = Object.keys(single.provider.servers)[0]!;
    expect(baseUrlEnvName(single, 'default', 'default')).toBe(`${prefixOf(single)}BASE_URL`);
    expect(baseUrlEnvName(single, 'eu-sales', 'default')).toBe(`${prefixOf(single)}EU_SALES_BASE_URL`);
    if (server !== 'default') expect(baseUrlEnvName(single, 'default', server)).toBe(`${prefixOf(single)}BASE_URL_${server.toUpperCase()}`);
  });

  it.skipIf(!multi)('override one server of a multi-server provider and leave the others alone', () => {
    const named = Object.keys(multi!.provider.servers).find((s) => s !== 'default')!;
    const variable = `${prefixOf(multi!)}BASE_URL_${named.toUpperCase()}`;
    expect(baseUrlsFor(multi!, 'default', none, { [variable]: 'http://127.0.0.1:1/x/' }, new Map())).toEqual({ [named]: { url: 'http://127.0.0.1:1/x', source: variable } });
  });
});

describe('base-URL precedence', () => {
  const server = Object.keys(single.provider.servers)[0]!;
  const settings: Settings = { providers: { [single.id]: { base_urls: { default: { [server]: 'http://127.0.0.1:3' } } } } };
  const env = { [baseUrlEnvName(single, 'default', server)]: 'http://127.0.0.1:2' };
  const flag = parseBaseUrlFlags(['http://127.0.0.1:1'], [single]);
  it.each([
    { name: 'the flag wins over the variable and the file', env, flags: flag, want: { url: 'http://127.0.0.1:1', source: '--base-url' } },
    { name: 'the variable wins over the file', env, flags: new Map(), want: { url: 'http://127.0.0.1:2', source: baseUrlEnvName(single, 'default', server) } },
    { name: 'the file applies when nothing else names the server', env: {}, flags: new Map(), want: { url: 'http://127.0.0.1:3', source: 'settings file' } },
  ])('$name', ({ env: e, flags, want }) => {
    expect(baseUrlsFor(single, 'default', settings, e, flags)[server]).toEqual(want);
  });

  it('reads another account nothing of the default account', () => {
    expect(baseUrlsFor(single, 'work', settings, env, new Map())).toEqual({});
  });
});

describe('--base-url forms', () => {
  it('provider=URL and provider.server=URL name their provider among several', () => {
    const server = Object.keys(single.provider.servers)[0]!;
    const flags = parseBaseUrlFlags([`${single.id}.${server}=http://127.0.0.1:1`], bindings);
    expect(flags.get(single.id)).toEqual({ [server]: 'http://127.0.0.1:1' });
  });

  it('refuses the same server twice rather than letting the last one win', () => {
    expect(() => parseBaseUrlFlags(['http://127.0.0.1:1', 'http://127.0.0.1:2'], [single])).toThrow(
      `--base-url was given twice for ${single.id} server '${Object.keys(single.provider.servers)[0]}'; give one.`,
    );
  });

  it('a bare URL for a provider without a default server asks for a server name', () => {
    const server = Object.values(single.provider.servers)[0]!;
    const twoNamed: ProviderBinding = { ...single, provider: { ...single.provider, servers: { eu: server, us: server } } };
    expect(() => parseBaseUrlFlags(['http://127.0.0.1:1'], [twoNamed])).toThrow(
      `--base-url: ${single.id} has several servers (eu, us); name one, e.g. --base-url ${single.id}.eu=http://127.0.0.1:1.`,
    );
  });
});
