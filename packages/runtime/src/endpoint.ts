/**
 * Which endpoint a call goes to. A `selected` endpoint is picked by the value
 * of one parameter (Sinch's `direction`: `mt` → /batches, `mo` → /inbounds);
 * that parameter only chooses and is never sent, and parameters that belong to
 * other cases are refused rather than silently dropped.
 */

import { resolvedParams } from './param-plan.js';
import type { ValidationIssue } from './errors.js';
import type { Endpoint, OperationSpec } from './spec.js';

export interface SelectedEndpoint extends Endpoint {
  /** The case chosen, or null for a fixed endpoint. */
  case: string | null;
  /** The selector parameter's name, which is not sent. */
  selector: string | null;
}

export function selectEndpoint(op: OperationSpec, args: Record<string, unknown>): SelectedEndpoint | ValidationIssue[] {
  const endpoint = op.endpoint;
  if (endpoint.kind === 'fixed') return { method: endpoint.method, path: endpoint.path, case: null, selector: null };
  const value = args[endpoint.parameter];
  const choices = Object.keys(endpoint.cases);
  if (value === undefined || value === null) return [{ path: endpoint.parameter, problem: 'missing', expected: choices.join(', ') }];
  const chosen = endpoint.cases[String(value)];
  if (!chosen) {
    return [{ path: endpoint.parameter, problem: `must be one of ${choices.join(', ')}`, expected: choices.join(', '), received: JSON.stringify(value) }];
  }
  return { ...chosen, case: String(value), selector: endpoint.parameter };
}

/** The part a `selected` endpoint needs (`OperationSpec.parts.endpoint`). */
export const selectedEndpoints = { select: selectEndpoint, appliesToIssues };

/** Issues for given parameters whose `appliesTo` excludes the chosen case. */
export function appliesToIssues(op: OperationSpec, args: Record<string, unknown>, selected: SelectedEndpoint): ValidationIssue[] {
  if (selected.case === null) return [];
  const issues: ValidationIssue[] = [];
  for (const param of resolvedParams(op)) {
    const value = args[param.name];
    if (param.appliesTo === null || value === undefined || value === null || param.appliesTo.includes(selected.case)) continue;
    issues.push({
      path: param.name,
      problem: `applies only when ${selected.selector} is ${param.appliesTo.join(' or ')}`,
      expected: `${selected.selector} = ${param.appliesTo.join(' or ')}`,
      received: `${selected.selector} = ${JSON.stringify(selected.case)}`,
    });
  }
  return issues;
}
