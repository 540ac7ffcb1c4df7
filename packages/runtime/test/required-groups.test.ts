/**
 * Required groups ("exactly one of src, powerpack_uuid"; "at least one of
 * text, media_urls") are refused before any request with a ValidationError
 * naming the group's parameters.
 * A real loopback server proves what was sent and what was not.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import type { RequiredGroupSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { operation, param, plivoClient, rules } from './support.js';

const groups: RequiredGroupSpec[] = [
  { kind: 'exactly_one', parameters: ['src', 'powerpack_uuid'] },
  { kind: 'at_least_one', parameters: ['text', 'media_urls'] },
];

function sendMessage() {
  return operation({
    id: 'plivo.send_message',
    operation: 'write',
    idempotent: false,
    endpoint: { kind: 'fixed', method: 'POST', path: '/Message/' },
    body: 'json',
    params: ['src', 'powerpack_uuid', 'dst', 'text', 'media_urls'].map((name) => param(name, { in: 'body' })),
    requiredGroups: groups,
    args: rules({ src: { type: 'string' }, powerpack_uuid: { type: 'string' }, dst: { type: 'string' }, text: { type: 'string' }, media_urls: { type: 'array', items: { type: 'string' } } }, ['dst']),
  });
}

let server: Loopback;
beforeAll(async () => {
  server = await loopback((_, res) => res.writeHead(202, { 'content-type': 'application/json' }).end('{"message_uuid":["m1"]}'));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const client = () => plivoClient({ baseURL: server.url });

describe('required groups', () => {
  it.each([
    [
      'neither of an exactly-one-of group',
      { dst: '+14155550100', text: 'hi' },
      "Invalid arguments for plivo.send_message: give exactly one of 'src', 'powerpack_uuid'; none was given. No request was made.",
    ],
    [
      'both of an exactly-one-of group',
      { src: '+14155550199', powerpack_uuid: 'pp-1', dst: '+14155550100', text: 'hi' },
      "Invalid arguments for plivo.send_message: give exactly one of 'src', 'powerpack_uuid'; 'src' and 'powerpack_uuid' were given. No request was made.",
    ],
    [
      'none of an at-least-one-of group',
      { src: '+14155550199', dst: '+14155550100' },
      "Invalid arguments for plivo.send_message: give at least one of 'text', 'media_urls'; none was given. No request was made.",
    ],
    [
      'both groups broken at once, each named',
      { dst: '+14155550100' },
      "Invalid arguments for plivo.send_message: give exactly one of 'src', 'powerpack_uuid'; none was given; give at least one of 'text', 'media_urls'; none was given. No request was made.",
    ],
    [
      'a parameter given as undefined counts as not given',
      { src: '+14155550199', powerpack_uuid: undefined, dst: '+14155550100' },
      "Invalid arguments for plivo.send_message: give at least one of 'text', 'media_urls'; none was given. No request was made.",
    ],
  ])('refuses %s before any request', async (_, args, message) => {
    const error = await client().call(sendMessage(), args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(message);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['one sender and text', { src: '+14155550199', dst: '+14155550100', text: 'hi' }, { src: '+14155550199', dst: '+14155550100', text: 'hi' }],
    ['the other sender and both contents', { powerpack_uuid: 'pp-1', dst: '+14155550100', text: 'hi', media_urls: ['https://x.test/a.png'] }, { powerpack_uuid: 'pp-1', dst: '+14155550100', text: 'hi', media_urls: ['https://x.test/a.png'] }],
  ])('sends %s', async (_, args, body) => {
    await client().call(sendMessage(), args);
    expect(server.requests.map((r) => JSON.parse(r.body) as unknown)).toEqual([body]);
  });
});

it('names the group in the structured issue', async () => {
  const error = (await client().call(sendMessage(), { dst: '+14155550100', text: 'hi' }).catch((e: unknown) => e)) as ValidationError;
  expect(error.issues).toEqual([
    { path: 'src | powerpack_uuid', group: ['src', 'powerpack_uuid'], problem: "give exactly one of 'src', 'powerpack_uuid'; none was given" },
  ]);
});

it('reports other problems beside the group, and not the group\'s own oneOf noise', async () => {
  const error = await client().call(sendMessage(), { src: 'a', powerpack_uuid: 'b', dst: '+14155550100', text: 'hi', colour: 'red' }).catch((e: unknown) => e);
  expect((error as Error).message).toBe(
    "Invalid arguments for plivo.send_message: give exactly one of 'src', 'powerpack_uuid'; 'src' and 'powerpack_uuid' were given; unknown 'colour'. No request was made.",
  );
  expect(server.requests).toHaveLength(0);
});

describe('a parameter that requires others (Infobip: mnc needs mcc)', () => {
  const listLogs = operation({
    id: 'infobip.list_sms_logs',
    params: ['mcc', 'mnc', 'sender', 'country'].map((name) => param(name)),
    requiredGroups: [{ kind: 'requires', given: 'mnc', required: ['mcc', 'country'] }],
    args: rules({ mcc: { type: 'string' }, mnc: { type: 'string' }, sender: { type: 'string' }, country: { type: 'string' } }),
  });

  it('refuses a call that gives it without what it requires, naming what is missing, before any request', async () => {
    const error = (await client().call(listLogs, { mnc: '01', country: 'DE' }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe("Invalid arguments for infobip.list_sms_logs: 'mnc' needs 'mcc' as well; give it, or leave out 'mnc'. No request was made.");
    expect(error.issues).toEqual([{ path: 'mnc', group: ['mnc', 'mcc', 'country'], problem: "'mnc' needs 'mcc' as well; give it, or leave out 'mnc'" }]);
    const both = (await client().call(listLogs, { mnc: '01', mcc: null }).catch((e: unknown) => e)) as ValidationError;
    expect(both.issues.map((i) => i.problem)).toEqual(["'mnc' needs 'mcc' and 'country' as well; give them, or leave out 'mnc'"]);
    expect(server.requests).toHaveLength(0);
  });

  it('sends a call without it, with what it requires alone, or with everything', async () => {
    for (const args of [{}, { mcc: '262' }, { sender: 'Acme' }, { mnc: '01', mcc: '262', country: 'DE' }]) await client().call(listLogs, args);
    expect(server.requests.map((r) => new URL(r.url, 'http://x').search)).toEqual(['', '?mcc=262', '?sender=Acme', '?mnc=01&mcc=262&country=DE']);
  });
});
