import { CodeReference } from '../escape/ts.js';
import { Documented } from './documented-rules.js';

export interface HoistedRule {
  name: string;
  value: unknown;
}

/** A value rule (a typed value or a union), as opposed to a map of properties or a list. */
const isRule = (node: object): boolean => !Array.isArray(node) && ('anyOf' in node || typeof (node as { type?: unknown }).type === 'string');

/**
 * Argument rules repeat themselves: Retell's `list_calls` filter has a dozen keys that each take
 * the same `{type, op, value}` object. Every rule that occurs more than once in `value` and is at
 * least `minLength` characters of JSON becomes one constant, referenced where it occurred.
 * Declarations come inner first, so each is defined before it is used; the runtime reads the same
 * data either way, and a declaration file writes a shared rule's type out where it is used, doc
 * comments included. Short rules stay written out: in a one-operation bundle a constant and its
 * references cost more after gzip than a repeated literal (measured on this catalog: from about
 * 60 characters down, `{"type":"string","format":"e164"}` among them, the one-call bundles grow).
 */
export function hoistRepeated(value: unknown, namePrefix: string, minLength = 75): { value: unknown; declarations: HoistedRule[] } {
  // Each node's JSON, computed once: the three walks below compare nodes by it.
  const keys = new Map<object, string>();
  const counts = new Map<string, number>();
  const count = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const key = JSON.stringify(node);
    keys.set(node, key);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const child of Object.values(node)) count(child);
  };
  count(value);
  const candidate = (node: object, key: string, isRoot: boolean) => !isRoot && isRule(node) && counts.get(key)! > 1 && key.length >= minLength;

  // Uses as the output will have them: a rule inside a shared rule is written once, in its
  // declaration, so it counts once there, not once per use of the rule around it (otherwise the
  // `{type, op, value}` filter would also hoist its `type` and `op` into constants of their own).
  const uses = new Map<string, number>();
  const visit = (node: unknown, isRoot: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    const key = keys.get(node)!;
    if (candidate(node, key, isRoot)) {
      const seen = uses.get(key) ?? 0;
      uses.set(key, seen + 1);
      if (seen > 0) return;
    }
    for (const child of Object.values(node)) visit(child, false);
  };
  visit(value, true);

  const declarations: HoistedRule[] = [];
  const names = new Map<string, CodeReference>();
  const rewrite = (node: unknown, isRoot: boolean): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const key = keys.get(node)!;
    const repeated = candidate(node, key, isRoot) && uses.get(key)! > 1;
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
    const reference = new CodeReference(name);
    names.set(key, reference);
    return reference;
  };
  return { value: rewrite(value, true), declarations };
}
