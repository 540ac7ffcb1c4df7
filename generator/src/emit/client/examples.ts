import type { Example, Func, Provider } from '../../model.js';
import { CodeReference, tsObjectKey, tsString } from '../escape/ts.js';
import { docLine } from '../escape/jsdoc.js';
import { AsConst, Documented, TypedAs } from './documented-rules.js';

/**
 * A JavaScript literal for an example value, laid out for reading; a CodeReference prints as its
 * identifier, a Documented property value as its value with the doc comment before the key, and
 * an AsConst or TypedAs value with its `as`. An array or object goes on one line when that line,
 * its items each on one line, is at most `width` long; otherwise one item per line.
 */
export function jsLiteral(value: unknown, indent = '', width = 60): string {
  const out: string[] = [];
  writeLiteral(value, indent, width, out);
  return out.join('');
}

/*
 * Written into one list of pieces, joined once: building each level's text from its children's
 * copied every byte once per level of nesting, which made this the generator's costliest function
 * on large catalogs. Whether a value goes on one line is counted (`oneLineLength`), never built.
 */
function writeLiteral(value: unknown, indent: string, width: number, out: string[]): void {
  if (value instanceof CodeReference) return void out.push(value.identifier);
  if (value === null || typeof value !== 'object') return void out.push(leafText(value));
  if (value instanceof AsConst) {
    writeLiteral(value.value, indent, width, out);
    return void out.push(' as const');
  }
  if (value instanceof TypedAs) {
    writeLiteral(value.value, indent, width, out);
    return void out.push(` as ${value.type}`);
  }
  if (oneLineLength(value, width) <= width) return writeOneLine(value, out);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    out.push('[\n');
    for (const item of value) {
      out.push(inner);
      writeLiteral(item, inner, width, out);
      out.push(',\n');
    }
    return void out.push(indent, ']');
  }
  out.push('{\n');
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out.push(inner);
    // A documented property starts its own line (a declaration file keeps the comment only there).
    if (v instanceof Documented) out.push(documented(v.doc));
    out.push(tsObjectKey(key), ': ');
    writeLiteral(v instanceof Documented ? v.value : v, inner, width, out);
    out.push(',\n');
  }
  out.push(indent, '}');
}

/** The one-line form of a value that `oneLineLength` found to fit. */
function writeOneLine(value: unknown, out: string[]): void {
  if (value instanceof CodeReference) return void out.push(value.identifier);
  if (value === null || typeof value !== 'object') return void out.push(leafText(value));
  if (value instanceof AsConst) {
    writeOneLine(value.value, out);
    return void out.push(' as const');
  }
  if (value instanceof TypedAs) {
    writeOneLine(value.value, out);
    return void out.push(` as ${value.type}`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push('[]');
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(', ');
      writeOneLine(item, out);
    });
    return void out.push(']');
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return void out.push('{}');
  out.push('{ ');
  entries.forEach(([key, v], i) => {
    if (i > 0) out.push(', ');
    out.push(tsObjectKey(key), ': ');
    writeOneLine(v, out);
  });
  out.push(' }');
}

/**
 * The length of a value's one-line form when it has one of at most `width` characters, else
 * Infinity: a value on several lines, or longer than `width`, puts whatever holds it on several
 * lines too. A leaf always prints on one line, however long; its holder is what it makes too long.
 * Counting stops as soon as the sum passes `width`, so a large value costs only its first items.
 */
function oneLineLength(value: unknown, width: number): number {
  if (value instanceof CodeReference) return lineLength(value.identifier, width);
  if (value === null || typeof value !== 'object') return lineLength(leafText(value), width);
  if (value instanceof AsConst) return oneLineLength(value.value, width) + ' as const'.length;
  if (value instanceof TypedAs) return lineLength(` as ${value.type}`, width) + oneLineLength(value.value, width);
  if (Array.isArray(value)) {
    if (value.length === 0) return 2;
    let length = 2 + 2 * (value.length - 1);
    for (const item of value) {
      length += oneLineLength(item, width);
      if (length > width) return Infinity;
    }
    return length;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return 2;
  let length = 4 + 2 * (entries.length - 1);
  for (const [key, v] of entries) {
    if (v instanceof Documented) return Infinity;
    length += tsObjectKey(key).length + 2 + oneLineLength(v, width);
    if (length > width) return Infinity;
  }
  return length;
}

const lineLength = (text: string, width: number) => (text.length > width || text.includes('\n') ? Infinity : text.length);

/** A JSON value as JavaScript source (`undefined` for what JSON has no text for). */
const leafText = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

/** A doc comment on the line of the key it documents. */
const documented = (doc: string) => `${docLine(doc).trimEnd()} `;

/** The variable name an example uses for the client: `telnyx`, `retell`. */
export const clientVariable = (provider: Provider) => provider.className.charAt(0).toLowerCase() + provider.className.slice(1);

const clientLine = (provider: Provider, account?: string | null) => `const ${clientVariable(provider)} = new ${provider.className}(${account ? `{ account: ${tsString(account)} }` : ''});`;
const callLine = (provider: Provider, func: Func, example: Example) => `const result = await ${clientVariable(provider)}.${func.names.tsMethod}(${jsLiteral(example.arguments)});`;

/** The TypeScript usage of one example, as shown in READMEs and docs (and run by tests). */
export function tsExample(provider: Provider, func: Func, example: Example): string {
  return [`import { ${provider.className} } from '${provider.packageName}';`, '', clientLine(provider, example.account), callLine(provider, func, example)].join('\n');
}

/**
 * One example as a method's TSDoc shows it: the call on the client variable that the class's own
 * TSDoc constructs (the way Stainless-generated SDKs show theirs), with the construction only when
 * the example needs a named account.
 */
export function tsExampleCall(provider: Provider, func: Func, example: Example): string {
  return [...(example.account ? [clientLine(provider, example.account)] : []), callLine(provider, func, example)].join('\n');
}

/** How the class's TSDoc shows constructing the client that the method examples call. */
export const tsClientSetup = (provider: Provider): string => [`import { ${provider.className} } from '${provider.packageName}';`, '', clientLine(provider)].join('\n');
