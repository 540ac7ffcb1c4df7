/**
 * Path parameters. A value must never change which resource the URL names
 * beyond its own slot: `segment` values are percent-encoded (so `a/b` stays
 * one segment, `a%2Fb`), and values that are themselves path steps
 * (`.`, `..`, empty) are refused, since URL normalisation would resolve them.
 * `relative_path` admits several segments but still no traversal, query,
 * fragment or other origin.
 */

import { ArgumentValueError, SwitchboardError, type ValidationIssue } from './errors.js';
import type { ResolvedParam } from './param-plan.js';
import type { ParamSpec } from './spec.js';

/** A refused path value; `problem` completes "'<param>' …". */
export class PathValueError extends ArgumentValueError {
  constructor(readonly problem: string) {
    super(problem);
  }
}

/**
 * The path part of an operation (`OperationParts.path`): `template` with each `{name}` filled with
 * its parameter's value (`values`, by parameter name), encoded. A value that cannot be encoded, or
 * a placeholder without one, is an issue naming the parameter, unless `refused` already names it.
 */
export function encodePathValue(
  template: string,
  params: readonly ResolvedParam[],
  values: ReadonlyMap<string, unknown> | undefined,
  refused: ReadonlySet<string> | undefined,
  issues: ValidationIssue[],
): string {
  return fillPath(template, params, values, refused, issues, segmentsOnly);
}

/** How one value of a path parameter is encoded, by its style. */
export type EncodePathValue = (value: string, style: NonNullable<ParamSpec['pathStyle']>) => string;

/** The template filled (see `encodePathValue`), each value encoded by `encode`. */
export function fillPath(
  template: string,
  params: readonly ResolvedParam[],
  values: ReadonlyMap<string, unknown> | undefined,
  refused: ReadonlySet<string> | undefined,
  issues: ValidationIssue[],
  encode: EncodePathValue,
): string {
  return template.replace(/\{([^{}]+)\}/g, (_, placeholder: string) => {
    // A placeholder names the parameter, or its wire name when the spec renamed it for the caller.
    const param = params.find((p) => p.in === 'path' && p.name === placeholder) ?? params.find((p) => p.in === 'path' && p.wire === placeholder);
    const name = param?.name ?? placeholder;
    const value = values?.get(name);
    if (value === undefined) {
      if (!refused?.has(name)) issues.push({ path: name, problem: 'missing' });
      return '';
    }
    try {
      return encode(String(value), param?.pathStyle ?? 'segment');
    } catch (error) {
      if (!(error instanceof ArgumentValueError)) throw error;
      issues.push({ path: name, problem: error.message });
      return '';
    }
  });
}

/** Segments only: a relative-path parameter needs `encodeRelativePathValue`, which its operation must carry. */
const segmentsOnly: EncodePathValue = (value, style) => {
  if (style === 'relative_path') throw new SwitchboardError(`A relative_path parameter needs the path part 'encodeRelativePathValue', which the operation's parts do not carry (regenerate its client).`);
  return encodeSegment(value);
};

export function encodeSegment(value: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new PathValueError(`must be a non-empty path segment other than "." and ".." (got ${underline(value)})`);
  }
  return encodePchars(value);
}

/**
 * encodeURIComponent, except that `:` and `@` stay literal: RFC 3986 allows
 * them in a segment and providers document ids with them (Telnyx `v3:Md…`),
 * while `+` stays encoded because some servers read it as a space even in
 * paths. `/`, `?`, `#` and `%` are always encoded and cannot escape the segment.
 */
export function encodePchars(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/** `"a/../b"` with the offending part marked: `"a/../b"` + a caret line would break one-line messages, so mark inline. */
export function underline(value: string, start = 0, length = value.length): string {
  if (length >= value.length) return JSON.stringify(value);
  const marked = `${value.slice(0, start)}[${value.slice(start, start + length)}]${value.slice(start + length)}`;
  return `${JSON.stringify(value)}, at ${JSON.stringify(marked)}`;
}
