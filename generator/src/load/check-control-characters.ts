import type { Diagnostic } from './diagnostics.js';
import type { ParsedFile } from './parse.js';

/**
 * C0 controls other than tab, line feed and carriage return, DEL, and C1 controls. A spec's text
 * reaches terminals (`switchboard call … --help`, `docs`), where ESC starts an escape sequence that
 * can recolour, retitle or rewrite the screen, and markdown, HTML and source files, where the others
 * are invisible. No title, description or name needs one, and YAML only lets them in through a
 * quoted string's escapes (`"\e"`, `"\u001b"`), so a spec that has one is a mistake or a trick.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * An example's arguments, request and response are the provider's data, documented as it is sent
 * and answered: printed as JSON or code literals (which escape controls) everywhere they land, so
 * they may hold whatever the API really carries. Its title is prose like any other.
 */
const EXAMPLE_DATA = new Set(['arguments', 'request', 'response']);
const isExampleData = (path: ReadonlyArray<string | number>, key: string) => path.length === 2 && path[0] === 'examples' && EXAMPLE_DATA.has(key);

/**
 * Whether any value read from `text` can hold a control character: only when the text has one
 * itself, or a `\` that may escape one in a double-quoted string (`"\e"`); line folding and block
 * scalars add nothing but line feeds. A text with neither (nearly every spec) needs no walk.
 */
export function mayHoldControlCharacters(text: string): boolean {
  return text.includes('\\') || CONTROL.test(text);
}

/** Every key and string of a spec file, outside its examples' data, that holds a control character, at its place. */
export function checkControlCharacters(parsed: ParsedFile): Diagnostic[] {
  const found: Array<{ path: Array<string | number>; target: 'key' | 'value'; text: string }> = [];
  // One path, pushed and popped, copied only for a finding: a valid catalog has none, and this walks every value of it.
  const path: Array<string | number> = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (CONTROL.test(value)) found.push({ path: [...path], target: 'value', text: value });
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]);
        path.pop();
      }
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (isExampleData(path, key)) continue;
        path.push(key);
        if (CONTROL.test(key)) found.push({ path: [...path], target: 'key', text: key });
        walk((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  walk(parsed.data);
  return found.map(({ path: at, target, text }) => ({
    file: parsed.file,
    ...parsed.locate(at, target),
    message: `${target === 'key' ? 'a key' : 'this text'} holds the control character ${codePoint(text.match(CONTROL)![0])}, which terminals act on and pages hide; remove it (an example's arguments, request and response may hold any data).`,
  }));
}

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
