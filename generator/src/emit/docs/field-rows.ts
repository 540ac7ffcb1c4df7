/**
 * Parameters and response fields at every depth, as one HTML list the docs site styles:
 * a field with fields of its own (an object, an array of objects, a union with an object
 * member, a typed map) is a `<details>` row that expands to them; every other field is a
 * plain row. Everything from a spec is escaped here (see `htmlText`), and the HTML has no
 * blank line, so markdown keeps it as one block.
 */

import { htmlCode, htmlEscape, htmlText } from '../escape/html.js';

/** One row: a parameter, a nested property or a response field. */
export interface FieldRow {
  name: string;
  /** `string`, `array of object`, `integer or string`. */
  type: string;
  /** Parameters are required or optional; response fields always present or not always. */
  presence: 'required' | 'optional' | 'always' | 'not always';
  /** Where it goes on the wire, as HTML (`body: <code>to</code>`); null for response fields. */
  wire: string | null;
  /** Spec prose, not yet escaped. */
  description: string | null;
  /** Rules in words, already HTML (`E.164 phone number`, `at most 10 items`). */
  constraints: string[];
  deprecated: string | null;
  /** Nested fields, grouped: one group for an object, one per object member of a union. */
  groups: FieldGroup[];
}

export interface FieldGroup {
  /** `As an object:` for a union's member; null when the field has only one shape. */
  label: string | null;
  /** What a union's member is for, beside its label (markdown, as descriptions are); null without one. */
  description?: string | null;
  rows: FieldRow[];
}

function head(row: FieldRow): string {
  const strong = row.presence === 'required' || row.presence === 'always';
  const required = `<span class="sb-req${strong ? ' sb-req-yes' : ''}">${row.presence}</span>`;
  return `<span class="sb-field-head"><code class="sb-field-name">${htmlEscape(row.name)}</code> <span class="sb-field-type">${htmlEscape(row.type)}</span> ${required}</span>`;
}

function body(row: FieldRow): string {
  const parts: string[] = [];
  if (row.wire) parts.push(`<p class="sb-field-wire">Sent as ${row.wire}</p>`);
  if (row.description) parts.push(`<p class="sb-field-desc">${htmlText(row.description)}</p>`);
  if (row.constraints.length) parts.push(`<p class="sb-field-rules">${row.constraints.join('; ')}</p>`);
  if (row.deprecated) parts.push(`<p class="sb-field-deprecated"><strong>Deprecated:</strong> ${htmlText(row.deprecated)}</p>`);
  return parts.join('\n');
}

function renderRow(row: FieldRow): string {
  const nestedCount = row.groups.reduce((n, g) => n + g.rows.length, 0);
  // No empty line anywhere: it would end the HTML block and turn the rest into markdown.
  const lines = (...parts: string[]) => parts.filter((p) => p !== '').join('\n');
  if (nestedCount === 0) return lines('<div class="sb-field">', head(row), body(row), '</div>');
  const groups = row.groups
    .map((g) => `${g.label ? `<p class="sb-variant">${htmlEscape(g.label)}${g.description ? ` ${htmlText(g.description)}` : ''}</p>\n` : ''}${renderRows(g.rows)}`)
    .join('\n');
  const noun = nestedCount === 1 ? 'field' : 'fields';
  return lines('<details class="sb-field sb-expandable">', `<summary>${head(row)} <span class="sb-expand-hint">${nestedCount} nested ${noun}</span></summary>`, body(row), groups, '</details>');
}

/** The rows as one HTML block. */
export function renderRows(rows: FieldRow[]): string {
  return `<div class="sb-fields">\n${rows.map(renderRow).join('\n')}\n</div>`;
}

/** Wire names joined into a path, as code: `data.attributes.to`. */
export const wirePath = (segments: string[]): string => htmlCode(segments.join('.'));
