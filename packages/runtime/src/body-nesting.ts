/**
 * JSON bodies with nesting (`OperationParts.nesting`): a parameter sent under a `bodyPath`
 * (`data.attributes.name`), and body constants merged over what the arguments built. Most
 * operations send flat bodies and carry neither.
 */

export interface BodyNesting {
  /** Sets `value` under `keys`, creating (or reusing) the objects on the way. */
  setAt(root: Record<string, unknown>, keys: string[], value: unknown): void;
  /** Merges `source` (the operation's body constants) over `target`. */
  merge(target: Record<string, unknown>, source: Record<string, unknown>): void;
}

/** Sets `value` under `keys`, creating (or reusing) the objects on the way. */
function setAt(root: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = root;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (isPlainObject(next)) node = next;
    else node = node[key] = {};
  }
  node[keys[keys.length - 1]!] = value;
}

/** Constants over the built body: objects merge key by key (a constant `data.type` beside `data.attributes`), anything else replaces. */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) {
      // A copy, so the operation's constants are never changed by a call.
      const merged = { ...existing };
      mergeInto(merged, value);
      target[key] = merged;
    } else target[key] = value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export const nestedBody: BodyNesting = { setAt, merge: mergeInto };
