/**
 * Spec values inside TypeScript / JavaScript source: string literals, object
 * keys and code references in data literals.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal. JSON's escaping is valid JavaScript (ES2019 allows U+2028/U+2029 in strings). */
export const tsString = (text: string): string => JSON.stringify(text);

/**
 * A property key in an object literal. `__proto__` is written computed, since
 * `{ __proto__: x }` (quoted or not) sets the prototype instead of a property.
 */
export function tsObjectKey(key: string): string {
  if (key === '__proto__') return `[${tsString(key)}]`;
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** A property name in a type literal or interface (no prototype special case there). */
export const tsTypeKey = (key: string): string => (IDENTIFIER.test(key) ? key : tsString(key));

/**
 * A reference to a generated identifier inside a data literal. Data literals
 * print instances of this class verbatim; no spec string can turn into one,
 * unlike a marker string that is replaced after printing.
 */
export class CodeReference {
  constructor(readonly identifier: string) {
    if (!IDENTIFIER.test(identifier)) throw new Error(`not an identifier: ${JSON.stringify(identifier)}`);
  }
}
