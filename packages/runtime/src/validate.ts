/**
 * Checks the caller's arguments against the operation's rules before any
 * request is made, and throws one ValidationError naming every problem: each
 * parameter the way the caller wrote it, what was expected and what was given
 * (redacted, since a secret pasted into the wrong parameter is still a secret).
 */

import { checkArgs } from './arg-rules.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import type { OperationSpec } from './spec.js';
import { partOf } from './part-of.js';
import type { Redactor } from './redact.js';

export function validateArgs(op: OperationSpec, args: unknown, redactor: Redactor): asserts args is Record<string, unknown> {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new ValidationError(op.id, [{ path: '(arguments)', problem: 'must be an object of named parameters', received: Array.isArray(args) ? 'array' : args === null ? 'null' : typeof args }]);
  }
  const named = args as Record<string, unknown>;
  const groups = op.requiredGroups ? partOf(op, 'groups')(op.requiredGroups, named) : [];
  const issues = checkArgs(op.args, named, (value) => show(value, redactor), op.parts ?? NO_PARTS);
  if (groups.length + issues.length > 0) throw new ValidationError(op.id, dedupe([...groups, ...issues]));
}

const NO_PARTS = {};

/** The value as the message quotes it: redacted first, then shortened, so a cut can never leave part of a secret behind. */
function show(value: unknown, redactor: Redactor): string {
  const text = redactor.string(asText(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Never throws: BigInt values make JSON.stringify throw, and this runs while reporting an error. */
function asText(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  // Never a function's source text or a symbol's description: only say what it is.
  if (typeof value === 'function' || typeof value === 'symbol') return `(${typeof value})`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return `(${typeof value})`;
  }
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
