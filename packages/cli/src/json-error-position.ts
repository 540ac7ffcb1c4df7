/**
 * Where a JSON text first goes wrong, as line and column, and what was expected there.
 *
 * `JSON.parse` errors quote the text around the fault (V8: `Unexpected token 'K', "{"api_key": KEY…"
 * is not valid JSON`), and some give no position at all, so a file holding secrets cannot be
 * reported with them. This scanner walks the text itself and describes the fault without
 * repeating any of it. It is only run after `JSON.parse` has failed.
 */
export interface JsonErrorPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** What the text should have had there, in words; never any of the text itself. */
  problem: string;
}

class Fault {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** A strict JSON (RFC 8259) scanner over `text`, throwing a `Fault` at the first error. */
function scan(text: string): void {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const fail = (problem: string, at = i): never => {
    throw new Fault(at, i >= text.length && at === i ? `the file ends early: ${problem}` : problem);
  };

  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail('a string is not closed');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a string holds a raw control character or line break; escape it');
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail('a string holds an unknown escape');
      } else i++;
    }
  };

  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const number = () => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match || match[0] === '-') fail('expected a value (a string, number, object, array, true, false or null)');
    i += match![0].length;
  };

  // Containers are tracked on an explicit stack so a deeply nested file cannot overflow ours.
  type Frame = { kind: 'object' | 'array'; first: boolean };
  const stack: Frame[] = [];

  const value = (): void => {
    skip();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push({ kind: c === '{' ? 'object' : 'array', first: true });
      i++;
      return;
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail('expected a value (a string, number, object, array, true, false or null)');
  };

  const member = (first: boolean) => {
    skip();
    if (text[i] !== '"') fail(first ? "expected a property name in double quotes or '}'" : 'expected a property name in double quotes');
    string();
    skip();
    if (text[i] !== ':') fail("expected ':' after a property name");
    i++;
  };

  value();
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    const close = frame.kind === 'object' ? '}' : ']';
    skip();
    if (text[i] === close) {
      i++;
      stack.pop();
      continue;
    }
    if (!frame.first) {
      if (text[i] !== ',') fail(`expected ',' or '${close}' after a value`);
      i++;
      // A trailing comma is the commonest hand-edit mistake; say so.
      skip();
      if (text[i] === close) fail(`a trailing comma before '${close}'`);
    }
    if (frame.kind === 'object') member(frame.first);
    frame.first = false;
    value();
  }
  skip();
  if (i < text.length) fail('unexpected text after the end of the JSON value');
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** The first fault in `text`, or null when it is valid JSON. */
export function jsonErrorPosition(text: string): JsonErrorPosition | null {
  try {
    scan(text);
    return null;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    return { ...lineAndColumn(text, Math.min(error.offset, text.length)), problem: error.problem };
  }
}
