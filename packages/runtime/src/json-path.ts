/**
 * Dotted paths into response bodies (`errors.0.detail`, `meta.total_pages`),
 * as the spec writes them: a numeric segment indexes an array, a negative one from its end.
 */

/** The value at `path`, or undefined when any step is missing. */
export function getPath(root: unknown, path: string): unknown {
  let node = root;
  for (const segment of path.split('.')) {
    // A negative index counts from the end: `data.-1.id` is the last item's id.
    if (Array.isArray(node) && /^-?\d+$/.test(segment)) node = node.at(Number(segment));
    else if (node !== null && typeof node === 'object' && Object.hasOwn(node, segment)) node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}

/** The first path that yields a non-empty value, as text (non-strings JSON-encoded). */
export function firstText(root: unknown, paths: string[]): string | null {
  for (const path of paths) {
    const value = getPath(root, path);
    if (value === undefined || value === null || value === '') continue;
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  return null;
}

/** A number, or a numeric string, as a number; null for anything else (a missing total, `"n/a"`). */
export function asNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** The number at `path`, as `asNumber` reads it. */
export function numberAt(root: unknown, path: string): number | null {
  return asNumber(getPath(root, path));
}
