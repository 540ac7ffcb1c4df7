import { itemsOf } from '../src/pages.js';
/**
 * Every numeric option is checked before anything is sent: a bad value is an
 * InvalidOptionError naming the option and its range, never a value bent into
 * something else (Node turns a timer of Infinity, NaN, -1 or 2³¹ into 1 ms; a
 * NaN page cap is no cap). A real server counts what reached it: nothing.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../src/errors.js';
import { loopback, type Loopback } from './loopback.js';
import { listPhoneNumbers, sendSms, sinchClient, sinchListNumbers, telnyxClient } from './support.js';

let server: Loopback;
beforeAll(async () => {
  server = await loopback((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[1],"meta":{"total_pages":1000000}}'));
});
afterAll(() => server.close());

const write = [sendSms, { to: '+19175550188', text: 'hi' }] as const;

const BAD_NUMBERS = [Infinity, -Infinity, NaN, -1, 2 ** 31, 1.5, '300', null] as const;

const CLIENT_OPTIONS = [
  ['timeout', 'an integer from 1 to 2147483647 (milliseconds)'],
  ['totalTimeout', 'an integer from 1 to 2147483647 (milliseconds)'],
  ['maxRetries', 'an integer from 0 to 100'],
  ['maxRetryAfter', 'an integer from 0 to 2147483647 (milliseconds)'],
  ['maxArgumentDepth', 'an integer from 1 to 1000'],
  ['maxRequestBytes', 'an integer from 1 to 1073741824 (bytes)'],
] as const;

const REQUEST_OPTIONS = [
  ['timeout', 'an integer from 1 to 2147483647 (milliseconds)'],
  ['totalTimeout', 'an integer from 1 to 2147483647 (milliseconds)'],
  ['maxRetries', 'an integer from 0 to 100'],
  ['maxPages', 'an integer from 1 to 1000000'],
] as const;

const cases = <T extends readonly (readonly [string, string])[]>(options: T) =>
  options.flatMap(([name, allowed]) => BAD_NUMBERS.map((bad) => [name, allowed, bad] as const));

describe('client options', () => {
  it.each(cases(CLIENT_OPTIONS))('%s = %s is refused when the client is made', (name, allowed, bad) => {
    const before = server.requests.length;
    const make = () => telnyxClient({ baseURL: server.url, [name]: bad });
    expect(make).toThrow(InvalidOptionError);
    expect(make).toThrow(`Invalid client option \`${name}\`: must be ${allowed}; got `);
    expect(server.requests.length).toBe(before);
  });

  it('withOptions checks the new options too', () => {
    expect(() => telnyxClient({ baseURL: server.url }).withOptions({ timeout: Infinity })).toThrow('Invalid client option `timeout`');
  });

  it.each([
    ['not a url', '"not a url", which is not an absolute URL'],
    ['ftp://files.example.com', '"ftp://files.example.com", which is not http or https'],
    ['https://api.example.com/v1?token=abc', '"https://api.example.com/v1?token=abc", which has a query or fragment'],
    ['https://user:PROXY_SECRET@proxy.example.com', 'a text that has credentials (not shown: it has an @)'],
    ['user:PROXY_SECRET@proxy', 'a text that is not http or https (not shown: it has an @)'],
    ['not a url @PROXY_SECRET', 'a text that is not an absolute URL (not shown: it has an @)'],
  ])('baseURL %s is refused when the client is made, never quoting a credential', (bad, received) => {
    for (const baseURL of [bad, { default: bad }]) {
      const make = () => telnyxClient({ baseURL });
      expect(make).toThrow(InvalidOptionError);
      expect(make).toThrow(`Invalid client option \`baseURL\`: must be an absolute http or https URL without credentials, query or fragment (or an object of such URLs by server name); got ${received}. No request was made.`);
    }
  });

  it('baseURL keeps {field} placeholders and a trailing slash does not double the path', async () => {
    expect(() => telnyxClient({ baseURL: 'https://{region}.api.example.com/v1/{account_id}' })).not.toThrow();
    const before = server.requests.length;
    await telnyxClient({ baseURL: `${server.url}/` }).call(listPhoneNumbers, {});
    expect(server.requests.slice(before).map((r) => r.url.split('?')[0])).toEqual(['/phone_numbers']);
  });

  it('the message shows the value as written', () => {
    expect(() => telnyxClient({ timeout: NaN })).toThrow('got NaN. No request was made.');
    expect(() => telnyxClient({ timeout: '300' as unknown as number })).toThrow('got the string "300"');
  });
});

describe('request options', () => {
  it.each(cases(REQUEST_OPTIONS))('%s = %s is refused before the write is sent', async (name, allowed, bad) => {
    const before = server.requests.length;
    const error = await telnyxClient({ baseURL: server.url })
      .call(...write, { [name]: bad })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(name);
    expect((error as Error).message).toContain(`Invalid request option \`${name}\`: must be ${allowed}`);
    expect(server.requests.length).toBe(before);
  });

  it.each([NaN, 0, -1, Infinity, 2.5])('maxPages = %s is refused before the first page is fetched', async (bad) => {
    const before = server.requests.length;
    const walk = itemsOf(telnyxClient({ baseURL: server.url }), listPhoneNumbers, {}, { maxPages: bad });
    await expect(walk.next()).rejects.toThrow('Invalid request option `maxPages`: must be an integer from 1 to 1000000');
    expect(server.requests.length).toBe(before);
  });
});

describe('the edges of each range are accepted', () => {
  it('timeout 1 and 2147483647, maxRetries 0 and 100, maxRetryAfter 0, maxPages 1', async () => {
    expect(() => telnyxClient({ timeout: 1, maxRetries: 100, maxRetryAfter: 0 })).not.toThrow();
    const client = telnyxClient({ baseURL: server.url, timeout: 2_147_483_647, maxRetries: 0 });
    await expect(client.call(listPhoneNumbers, {})).resolves.toEqual({ data: [1], meta: { total_pages: 1_000_000 } });
    const walk = itemsOf(client, listPhoneNumbers, {}, { maxPages: 1 });
    await expect(walk.next()).resolves.toEqual({ done: false, value: 1 });
  });
});

describe('base URLs from the environment, the variables the CLI reads', () => {
  const dry = (client: ReturnType<typeof telnyxClient>) => client.prepare(listPhoneNumbers, {}).url;

  it('<PREFIX>_BASE_URL replaces the default server, and the baseURL option wins over it', () => {
    expect(dry(telnyxClient({ env: { TELNYX_BASE_URL: 'https://proxy.example.com/telnyx/' } }))).toBe('https://proxy.example.com/telnyx/phone_numbers');
    expect(dry(telnyxClient({ env: { TELNYX_BASE_URL: 'https://proxy.example.com' }, baseURL: 'https://option.example.com' }))).toBe('https://option.example.com/phone_numbers');
  });

  it("an account's own variable applies to that account only; a server other than default has its name at the end", () => {
    const env = { TELNYX_WORK_BASE_URL: 'https://work.example.com', TELNYX_WORK_API_KEY: 'work-key' };
    expect(dry(telnyxClient({ env, account: 'work' }))).toBe('https://work.example.com/phone_numbers');
    expect(dry(telnyxClient({ env }))).toBe('https://api.telnyx.com/v2/phone_numbers');
    const sinch = sinchClient({ projectId: 'p1', keyId: 'key-id-1', keySecret: 'key-secret-value', env: { SINCH_BASE_URL_NUMBERS: 'https://numbers.example.com/v1/projects/{project_id}' } });
    expect(sinch.prepare(sinchListNumbers, {}).url).toBe('https://numbers.example.com/v1/projects/p1/activeNumbers');
  });

  it('a bad value is refused when the client is made, naming the variable and never quoting a credential', () => {
    expect(() => telnyxClient({ env: { TELNYX_BASE_URL: 'https://user:PROXY_SECRET@proxy.example.com' } })).toThrow(
      'Invalid client option `TELNYX_BASE_URL`: must be an absolute http or https URL without credentials, query or fragment (or an object of such URLs by server name); got a text that has credentials (not shown: it has an @). No request was made.',
    );
  });
});
