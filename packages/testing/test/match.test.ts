import { describe, expect, it } from 'vitest';
import { recordRequest, requestDifferences } from '../src/match.js';

const url = 'https://api.acme.test/2010-04-01/Accounts/AC1/Messages.json';

async function sentForm(body: string) {
  return recordRequest(new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
}

const documented = (body: unknown) => ({ method: 'POST', url, headers: {}, body });

describe('form bodies are compared as pairs, repeated keys included', () => {
  it.each<[string, string, unknown]>([
    ['a repeated key against a documented list', 'To=%2B1&MediaUrl=a&MediaUrl=b', { To: '+1', MediaUrl: ['a', 'b'] }],
    ['a repeated key against the documented form text', 'MediaUrl=a&MediaUrl=b', 'MediaUrl=a&MediaUrl=b'],
    ['different keys in another order', 'B=2&A=1', { A: '1', B: '2' }],
    ['a nested object against key[sub]', 'metadata%5Border%5D=42', { metadata: { order: '42' } }],
  ])('matches: %s', async (_, sent, body) => {
    expect(requestDifferences(await sentForm(sent), documented(body))).toEqual([]);
  });

  it.each<[string, string, unknown, string]>([
    ['a comma-joined value where a repeated key is documented', 'MediaUrl=a%2Cb', { MediaUrl: ['a', 'b'] }, 'body: sent form [MediaUrl=a,b], documented [MediaUrl=a, MediaUrl=b]'],
    ['one of two repeated values', 'MediaUrl=b', { MediaUrl: ['a', 'b'] }, 'body: sent form [MediaUrl=b], documented [MediaUrl=a, MediaUrl=b]'],
    ['repeated values in another order', 'MediaUrl=b&MediaUrl=a', { MediaUrl: ['a', 'b'] }, 'body: sent form [MediaUrl=b, MediaUrl=a], documented [MediaUrl=a, MediaUrl=b]'],
  ])('differs: %s', async (_, sent, body, problem) => {
    expect(requestDifferences(await sentForm(sent), documented(body))).toEqual([problem]);
  });
});

describe('queries are compared like form bodies: keys in any order, a repeated key in order', () => {
  const get = (query: string) => recordRequest(new Request(`${url}?${query}`, { method: 'GET' }));
  const documentedQuery = (query: string) => ({ method: 'GET', url: `${url}?${query}`, headers: {}, body: null });

  it('matches different keys in another order', async () => {
    expect(requestDifferences(await get('b=2&a=1'), documentedQuery('a=1&b=2'))).toEqual([]);
  });

  it("differs when a repeated key's values come in another order (validate checks that order too)", async () => {
    expect(requestDifferences(await get('date=%3C2&date=%3E1'), documentedQuery('date=%3E1&date=%3C2'))).toEqual([
      'query: sent [date=<2, date=>1], documented [date=>1, date=<2]',
    ]);
  });
});

describe('content-type is compared as documented', () => {
  const sentJson = (type: string) => recordRequest(new Request(url, { method: 'POST', headers: { 'content-type': type }, body: '{}' }));
  const documentedType = (type: string) => ({ method: 'POST', url, headers: { 'content-type': type }, body: {} });

  it('a documented type without parameters matches whatever parameters were added', async () => {
    expect(requestDifferences(await sentJson('application/json;charset=UTF-8'), documentedType('application/json'))).toEqual([]);
  });

  it('a documented charset must be sent, case and spacing aside', async () => {
    expect(requestDifferences(await sentJson('application/json;Charset=UTF-8'), documentedType('application/json; charset=utf-8'))).toEqual([]);
    expect(requestDifferences(await sentJson('application/json'), documentedType('application/json; charset=utf-8'))).toEqual(['header content-type: sent "application/json", documented "application/json; charset=utf-8"']);
  });
});

describe('a body that is one file is compared by its bytes and media type', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
  const upload = (bytes: Uint8Array<ArrayBuffer>, type: string) => recordRequest(new Request(`${url}?filename=a.png`, { method: 'POST', headers: { 'content-type': type }, body: bytes }));
  const file = (content_base64: string, content_type = 'image/png') => ({ method: 'POST', url: `${url}?filename=a.png`, headers: {}, body: null, file: { filename: 'a.png', content_type, content_base64 } });
  const base64 = Buffer.from(PNG).toString('base64');

  it('records the bytes as sent, and matches the documented file (its base64 written with line breaks or not)', async () => {
    const sent = await upload(PNG, 'image/png');
    expect(sent.bodyBase64).toBe(base64);
    expect(requestDifferences(sent, file(base64))).toEqual([]);
    expect(requestDifferences(sent, file(`${base64.slice(0, 4)}\n${base64.slice(4)}`))).toEqual([]);
  });

  it('differs on other bytes, and on another media type', async () => {
    const other = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xfe]).toString('base64');
    expect(requestDifferences(await upload(PNG, 'image/png'), file(other))).toEqual([`body: sent 6 bytes (base64 ${base64}), documented the file's 6 bytes (base64 ${other})`]);
    expect(requestDifferences(await upload(PNG, 'application/octet-stream'), file(base64))).toEqual(['body: sent as application/octet-stream, documented as a file of image/png']);
  });
});
