/**
 * Required groups ("exactly one of src, powerpack_uuid"; "at least one of text,
 * media"; "mnc needs mcc"), checked by name so the error says which parameters
 * the caller chooses among.
 */

import type { ValidationIssue } from './errors.js';
import type { RequiredGroupSpec } from './spec.js';

/** A parameter counts as given when its value is neither undefined nor null, as `required` counts it. */
function given(args: object, name: string): boolean {
  const value = (args as Record<string, unknown>)[name];
  return value !== undefined && value !== null;
}

export function requiredGroupIssues(groups: RequiredGroupSpec[] | undefined, args: object): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const group of groups ?? []) {
    if (group.kind === 'requires') {
      const missing = given(args, group.given) ? group.required.filter((name) => !given(args, name)) : [];
      if (missing.length === 0) continue;
      const list = missing.map((n) => `'${n}'`).join(' and ');
      // The generator's example check words it the same way (dependentProblem).
      issues.push({ path: group.given, group: [group.given, ...group.required], problem: `'${group.given}' needs ${list} as well; give ${missing.length > 1 ? 'them' : 'it'}, or leave out '${group.given}'` });
      continue;
    }
    const present = group.parameters.filter((name) => given(args, name));
    const list = group.parameters.map((name) => `'${name}'`).join(', ');
    const path = group.parameters.join(' | ');
    if (present.length === 0) {
      const which = group.kind === 'exactly_one' ? 'exactly one' : 'at least one';
      issues.push({ path, group: group.parameters, problem: `give ${which} of ${list}; none was given` });
    } else if (group.kind === 'exactly_one' && present.length > 1) {
      issues.push({ path, group: group.parameters, problem: `give exactly one of ${list}; ${present.map((n) => `'${n}'`).join(' and ')} were given` });
    }
  }
  return issues;
}
