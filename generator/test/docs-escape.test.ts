import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { htmlCode, htmlEscape, htmlText } from '../src/emit/escape/html.js';
import { shellWord, withVariables } from '../src/emit/escape/shell.js';
import { firstSentence } from '../src/shared/sentences.js';

describe('HTML in the docs pages', () => {
  it.each([
    ['escapes every character HTML gives a meaning', `<img src=x onerror="a('b')">&`, '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;'],
  ])('htmlEscape %s', (_name, given, want) => expect(htmlEscape(given)).toBe(want));

  it.each([
    ['turns code spans into <code>', 'Use `a<b>` here', 'Use <code>a&lt;b&gt;</code> here'],
    ['keeps a double-backtick span with a backtick inside', 'x ``a`b`` y', 'x <code>a`b</code> y'],
    ['strips the one space each side of a padded span', '`` `x` ``', '<code>`x`</code>'],
    ['escapes HTML outside code spans', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['writes no blank line (it would end the HTML block)', 'a\n\nb', 'a b'],
    ['leaves an unmatched backtick as text', 'a ` b', 'a ` b'],
  ])('htmlText %s', (_name, given, want) => expect(htmlText(given)).toBe(want));

  it('htmlCode escapes its content', () => expect(htmlCode('</code><b>')).toBe('<code>&lt;/code&gt;&lt;b&gt;</code>'));
});

describe('shell words in the curl commands', () => {
  const shell = (word: string, env: Record<string, string> = {}) => execFileSync('sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

  it.each([
    ['a single quote', `it's`],
    ['shell syntax', '$(rm -rf /) `x` ${HOME} "q" \\ ; & | > <'],
    ['newlines', 'a\nb\n'],
    ['nothing', ''],
  ])('reaches the program unchanged: %s', (_name, text) => expect(shell(shellWord([{ literal: text }]))).toBe(text));

  it('reads a variable where a secret stood, and only there', () => {
    const parts = withVariables('Bearer KEY123 and KEY123', [{ value: 'KEY123', env: 'ACME_API_KEY' }]);
    const word = shellWord(parts);
    expect(word).not.toContain('KEY123');
    expect(shell(word, { ACME_API_KEY: "k'ey $x" })).toBe("Bearer k'ey $x and k'ey $x");
  });
});

describe('the first sentence of a description', () => {
  it.each([
    ['ends at a full stop and a space', 'Sends a message. Then more.', 'Sends a message.'],
    ['skips e.g.', 'Lists calls, e.g. today’s. More.', 'Lists calls, e.g. today’s.'],
    ['skips a full stop inside a code span', 'Reads `a. b` fields. More.', 'Reads `a. b` fields.'],
    ['keeps a text without one', 'No full stop', 'No full stop'],
  ])('%s', (_name, given, want) => expect(firstSentence(given)).toBe(want));
});
