import { describe, expect, it } from 'vitest';
import { runLua } from '../src/index.js';
import { fakeHost } from './host.js';

const run = (code: string, reply?: () => unknown) => runLua(code, fakeHost(reply));
const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { x: nest(depth - 1) });

describe('Lua -> JS results', () => {
  it('turns a sequence into a 0-based array', async () => {
    expect((await run('return {10, 20, 30}')).result).toEqual([10, 20, 30]);
  });

  it('returns one value as itself, several as an array, none as null', async () => {
    expect((await run('return "a"')).result).toBe('a');
    expect((await run('return "a", 2')).result).toEqual(['a', 2]);
    expect((await run('local x = 1')).result).toBeNull();
  });

  it('keeps integers and floats', async () => {
    expect((await run('return 7 // 2, 7 / 2, 2^53, math.maxinteger')).result).toEqual([3, 3.5, 2 ** 53, 9223372036854775807]);
  });

  it('turns an empty table into {} and a json.array-marked one into []', async () => {
    expect((await run('return {}, json.array({}), json.empty_array')).result).toEqual([{}, [], []]);
  });

  it('keeps holes as null while the table is not too sparse', async () => {
    expect((await run('return {1, nil, 3}')).result).toEqual([1, null, 3]);
    expect((await run('return {[1] = 1, [100] = 2}')).result).toEqual({ 1: 1, 100: 2 });
  });

  it('keeps string keys that look like numbers as object keys', async () => {
    expect((await run('return {["1"] = "s"}')).result).toEqual({ 1: 's' });
    expect((await run('return {["1"] = "s"}')).result).not.toBeInstanceOf(Array);
  });

  it('shows functions and cycles in results instead of failing', async () => {
    expect((await run('local t = {f = print} t.self = t return t')).result).toEqual({ f: '<function>', self: '<circular>' });
  });

  it('keeps UTF-8 and embedded NUL bytes', async () => {
    const r = await run('local s = "héllo 🌍\\0end" return s, #s, utf8.len(s)');
    expect(r.result).toEqual(['héllo 🌍\u0000end', 15, 11]);
  });

  it('turns invalid UTF-8 into U+FFFD', async () => {
    expect((await run('return "\\xff\\xfe"')).result).toBe('\uFFFD\uFFFD');
  });
});

describe('JS -> Lua values', () => {
  it('turns JS arrays into 1-based sequences', async () => {
    expect((await run('local r = app.integrations.x.f{} return r[1], r[3], #r', () => ['a', 'b', 'c'])).result).toEqual(['a', 'c', 3]);
  });

  it('makes safe integers Lua integers and everything else floats', async () => {
    const r = await run('local r = app.integrations.x.f{} return math.type(r.i), math.type(r.f), math.type(r.big), r.big == 1e20',
      () => ({ i: 1, f: 1.5, big: 1e20 }));
    expect(r.result).toEqual(['integer', 'float', 'float', true]);
  });

  it('leaves an object\'s null fields out, so `if r.a then` is false', async () => {
    const r = await run('local r = app.integrations.x.f{} local n = 0 for _ in pairs(r) do n = n + 1 end return r.a == nil, n',
      () => ({ a: null, b: 1 }));
    expect(r.result).toEqual([true, 1]);
  });

  it('keeps an array\'s nulls in place as json.null, so its length and ipairs see every item', async () => {
    const r = await run(
      'local r = app.integrations.x.f{} local seen = {} for i, v in ipairs(r.list) do seen[i] = v == json.null and "null" or v end return #r.list, seen, r.list[1] == json.null',
      () => ({ list: [null, 2, null, 4, null] }));
    expect(r.result).toEqual([5, ['null', 2, 'null', 4, 'null'], true]);
  });

  it('keeps the order of an object\'s keys, as sent, for json.encode and the result', async () => {
    const r = await run('local r = app.integrations.x.f{} return json.encode(r), r',
      () => ({ zeta: 1, alpha: { y: 2, b: 3 }, mid: [{ d: 4, c: 5 }] }));
    const [encoded, back] = r.result as [string, object];
    expect(encoded).toBe('{"zeta":1,"alpha":{"y":2,"b":3},"mid":[{"d":4,"c":5}]}');
    expect(JSON.stringify(back)).toBe(encoded);
  });

  it('keeps UTF-8 and embedded NUL bytes', async () => {
    const r = await run('local r = app.integrations.x.f{} return #r.s, r.s == "a\\0b", r.u == "héllo 🌍"', () => ({ s: 'a\u0000b', u: 'héllo 🌍' }));
    expect(r.result).toEqual([3, true, true]);
  });

  it('round-trips 30 levels of nesting', async () => {
    const deep = nest(30);
    const host = fakeHost(() => deep);
    const r = await runLua('return app.integrations.x.f(app.integrations.x.f{})', host);
    expect(r.result).toEqual(deep);
    expect(host.calls[1]?.args[0]).toEqual(deep);
  });

  it('fails 300 levels cleanly, as a catchable error, and the next run works', async () => {
    const r = await run('local ok, e = pcall(function() local r = app.integrations.x.f{} return r end) return ok, e', () => nest(300));
    expect(r.result).toEqual([false, 'script:1: app.integrations.x.f: the response is nested deeper than 200 levels']);
    expect((await run('return 1')).result).toBe(1);
  });

  it('fails a 300-deep Lua result cleanly', async () => {
    const r = await run('local t = {} for i = 1, 300 do t = {t} end return t');
    expect(r.error).toEqual({ kind: 'runtime', message: 'result: value is nested deeper than 200 levels' });
  });
});
