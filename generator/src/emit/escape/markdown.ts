/**
 * Spec text inside markdown (the docs pages, READMEs, Lua reference pages,
 * llms.txt). Spec text may use markdown (code spans, emphasis, links) but never
 * HTML: outside code spans `&`, `<` and `>` become entities, so no tag, comment
 * or entity from a spec reaches the rendered page. Code spans are left alone:
 * markdown already shows their content literally.
 */

const HTML = /[&<>]/g;
const HTML_CHAR = /[&<>]/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeHtml = (text: string) => text.replace(HTML, (c) => ENTITIES[c]!);

/** Split text into code spans (a run of N backticks closed by a run of exactly N) and the text between them. */
export function codeSpans(text: string): Array<{ code: boolean; text: string }> {
  const parts: Array<{ code: boolean; text: string }> = [];
  let rest = text;
  while (rest.length > 0) {
    const open = /`+/.exec(rest);
    if (!open) break;
    const fence = open[0];
    const closing = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    closing.lastIndex = open.index + fence.length;
    const close = closing.exec(rest);
    if (!close) {
      // An unmatched run is literal backticks: keep it as text and look further.
      parts.push({ code: false, text: rest.slice(0, open.index + fence.length) });
      rest = rest.slice(open.index + fence.length);
      continue;
    }
    parts.push({ code: false, text: rest.slice(0, open.index) }, { code: true, text: rest.slice(open.index, close.index + fence.length) });
    rest = rest.slice(close.index + fence.length);
  }
  parts.push({ code: false, text: rest });
  return parts;
}

/**
 * Markdown text from a spec (paragraphs kept), with any HTML in it made inert.
 * Code spans are recognised within one line only: where a span would cross a
 * line, block structure decides whether it is one, so both sides are escaped
 * (at worst a multi-line span shows `&lt;`, never a live tag).
 */
export function mdText(text: string): string {
  // Most spec text has nothing to escape, and then no split can change it.
  if (!HTML_CHAR.test(text)) return text;
  return text
    .split(/(\r\n|[\r\n\u2028\u2029])/)
    .map((line) => codeSpans(line).map((part) => (part.code ? part.text : escapeHtml(part.text))).join(''))
    .join('');
}

/** Spec text on one line (a heading, a list item, a link text): whitespace collapsed, HTML inert. */
export const mdLine = (text: string): string => mdText(text.replace(/\s+/g, ' ').trim());

/** Spec text in a table cell: one line, `|` escaped so it cannot start a new cell. */
export const mdCell = (text: string): string => mdLine(text).replace(/\|/g, '\\|');

/** An inline code span holding any text literally: the fence is longer than any backtick run inside. */
export function mdCode(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block holding any text literally: the fence is longer than any backtick run inside. */
export function mdFence(language: string, code: string, info = ''): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}${info ? ` ${info}` : ''}\n${code}\n${fence}`;
}

/** A link destination: characters that could end the link or open HTML are percent-encoded. */
export const mdUrl = (url: string): string => url.replace(/[\s<>()"'`\\[\]]/g, (c) => encodeURIComponent(c).replace(/[()'[\]]/g, (d) => `%${d.charCodeAt(0).toString(16).toUpperCase()}`));

/**
 * A page the docs site (VitePress) renders: the body wrapped in `v-pre`, so
 * `{{ … }}` in spec text is shown, never evaluated as a Vue expression.
 */
export function vitePressBody(markdown: string): string {
  return `<div v-pre>\n\n${markdown.trim()}\n\n</div>\n`;
}

/** An inline code span inside a table cell, where even a code span's `|` must be escaped (GFM). */
export const mdCellCode = (text: string): string => mdCode(text).replace(/\|/g, '\\|');
