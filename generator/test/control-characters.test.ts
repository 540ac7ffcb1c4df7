import { describe, expect, it } from 'vitest';
import { checkControlCharacters } from '../src/load/check-control-characters.js';
import { parseSpecFile } from '../src/load/parse.js';

const check = (text: string) => {
  const parsed = parseSpecFile('acme/f.yaml', text);
  if (!parsed.ok) throw new Error(parsed.diagnostics[0]!.message);
  return checkControlCharacters(parsed.parsed).map((d) => `${d.line}:${d.column} ${d.message.split(',')[0]}`);
};

describe('control characters in spec text', () => {
  it("are refused in prose, names and an example's title, at their place", () => {
    expect(check('title: "a\\e[2Jb"\nparameters:\n  to:\n    description: "x\\u0085y"\nexamples:\n  - title: "t\\x07"\n')).toEqual([
      '1:8 this text holds the control character U+001B',
      '4:18 this text holds the control character U+0085',
      '6:12 this text holds the control character U+0007',
    ]);
  });

  it("are data in an example's arguments, request and response, and tabs and line breaks are text", () => {
    const example = '  - title: ok\n    arguments: { note: "\\e[31m" }\n    request: { url: "https://x.test/\\u0001" }\n    response: { body: { text: "\\x7f" } }\n';
    expect(check(`title: "tab\\there"\ndescription: "two\\nlines\\r\\n"\nexamples:\n${example}`)).toEqual([]);
  });
});
