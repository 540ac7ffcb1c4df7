/**
 * Spec text inside HTML the docs pages write themselves (parameter rows, response fields,
 * cards). Markdown is not parsed inside an HTML block, so the one piece of markdown spec text
 * uses, code spans, becomes `<code>` here; everything else is escaped, so no tag, attribute or
 * entity from a spec reaches the page. Newlines become spaces: an HTML block in markdown ends
 * at a blank line.
 */

import { codeSpans } from './markdown.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or an attribute value) with every character that means something in HTML escaped. */
export const htmlEscape = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Spec prose as inline HTML: code spans as `<code>`, the rest escaped, on one line. */
export function htmlText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  // No backtick, no code span: all of it is text.
  if (!line.includes('`')) return htmlEscape(line);
  return codeSpans(line)
    .map((part) => (part.code ? htmlCode(codeSpanContent(part.text)) : htmlEscape(part.text)))
    .join('');
}

/** What a code span shows: the fences off, and one space each side when both sides have one (CommonMark). */
function codeSpanContent(span: string): string {
  const inner = span.replace(/^(`+)([\s\S]*)\1$/, '$2');
  return /^ [\s\S]* $/.test(inner) && inner.trim() !== '' ? inner.slice(1, -1) : inner;
}

/** Any text shown literally in a code span. */
export const htmlCode = (text: string): string => `<code>${htmlEscape(text)}</code>`;
