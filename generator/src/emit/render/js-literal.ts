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
  return new LiteralPrinter(width).print(value, indent);
}

/**
 * Prints one literal. After each `print`, `spansLines` says whether the text it returned has a
 * line break: a parent needs to know that of every item, and asking the text (`includes('\n')`)
 * would make V8 flatten it, copying every nested level's text once more at each level above it.
 */
class LiteralPrinter {
  spansLines = false;

  constructor(private readonly width: number) {}

  print(value: unknown, indent: string): string {
    // A leaf never spans lines: JSON escapes line breaks inside strings, and an identifier has none.
    this.spansLines = false;
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (value instanceof CodeReference) return value.identifier;
    if (value instanceof AsConst) return `${this.print(value.value, indent)} as const`;
    // Its type is a name (single line), so the value alone decides.
    if (value instanceof TypedAs) return `${this.print(value.value, indent)} as ${value.type}`;
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      const items = new OneLineOrMore(2, this.width);
      for (const item of value as unknown[]) items.add(this.print(item, inner), this.spansLines);
      this.spansLines = !items.oneLine;
      return items.oneLine ? `[${items.parts.join(', ')}]` : `[\n${items.lines(inner)},\n${indent}]`;
    }
    const entries = new OneLineOrMore(4, this.width);
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const v = (value as Record<string, unknown>)[key];
      // `instanceof` asked of a string costs more than the typeof that rules it out.
      if (typeof v !== 'object' || !(v instanceof Documented)) {
        const printed = this.print(v, inner);
        entries.add(`${objectKey(key)}: ${printed}`, this.spansLines);
        continue;
      }
      // A documented property starts its own line (a declaration file keeps the comment only there).
      entries.oneLine = false;
      const printed = this.print(v.value, inner);
      entries.add(`${documented(v.doc)}${objectKey(key)}: ${printed}`, this.spansLines);
    }
    this.spansLines = entries.parts.length > 0 && !entries.oneLine;
    if (entries.parts.length === 0) return '{}';
    return entries.oneLine ? `{ ${entries.parts.join(', ')} }` : `{\n${entries.lines(inner)},\n${indent}}`;
  }
}

/**
 * `tsObjectKey`, remembered: the same few hundred keys (`type`, `description`, a catalog's field
 * names) make most of every literal. Bounded, since spec keys are not.
 */
const printedKeys = new Map<string, string>();
function objectKey(key: string): string {
  let printed = printedKeys.get(key);
  if (printed === undefined) {
    printed = tsObjectKey(key);
    if (printedKeys.size < 10_000) printedKeys.set(key, printed);
  }
  return printed;
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

  /** @param spansLines whether `part` has a line break (the printer knows; the text is not searched) */
  add(part: string, spansLines: boolean): void {
    this.parts.push(part);
    if (!this.oneLine) return;
    this.length += part.length + 2;
    if (this.length > this.width || spansLines) this.oneLine = false;
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
