import { CodeReference } from '../escape/ts.js';
import { Documented, DocumentedReference, holdsDocs } from './documented-rules.js';

export interface HoistedRule {
  name: string;
  value: unknown;
}

/**
 * Argument rules repeat themselves: Retell's `list_calls` filter has a dozen keys that each take
 * the same `{type, op, value}` object. Every rule that occurs more than once in
 * `value` and is at least `minLength` characters of JSON becomes one constant, referenced where
 * it occurred. Declarations come inner first, so each is defined before it is used; the runtime
 * reads the same data either way.
 */
/** A value rule (a typed value or a union), as opposed to a map of properties or a list. */
const isRule = (node: object): boolean => !Array.isArray(node) && ('anyOf' in node || typeof (node as { type?: unknown }).type === 'string');

export function hoistRepeated(value: unknown, namePrefix: string, minLength = 80): { value: unknown; declarations: HoistedRule[] } {
  const counts = new Map<string, number>();
  const count = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const key = JSON.stringify(node);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const child of Object.values(node)) count(child);
  };
  count(value);

  const declarations: HoistedRule[] = [];
  const names = new Map<string, CodeReference | DocumentedReference>();
  const rewrite = (node: unknown, isRoot: boolean): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const key = JSON.stringify(node);
    const repeated = !isRoot && isRule(node) && (counts.get(key) ?? 0) > 1 && key.length >= minLength;
    const known = repeated ? names.get(key) : undefined;
    if (known !== undefined) return known;
    // The doc stays on its key; the value under it may still be shared.
    if (node instanceof Documented) return new Documented(node.doc, rewrite(node.value, false));
    const body = Array.isArray(node)
      ? node.map((child) => rewrite(child, false))
      : Object.fromEntries(Object.entries(node).map(([k, child]) => [k, rewrite(child, false)]));
    if (!repeated) return body;
    const name = `${namePrefix}${declarations.length + 1}`;
    declarations.push({ name, value: body });
    const reference = holdsDocs(body) ? new DocumentedReference(name) : new CodeReference(name);
    names.set(key, reference);
    return reference;
  };
  return { value: rewrite(value, true), declarations };
}
