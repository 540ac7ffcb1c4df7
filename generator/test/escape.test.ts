import { describe, expect, it } from 'vitest';
import { commentSafe, docBlock, docLine } from '../src/emit/escape/jsdoc.js';
import { luaKey, luaString } from '../src/emit/escape/lua.js';
import { mdCell, mdCellCode, mdCode, mdFence, mdLine, mdText, mdUrl, vitePressBody } from '../src/emit/escape/markdown.js';
import { CodeReference, tsObjectKey, tsString, tsTypeKey } from '../src/emit/escape/ts.js';
import { yamlString } from '../src/emit/escape/yaml.js';

describe('JSDoc', () => {
  it.each([
    ['ends no comment', '*/ throw 1; /*', '*\\/ throw 1; /*'],
    ['leaves other text alone', 'a * b / c', 'a * b / c'],
  ])('commentSafe %s', (_name, given, want) => expect(commentSafe(given)).toBe(want));

  it('docLine is one line whatever the text holds', () => expect(docLine('a\r\nb\u2028c */')).toBe('/** a b c *\\/ */\n'));
  it('docBlock prefixes every line, whatever terminates it', () => expect(docBlock(['a\nb\u2029c', '', 'd */'])).toBe('/**\n * a\n * b\n * c\n *\n * d *\\/\n */'));
});

describe('TypeScript', () => {
  it.each([
    ['plain', 'a', 'a'],
    ['not an identifier', 'a-b', '"a-b"'],
    ['the prototype setter', '__proto__', '["__proto__"]'],
    ['quotes and line breaks', '"\n\u2028', '"\\"\\n\u2028"'],
  ])('tsObjectKey: %s', (_name, given, want) => expect(tsObjectKey(given)).toBe(want));

  it('tsTypeKey quotes what is no identifier, and only that', () => expect([tsTypeKey('__proto__'), tsTypeKey('a b')]).toEqual(['__proto__', '"a b"']));
  it('tsString round-trips through JavaScript', () => {
    const text = '\'"`${x}\u2028\u0000</script>';
    expect(new Function(`return ${tsString(text)};`)()).toBe(text);
  });
  it('CodeReference refuses what is not an identifier', () => expect(() => new CodeReference('a; b')).toThrow(/not an identifier/));
});

describe('Lua', () => {
  it.each([
    ['quote and backslash', 'a"b\\', '"a\\"b\\\\"'],
    ['line breaks and tabs', '\n\r\t', '"\\n\\r\\t"'],
    ['other control characters, three digits each', '\u0000' + '1\u001b', '"\\0001\\027"'],
    ['long brackets and comments stay text', ']] --[[', '"]] --[["'],
  ])('luaString: %s', (_name, given, want) => expect(luaString(given)).toBe(want));

  it.each([
    ['a name', 'ok_1', 'ok_1'],
    ['a keyword', 'end', '["end"]'],
    ['anything else', 'a-b', '["a-b"]'],
  ])('luaKey: %s', (_name, given, want) => expect(luaKey(given)).toBe(want));
});

describe('markdown', () => {
  it.each([
    ['HTML becomes text', '<img src=x onerror=y> & <b>', '&lt;img src=x onerror=y&gt; &amp; &lt;b&gt;'],
    ['code spans stay as they are', 'joined with `<` here <b>', 'joined with `<` here &lt;b&gt;'],
    ['an unmatched backtick is text', 'a ` <b>', 'a ` &lt;b&gt;'],
    ['a span never crosses a line', '`a\n<b>`', '`a\n&lt;b&gt;`'],
  ])('mdText: %s', (_name, given, want) => expect(mdText(given)).toBe(want));

  it('mdLine and mdCell stay on one line; a cell escapes pipes', () => {
    expect(mdLine(' a\n# b ')).toBe('a # b');
    expect(mdCell('a | b\n<c>')).toBe('a \\| b &lt;c&gt;');
  });
  it.each([
    ['plain', 'a', '`a`'],
    ['backticks inside', 'a `` b', '```a `` b```'],
    ['a backtick at the edge', '`a', '`` `a ``'],
  ])('mdCode: %s', (_name, given, want) => expect(mdCode(given)).toBe(want));
  it('mdCellCode escapes pipes inside the span too (GFM tables)', () => expect(mdCellCode('a|b')).toBe('`a\\|b`'));
  it('mdFence is longer than any backtick run inside', () => expect(mdFence('ts', 'x ```` y', '[TS]')).toBe('`````ts [TS]\nx ```` y\n`````'));
  it('mdUrl encodes what could end a link or open HTML', () => expect(mdUrl('https://a.test/x y>(z)')).toBe('https://a.test/x%20y%3E%28z%29'));
  it('vitePressBody wraps the page in v-pre', () => expect(vitePressBody('# T\n')).toBe('<div v-pre>\n\n# T\n\n</div>\n'));
});

describe('YAML', () => {
  it.each([
    ['a plain title', 'Telnyx · send_sms', 'Telnyx · send_sms'],
    ['a colon would start a map', 'a: b', '"a: b"'],
    ['a keyword-like word', 'yes', '"yes"'],
    ['line breaks and quotes', 'a\n"b"', '"a\\n\\"b\\""'],
  ])('yamlString: %s', (_name, given, want) => expect(yamlString(given)).toBe(want));
});
