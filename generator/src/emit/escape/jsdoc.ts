/**
 * Spec text inside JSDoc / TSDoc block comments. The one sequence that can end
 * a block comment is `*\/`; it is broken with a backslash (TSDoc shows `*\/`).
 * Lines are split on every line terminator JavaScript knows, so each line
 * keeps its ` * ` prefix.
 */

const LINE_TERMINATORS = /\r\n|[\r\n\u2028\u2029]/;

/** Text safe anywhere inside a block comment. */
export function commentSafe(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/** A one-line `/** … *\/` comment (whitespace collapsed), followed by a newline; '' for no text. */
export function docLine(text: string | null | undefined): string {
  if (!text) return '';
  return `/** ${commentSafe(text.replace(/\s+/g, ' ').trim())} */\n`;
}

/** A multi-line doc comment from lines that may themselves contain line breaks. */
export function docBlock(lines: string[], indent = ''): string {
  const body = lines.flatMap((line) => line.trimEnd().split(LINE_TERMINATORS)).map((line) => `${indent} * ${commentSafe(line)}`.trimEnd());
  return `/**\n${body.join('\n')}\n${indent} */`;
}
