import { describe, expect, it } from 'vitest';
import { printStatements } from '../src/emit/client/print-statements.js';

describe('printStatements (the client files\' layout)', () => {
  it.each([
    ['nothing', [], ''],
    ['one line, then a final line break', ['const a = 1;'], 'const a = 1;\n'],
    ['one line break between statements', ['import x from "x";', 'const a = 1;'], 'import x from "x";\nconst a = 1;\n'],
    ['a blank line after a block', ['function f() {\n}', 'const a = 1;'], 'function f() {\n}\n\nconst a = 1;\n'],
    ['a blank line after a block followed by whitespace', ['interface A {\n}  ', 'type B = 1;'], 'interface A {\n}  \n\ntype B = 1;\n'],
    ['no extra blank line when the block already ends in one', ['class C {\n}\n\n', 'const a = 1;'], 'class C {\n}\n\nconst a = 1;\n'],
    ['no extra break after a statement ending in one', ['const a = 1;\n', 'const b = 2;'], 'const a = 1;\nconst b = 2;\n'],
    ['an object literal ending in } counts as a block', ['export const o = {\n  a: 1,\n};', 'export const p = 2;'], 'export const o = {\n  a: 1,\n};\nexport const p = 2;\n'],
    ['CRLF inside a statement becomes LF', ['/** a\r\n b */\nconst a = 1;'], '/** a\n b */\nconst a = 1;\n'],
  ])('%s', (_name, statements, want) => expect(printStatements(statements)).toBe(want));
});
