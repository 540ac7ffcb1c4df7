/**
 * A TypeScript source file from statements given as text, laid out the way the client emitter has
 * always laid them out (the rule ts-morph's printer applied to string statements, so the committed
 * clients did not change when it was dropped): a blank line after a statement that ends in `}`,
 * otherwise one line break between statements, and a final line break. The statements are already
 * formatted; nothing here parses or re-indents them.
 */
export function printStatements(statements: readonly string[]): string {
  let text = '';
  for (const statement of statements) {
    if (text !== '') text += separatorAfter(text);
    text += statement.replace(/\r\n/g, '\n');
  }
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** What goes between the text so far and the next statement. */
function separatorAfter(text: string): string {
  if (lastNonWhitespace(text) === '}') return text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return text.endsWith('\n') ? '' : '\n';
}

function lastNonWhitespace(text: string): string | undefined {
  for (let i = text.length - 1; i >= 0; i--) {
    const char = text[i]!;
    if (!/\s/.test(char)) return char;
  }
  return undefined;
}
