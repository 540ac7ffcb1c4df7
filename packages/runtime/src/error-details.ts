/**
 * Field-level reasons in an error answer (spec `errors.details`): GitHub's
 * `errors: [{field, code}]`, HubSpot's `errors: [{in, message}]`. The message of
 * an APIError names only the provider's summary ("Validation Failed"); these say
 * which argument was wrong, so a person or an agent can fix the call without
 * reading the body. The code is a provider part (`errorDetailsParts`): only a
 * provider that declares details bundles it.
 */

import { getPath } from './json-path.js';
import type { ErrorDetailsParts, ErrorDetailsSpec } from './spec.js';

/** Entries read from one body at most: a hostile or huge answer is not walked further. */
const MAX_ENTRIES = 50;
/** One entry's text at most, in characters: a detail is a line, not a document. */
const MAX_ENTRY_CHARS = 200;
const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * The texts of the entries at `spec.each` (a dotted path where `*` is every item of a list or
 * every value of an object; a list found there gives its items). A text or number entry is its own
 * text; an object takes the first template of `spec.text` whose every `{path}` finds a text, a
 * number or a boolean in it. Entries that none fits are left out.
 */
export function readErrorDetails(spec: ErrorDetailsSpec, body: unknown): string[] {
  const texts: string[] = [];
  for (const entry of entriesAt(body, spec.each.split('.'))) {
    const text = typeof entry === 'object' ? filled(spec.text, entry) : scalarText(entry);
    if (text !== null) texts.push(oneLine(text));
  }
  return texts;
}

function entriesAt(body: unknown, segments: string[]): unknown[] {
  let found: unknown[] = [body];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const node of found) {
      if (segment === '*') next.push(...childrenOf(node));
      else {
        const child = getPath(node, segment);
        if (child !== undefined) next.push(child);
      }
      if (next.length >= MAX_ENTRIES) break;
    }
    found = next;
  }
  return found.flatMap((node) => (Array.isArray(node) ? node : [node])).slice(0, MAX_ENTRIES);
}

function childrenOf(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.slice(0, MAX_ENTRIES);
  return node !== null && typeof node === 'object' ? Object.values(node).slice(0, MAX_ENTRIES) : [];
}

/** The first template whose every placeholder finds a value in `entry`, filled; null when none does. */
function filled(templates: string[], entry: object | null): string | null {
  if (entry === null) return null;
  for (const template of templates) {
    let complete = true;
    const text = template.replace(PLACEHOLDER, (_, path: string) => {
      const value = scalarText(getPath(entry, path));
      if (value === null) complete = false;
      return value ?? '';
    });
    if (complete) return text;
  }
  return null;
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** Line breaks and runs of space folded, and cut to a line's length: the details join one sentence. */
function oneLine(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length <= MAX_ENTRY_CHARS ? folded : `${folded.slice(0, MAX_ENTRY_CHARS - 1)}…`;
}

/** Details named in a message at most; every one is on the error's `details`. */
const DETAILS_IN_MESSAGE = 5;

/** The sentence of an error's message that names its details (with a trailing space), or nothing for none. */
function detailsSentence(details: readonly string[]): string {
  if (details.length === 0) return '';
  const named = details.slice(0, DETAILS_IN_MESSAGE).join('; ');
  const line = details.length > DETAILS_IN_MESSAGE ? `${named}; and ${details.length - DETAILS_IN_MESSAGE} more` : named;
  return `Details: ${line}${/[.!?…]$/.test(line) ? '' : '.'} `;
}

export const errorDetailsParts: ErrorDetailsParts = { read: readErrorDetails, sentence: detailsSentence };
