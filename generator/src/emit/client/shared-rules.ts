import { CodeReference } from '../escape/ts.js';
import { Documented } from '../render/js-literal.js';

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
  const shapes = new Shapes();
  const counts: number[] = [];
  const count = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const id = shapes.idOf(node);
    counts[id] = (counts[id] ?? 0) + 1;
    for (const child of Object.values(node)) count(child);
  };
  count(value);
  const candidate = (node: object, id: number, isRoot: boolean) => !isRoot && isRule(node) && counts[id]! > 1 && shapes.jsonLength(id) >= minLength;

  // Uses as the output will have them: a rule inside a shared rule is written once, in its
  // declaration, so it counts once there, not once per use of the rule around it (otherwise the
  // `{type, op, value}` filter would also hoist its `type` and `op` into constants of their own).
  const uses = new Map<number, number>();
  const visit = (node: unknown, isRoot: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    const key = shapes.idOf(node);
    if (candidate(node, key, isRoot)) {
      const seen = uses.get(key) ?? 0;
      uses.set(key, seen + 1);
      if (seen > 0) return;
    }
    for (const child of Object.values(node)) visit(child, false);
  };
  visit(value, true);

  const declarations: HoistedRule[] = [];
  const names = new Map<number, CodeReference>();
  const rewrite = (node: unknown, isRoot: boolean): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const key = shapes.idOf(node);
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

/**
 * Structural identities: two nodes get the same id exactly when their JSON texts are equal, and each
 * id knows that text's length. A node's signature is its JSON with every object child replaced by
 * the child's id, so it is as long as the node has members, not as its subtree: comparing nodes by
 * their whole JSON cost time in the size times the depth of the value (each level stringified
 * everything below it again), which a deeply nested schema turns into seconds.
 */
class Shapes {
  private readonly ids = new Map<object, number>();
  private readonly bySignature = new Map<string, number>();
  private readonly lengths: number[] = [];

  idOf(node: object): number {
    const known = this.ids.get(node);
    if (known !== undefined) return known;
    const { signature, length } = this.signatureOf(node);
    let id = this.bySignature.get(signature);
    if (id === undefined) {
      id = this.lengths.length;
      this.lengths.push(length);
      this.bySignature.set(signature, id);
    }
    this.ids.set(node, id);
    return id;
  }

  private signatureOf(node: object): { signature: string; length: number } {
    if (typeof (node as { toJSON?: unknown }).toJSON === 'function') {
      // JSON writes what toJSON gives: taken whole (no spec value has one, but the text must still decide).
      const text = JSON.stringify(node);
      return { signature: `=${text}`, length: text.length };
    }
    const parts: string[] = [];
    let length = 0;
    if (Array.isArray(node)) {
      // JSON writes an undefined, function or symbol item (and a hole) as null.
      for (const item of node as unknown[]) length += this.member(item, parts, '', 0) ?? this.member(null, parts, '', 0)!;
    } else {
      // JSON leaves out a key whose value is undefined, a function or a symbol.
      for (const [key, item] of Object.entries(node)) {
        const name = JSON.stringify(key);
        length += this.member(item, parts, name, name.length + 1) ?? 0;
      }
    }
    // Brackets, and a comma between members.
    length += 2 + Math.max(0, parts.length - 1);
    return { signature: `${Array.isArray(node) ? '[' : '{'}${parts.join('\u0000')}`, length };
  }

  /** The length of the node's JSON text. */
  jsonLength(id: number): number {
    return this.lengths[id]!;
  }

  /** Adds one member's part (`name` then the value's text, or its id for an object); its JSON length, or undefined when JSON leaves it out. */
  private member(item: unknown, parts: string[], name: string, nameLength: number): number | undefined {
    if (item !== null && typeof item === 'object') {
      const id = this.idOf(item);
      parts.push(`${name}#${id}`);
      return nameLength + this.lengths[id]!;
    }
    const text = JSON.stringify(item) as string | undefined;
    if (text === undefined) return undefined;
    parts.push(`${name}${text}`);
    return nameLength + text.length;
  }
}
