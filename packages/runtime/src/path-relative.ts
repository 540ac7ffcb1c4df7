/**
 * The path part of operations with a `relative_path` parameter (`OperationParts.path`), such as
 * a generic `apiGet(path)`: several segments, but still no traversal, query, fragment or other
 * origin. Operations with segment parameters only carry `encodePathValue` and bundle none of this.
 */

import type { ValidationIssue } from './errors.js';
import type { ResolvedParam } from './param-plan.js';
import { encodePchars, encodeSegment, fillPath, PathValueError, underline } from './path.js';

/** `encodePathValue` for segments and relative paths alike. */
export function encodeRelativePathValue(
  template: string,
  params: readonly ResolvedParam[],
  values: ReadonlyMap<string, unknown> | undefined,
  refused: ReadonlySet<string> | undefined,
  issues: ValidationIssue[],
): string {
  return fillPath(template, params, values, refused, issues, (value, style) => (style === 'relative_path' ? encodeRelativePath(value) : encodeSegment(value)));
}

function encodeRelativePath(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) {
    throw new PathValueError(`must be a path relative to the server, not an absolute URL (got ${underline(value)})`);
  }
  const bad = /[?#\\]/.exec(value);
  if (bad) throw new PathValueError(`may not contain "${bad[0]}" (got ${underline(value, bad.index, 1)})`);
  const path = value.startsWith('/') ? value.slice(1) : value;
  const segments = path.split('/');
  // A trailing slash is kept (some APIs need it); any other empty segment, `.` or `..` is refused.
  const last = segments.length - 1;
  let at = value.length - path.length;
  for (const [i, seg] of segments.entries()) {
    if (seg === '.' || seg === '..' || (seg === '' && (i !== last || i === 0))) {
      throw new PathValueError(`may not contain empty, "." or ".." segments (got ${underline(value, at, Math.max(seg.length, 1))})`);
    }
    at += seg.length + 1;
  }
  return segments.map(encodePchars).join('/');
}

