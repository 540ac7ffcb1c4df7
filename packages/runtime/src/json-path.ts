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

/**
 * The first path that yields a non-empty text, a number or a boolean, as text. An object or a list
 * is passed over (Zendesk's `error` is a string in one error shape and an object in the other),
 * so a later path's text wins; with `objects: 'last_resort'` (messages) the first one found is
 * JSON-encoded when no path yields text, since it may still say what was wrong (Plivo's field errors).
 */
export function firstText(root: unknown, paths: string[], objects: 'skip' | 'last_resort' = 'skip'): string | null {
  let fallback: string | null = null;
  for (const path of paths) {
    const value = getPath(root, path);
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'object') return String(value);
    if (objects === 'last_resort') fallback ??= JSON.stringify(value);
  }
  return fallback;
}

/**
 * The top-level key a dotted path starts in, when the body lacks it (`meta` of `meta.has_more`):
 * a page without its paging envelope is another shape of answer, not a last page. Null when the
 * key is there, or the path is one key (absent there means "none").
 */
export function missingEnvelope(root: unknown, path: string): string | null {
  const dot = path.indexOf('.');
  if (dot < 0) return null;
  const key = path.slice(0, dot);
  return root !== null && typeof root === 'object' && !Array.isArray(root) && Object.hasOwn(root, key) ? null : key;
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
