import type { Example, Func, Provider } from '../../model.js';
import { CodeReference, tsObjectKey, tsString } from '../escape/ts.js';
import { docLine } from '../escape/jsdoc.js';
import { AsConst, Documented, TypedAs } from './documented-rules.js';

/**
 * A JavaScript literal for an example value, laid out for reading; a CodeReference prints as its
 * identifier, a Documented property value as its value with the doc comment before the key, and
 * an AsConst or TypedAs value with its `as`.
 */
export function jsLiteral(value: unknown, indent = '', width = 60): string {
  if (value instanceof CodeReference) return value.identifier;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => jsLiteral(v, inner, width));
    return fitsOnOneLine(items, 2, width) ? `[${items.join(', ')}]` : `[\n${items.map((i) => `${inner}${i}`).join(',\n')},\n${indent}]`;
  }
  if (value instanceof AsConst) return `${jsLiteral(value.value, indent, width)} as const`;
  if (value instanceof TypedAs) return `${jsLiteral(value.value, indent, width)} as ${value.type}`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  let documentedKeys = false;
  const parts = entries.map(([k, v]) => {
    if (!(v instanceof Documented)) return `${tsObjectKey(k)}: ${jsLiteral(v, inner, width)}`;
    documentedKeys = true;
    return `${documented(v.doc)}${tsObjectKey(k)}: ${jsLiteral(v.value, inner, width)}`;
  });
  // A documented property starts its own line (a declaration file keeps the comment only there).
  return !documentedKeys && fitsOnOneLine(parts, 4, width) ? `{ ${parts.join(', ')} }` : `{\n${parts.map((p) => `${inner}${p}`).join(',\n')},\n${indent}}`;
}

/** A doc comment on the line of the key it documents. */
const documented = (doc: string) => `${docLine(doc).trimEnd()} `;

/**
 * Whether `parts` joined by ", " inside brackets of `brackets` characters make one line of at
 * most `width`. Counted, not built: a large value's one-line form would be thrown away at every
 * level it is nested in.
 */
function fitsOnOneLine(parts: readonly string[], brackets: number, width: number): boolean {
  let length = brackets + 2 * (parts.length - 1);
  for (const part of parts) {
    length += part.length;
    if (length > width || part.includes('\n')) return false;
  }
  return true;
}

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
