import { CodeReference, tsObjectKey } from '../escape/ts.js';
import { docLine } from '../escape/jsdoc.js';

/*
 * JavaScript literals of model data, as the generated TypeScript of several outputs prints them
 * (client operation specs, bindings, mocks, contract tests), with the markers that change how a
 * value prints.
 */

/**
 * A property value printed with a doc comment above its key. The runtime reads the same data
 * either way; the comment is for the parameter types the compiler derives from the rule
 * (`ArgsOf` in the runtime), whose members carry the doc of the rule's property.
 */
export class Documented {
  constructor(
    readonly doc: string,
    readonly value: unknown,
  ) {}
}

/** A value printed with `as const`, so the compiler keeps its literal types (the rules that parameter types are derived from). */
export class AsConst {
  constructor(readonly value: unknown) {}
}

/** A value printed with `as <type>`: the declared type where the inferred one cannot be named. */
export class TypedAs {
  constructor(
    readonly value: unknown,
    readonly type: string,
  ) {}
}

/**
 * A JavaScript literal for an example value, laid out for reading; a CodeReference prints as its
 * identifier, a Documented property value as its value with the doc comment before the key, and
 * an AsConst or TypedAs value with its `as`.
 */
export function jsLiteral(value: unknown, indent = '', width = 60): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof CodeReference) return value.identifier;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = new OneLineOrMore(2, width);
    for (const item of value as unknown[]) items.add(jsLiteral(item, inner, width));
    return items.oneLine ? `[${items.parts.join(', ')}]` : `[\n${items.lines(inner)},\n${indent}]`;
  }
  if (value instanceof AsConst) return `${jsLiteral(value.value, indent, width)} as const`;
  if (value instanceof TypedAs) return `${jsLiteral(value.value, indent, width)} as ${value.type}`;
  const entries = new OneLineOrMore(4, width);
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (!(v instanceof Documented)) {
      entries.add(`${tsObjectKey(key)}: ${jsLiteral(v, inner, width)}`);
      continue;
    }
    // A documented property starts its own line (a declaration file keeps the comment only there).
    entries.oneLine = false;
    entries.add(`${documented(v.doc)}${tsObjectKey(key)}: ${jsLiteral(v.value, inner, width)}`);
  }
  if (entries.parts.length === 0) return '{}';
  return entries.oneLine ? `{ ${entries.parts.join(', ')} }` : `{\n${entries.lines(inner)},\n${indent}}`;
}

/** A doc comment on the line of the key it documents. */
const documented = (doc: string) => `${docLine(doc).trimEnd()} `;

/**
 * The printed items of one array or object, and whether they make one line of at most `width`
 * (joined by ", " inside brackets of `brackets` characters). Counted as they come, not built: a
 * large value's one-line form would be thrown away at every level it is nested in.
 */
class OneLineOrMore {
  readonly parts: string[] = [];
  oneLine = true;
  private length: number;

  constructor(brackets: number, private readonly width: number) {
    this.length = brackets - 2;
  }

  add(part: string): void {
    this.parts.push(part);
    if (!this.oneLine) return;
    this.length += part.length + 2;
    if (this.length > this.width || part.includes('\n')) this.oneLine = false;
  }

  /**
   * One item per line after `indent`, without the last separator. Concatenated rather than
   * joined: `join` copies every nested level's text again at each level above it, where `+`
   * leaves V8 one copy to make when the whole file is written.
   */
  lines(indent: string): string {
    const { parts } = this;
    const separator = `,\n${indent}`;
    let text = indent + parts[0];
    for (let i = 1; i < parts.length; i++) text += separator + parts[i];
    return text;
  }
}
