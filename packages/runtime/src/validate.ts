/**
 * Turns the compiled validator's ajv errors into one ValidationError that names
 * each parameter the way the caller wrote it, what was expected and what was
 * given, before any request is made.
 */

import { formatPath } from './arguments.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import type { CompiledValidator, OperationSpec } from './spec.js';
import type { Redactor } from './redact.js';
import { requiredGroupIssues, restatesGroup } from './required-groups.js';

type AjvError = NonNullable<CompiledValidator['errors']>[number];

/** Keywords that only restate a more specific error reported beside them. */
const NOISE = new Set(['if', 'oneOf', 'anyOf', 'allOf', 'not']);

export function validateArgs(op: OperationSpec, args: object, redactor: Redactor): void {
  // The validator may be compiled with `useDefaults`; run it on a copy so the
  // caller's object is never mutated and defaults are not sent unasked.
  const groupIssues = requiredGroupIssues(op.requiredGroups, args);
  if (op.validate(copy(args)) && groupIssues.length === 0) return;
  // A group's own oneOf/anyOf errors are replaced by the group issue that names its parameters.
  const errors = (op.validate.errors ?? []).filter((e) => !restatesGroup(e, op.requiredGroups));
  const specific = errors.filter((e) => !NOISE.has(e.keyword));
  const issues = dedupe([...groupIssues, ...(specific.length > 0 ? specific : errors).map((e) => toIssue(e, args, redactor))]);
  if (issues.length === 0) issues.push({ path: '(arguments)', problem: 'are not valid' });
  throw new ValidationError(op.id, issues);
}

export function toIssue(error: AjvError, args: unknown, redactor: Redactor): ValidationIssue {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const params = error.params;
  if (error.keyword === 'required') {
    return { path: formatPath([...segments, String(params['missingProperty'])]), problem: 'missing' };
  }
  if (error.keyword === 'additionalProperties') {
    return { path: formatPath([...segments, String(params['additionalProperty'])]), problem: 'unknown' };
  }
  const received = show(valueAt(args, segments), redactor);
  if (error.keyword === 'enum') {
    const allowed = (params['allowedValues'] as unknown[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
    return { path: formatPath(segments), problem: `must be one of ${allowed}`, expected: allowed, received };
  }
  if (error.keyword === 'type') {
    const expected = Array.isArray(params['type']) ? params['type'].join(' or ') : String(params['type']);
    return { path: formatPath(segments), problem: `must be ${expected}`, expected, received: `${kindOf(valueAt(args, segments))} ${received}` };
  }
  return { path: formatPath(segments), problem: error.message ?? `fails ${error.keyword}`, received };
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function valueAt(root: unknown, segments: string[]): unknown {
  let node = root;
  for (const seg of segments) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
  return node;
}

/** The value as the message quotes it: redacted first, then shortened, so a cut can never leave part of a secret behind. */
function show(value: unknown, redactor: Redactor): string {
  const text = redactor.string(asText(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Never throws: BigInt and circular values make JSON.stringify throw, and this runs while reporting an error. */
function asText(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `(${kindOf(value)})`;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function copy(args: object): unknown {
  try {
    return structuredClone(args);
  } catch {
    return args; // not plain data (a function inside?): validate as given and let the validator say so
  }
}
