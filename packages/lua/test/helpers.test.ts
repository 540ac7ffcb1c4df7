import { describe, expect, it } from 'vitest';
import { MAX_MATCHES, MAX_SUBJECT_BYTES, runLua } from '../src/index.js';
import { fakeHost } from './host.js';

const run = (code: string) => runLua(code, fakeHost());
const result = async (code: string) => (await run(code)).result;

describe('print', () => {
  it('tab-joins its arguments and serialises tables as JSON', async () => {
    const r = await run('print("a", 1, 2.5, true, nil, {x = 1}, {1, 2}, json.null)');
    expect(r.output).toBe('a\t1\t2.5\ttrue\tnil\t{"x":1}\t[1,2]\tnull\n');
  });

  it('uses __tostring when a table has one', async () => {
    expect((await run('print(setmetatable({}, { __tostring = function() return "custom" end }))')).output).toBe('custom\n');
  });

  it('keeps output written before an error', async () => {
    const r = await run('print("before")\nerror("boom")');
    expect(r).toMatchObject({ ok: false, output: 'before\n' });
  });
});

describe('dump', () => {
  it('pretty-prints and returns its argument', async () => {
    const r = await run('local t = dump({ a = { 1 } }) return t.a[1]');
    expect(r.output).toBe('{\n  "a": [\n    1\n  ]\n}\n');
    expect(r.result).toBe(1);
  });

  it('quotes strings so whitespace shows', async () => {
    expect((await run('dump("a b\\n")')).output).toBe('"a b\\n"\n');
  });
});

describe('json', () => {
  it('encodes tables, arrays and json.null', async () => {
    expect(await result('return json.encode({ list = {1, 2}, none = json.null, empty = {} })')).toMatch(/^\{.*\}$/);
    expect(JSON.parse((await result('return json.encode({ list = {1, 2}, none = json.null, empty = {} })')) as string))
      .toEqual({ list: [1, 2], none: null, empty: {} });
  });

  it('keeps an empty decoded array an array: json.encode(json.decode("[]")) == "[]"', async () => {
    expect(await result('return json.encode(json.decode("[]")), json.encode(json.decode(\'{"a":[]}\'))')).toEqual(['[]', '{"a":[]}']);
  });

  it('encodes json.array and json.empty_array as []', async () => {
    expect(await result('return json.encode(json.array({})), json.encode({ x = json.empty_array })')).toEqual(['[]', '{"x":[]}']);
  });

  it('makes json.null distinguishable from an absent key', async () => {
    expect(await result('local t = { a = json.null } return t.a ~= nil, t.b == nil, t.a == json.null')).toEqual([true, true, true]);
  });

  it('decodes null to json.null inside arrays and objects, so it compares equal and arrays keep their length', async () => {
    expect(await result('local v = json.decode(\'{"a":null,"b":[1,null,3]}\') return v.a == json.null, v.b[2] == json.null, #v.b, v.b[3]')).toEqual([true, true, 3, 3]);
  });

  it('round-trips decoded nulls as null', async () => {
    expect(await result('return json.encode(json.decode(\'{"a":null,"b":[null]}\'))')).toBe('{"a":null,"b":[null]}');
  });

  it.each([
    ['{"z":1,"a":2,"m":{"y":1,"b":2}}', '{"z":1,"a":2,"m":{"y":1,"b":2}}'],
    ['[{"b":1,"a":2},{"d":3,"c":4}]', '[{"b":1,"a":2},{"d":3,"c":4}]'],
  ])('json.encode keeps the key order of what json.decode read: %s', async (text, encoded) => {
    expect(await result(`return json.encode(json.decode('${text}'))`)).toBe(encoded);
  });

  it('keeps decoded keys in order after changes, with new keys after them', async () => {
    expect(await result('local v = json.decode(\'{"z":1,"y":2,"x":3}\') v.y = nil v.w = 4 v.z = 5 return json.encode(v)')).toBe('{"z":5,"x":3,"w":4}');
  });

  it('decodes integers as integers and fractions as floats', async () => {
    expect(await result('local v = json.decode("[1, 1.5]") return math.type(v[1]), math.type(v[2])')).toEqual(['integer', 'float']);
  });

  it('pretty-prints when asked', async () => {
    expect(await result('return json.encode({ a = 1 }, true)')).toBe('{\n  "a": 1\n}');
  });

  it('raises on a non-string decode argument', async () => {
    expect((await run('json.decode(5)')).error?.message).toBe('script:1: json.decode: expected string argument, got number');
  });

  it('raises on invalid JSON, catchably', async () => {
    expect(await result('local ok, e = pcall(json.decode, "{") return ok, type(e)')).toEqual([false, 'string']);
  });

  it('raises when encoding a function', async () => {
    expect((await run('json.encode({ f = print })')).error?.message).toBe('script:1: json.encode: cannot convert a function to JSON');
  });

  it('raises when encoding a cycle', async () => {
    expect((await run('local t = {} t.t = t json.encode(t)')).error?.message).toBe('script:1: json.encode: cannot convert a table that contains itself');
  });
});

describe('regex', () => {
  it('match returns the whole match then the groups', async () => {
    expect(await result('return regex.match("order 12-34", "(\\\\d+)-(\\\\d+)")')).toEqual(['12-34', '12', '34']);
  });

  it('match returns nil when nothing matches', async () => {
    expect(await result('return regex.match("abc", "\\\\d") == nil')).toBe(true);
  });

  it('match adds named groups by name', async () => {
    expect(await result('local m = regex.match("id=42", "id=(?P<id>\\\\d+)") return m.id, m[2]')).toEqual(['42', '42']);
  });

  it('match_all returns every match', async () => {
    expect(await result('return regex.match_all("a1 b2 c3", "(\\\\w)(\\\\d)")')).toEqual([['a1', 'a', '1'], ['b2', 'b', '2'], ['c3', 'c', '3']]);
  });

  it('match_all returns an empty array when nothing matches', async () => {
    expect(await result('return json.encode(regex.match_all("abc", "\\\\d"))')).toBe('[]');
  });

  it('gsub returns the new string and the count, honouring a limit', async () => {
    expect(await result('return {regex.gsub("a1b2c3", "(\\\\d)", "<$1>")}')).toEqual(['a<1>b<2>c<3>', 3]);
    expect(await result('return {regex.gsub("a1b2c3", "\\\\d", "#", 2)}')).toEqual(['a#b#c3', 2]);
  });

  it('accepts i, m and s flags', async () => {
    expect(await result('return regex.match("ABC", "b", "i")[1]')).toBe('B');
  });

  it('raises on a non-string subject with the anchor wording', async () => {
    expect((await run('regex.match(5, "x")')).error?.message).toBe('script:1: regex.match: expected string subject, got number');
  });

  it('raises on an invalid pattern', async () => {
    expect((await run('regex.match("a", "(")')).error?.message).toMatch(/^script:1: regex\.match: invalid pattern/);
  });

  // A backtracking engine needs 2^5000 steps here, so the run ending at all shows the matching is linear.
  it('runs (a+)+b on 5000 a\'s and a c (backtracking would never finish)', async () => {
    const r = await run('return regex.match(string.rep("a", 5000) .. "c", "(a+)+b")');
    expect(r).toMatchObject({ ok: true, result: null });
  });
});

describe('host helpers stay within the script\'s limits', () => {
  const small = { memoryBytes: 4 * 1024 * 1024 };
  const runSmall = (code: string) => runLua(code, fakeHost(), small);

  it('regex refuses a subject over MAX_SUBJECT_BYTES, catchably', async () => {
    const r = await run(`local ok, e = pcall(regex.match_all, string.rep("a", ${MAX_SUBJECT_BYTES + 1}), "b") return ok, e`);
    expect(r.result).toEqual([false, `regex.match_all: subject is ${MAX_SUBJECT_BYTES + 1} bytes; the limit is ${MAX_SUBJECT_BYTES} bytes`]);
  });

  it('regex.match_all stops at MAX_MATCHES matches', async () => {
    const r = await run(`return regex.match_all(string.rep("a", ${MAX_MATCHES + 1}), "a")`);
    expect(r.error?.message).toBe(`script:1: regex.match_all: more than ${MAX_MATCHES} matches; work on a smaller part of the subject or use a pattern that matches less often`);
  });

  it('regex.match_all of every empty match in a long subject ends with an error, not gigabytes on the host', async () => {
    const r = await run('return regex.match_all(string.rep("a", 1.5e7), "")');
    expect(r.error?.message).toBe(`script:1: regex.match_all: subject is 15000000 bytes; the limit is ${MAX_SUBJECT_BYTES} bytes`);
  });

  it('regex.gsub charges the string it builds to the memory the script has left', async () => {
    const r = await runSmall('return regex.gsub(string.rep("a", 10000), "", string.rep("x", 1000))');
    expect(r.error?.message).toMatch(/^script:1: regex\.gsub: the result needs more than the \d+ bytes left of the script's memory limit of 4194304 bytes$/);
  });

  it('json.encode refuses a table whose shared strings would expand past the memory limit', async () => {
    const r = await runSmall('local s = string.rep("a", 100000) local t = {} for i = 1, 50 do t[i] = s end return json.encode(t)');
    expect(r.error?.message).toBe('script:1: json.encode: value holds more than 4194304 bytes of strings (each reference to a shared string counts again)');
  });

  it('json.decode refuses text over MAX_SUBJECT_BYTES', async () => {
    const r = await run(`return json.decode('"' .. string.rep("a", ${MAX_SUBJECT_BYTES}) .. '"')`);
    expect(r.error?.message).toBe(`script:1: json.decode: argument is ${MAX_SUBJECT_BYTES + 2} bytes; the limit is ${MAX_SUBJECT_BYTES} bytes`);
  });

  it('leaves the next run working', async () => {
    await run('return regex.match_all(string.rep("a", 1.5e7), "")');
    expect(await result('return #regex.match_all("a1 b2", "\\\\d")')).toBe(2);
  });
});
