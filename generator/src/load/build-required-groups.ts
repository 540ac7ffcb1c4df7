import type { JsonSchema, Parameter, RequiredGroup } from '../model.js';
import { didYouMean } from './diagnostics.js';
import type { Report } from './build-function.js';
import type { RawRequiredGroup } from './spec-types.js';

/** The function's required groups, checked against its parameters; problems are reported at the offending name. */
export function buildRequiredGroups(raw: RawRequiredGroup[] | undefined, parameters: Parameter[], report: Report): RequiredGroup[] {
  const byName = new Map(parameters.map((p) => [p.name, p]));
  // Each group's names in a sorted signature, to report one that repeats an earlier group.
  const seen = new Map<string, number>();
  const noteRepeat = (signature: string, i: number) => {
    const earlier = seen.get(signature);
    if (earlier !== undefined) report(['required_groups', i], `this group repeats required_groups[${earlier}].`);
    seen.set(signature, i);
  };
  return (raw ?? []).flatMap((group, i): RequiredGroup[] => {
    const kinds = GROUP_KEYS.filter((k) => group[k] !== undefined);
    if (kinds.length > 1) {
      report(['required_groups', i, kinds[1]!], `a group is one of 'exactly_one_of', 'at_least_one_of' or 'if_given' with 'requires', not several: write one group for each.`, 'key');
      return [];
    }
    if (group.if_given !== undefined || group.requires !== undefined) return dependentGroup(group, i, byName, noteRepeat, report);
    const key = group.exactly_one_of ? 'exactly_one_of' : group.at_least_one_of ? 'at_least_one_of' : null;
    if (!key) {
      report(['required_groups', i], `a group needs 'exactly_one_of' or 'at_least_one_of' with the parameters to choose among, or 'if_given' with 'requires'.`);
      return [];
    }
    const kind = key === 'exactly_one_of' ? 'exactly_one' : 'at_least_one';
    const names = group[key]!;
    if (names.length < 2) {
      report(['required_groups', i, key], `a group chooses among two or more parameters; found ${names.length}. For one parameter, set required: true on it instead.`);
      return [];
    }
    names.forEach((name, j) => {
      const at = ['required_groups', i, key, j];
      const parameter = byName.get(name);
      if (!parameter) {
        report(at, `'${name}' is not a parameter of this function.${didYouMean(name, byName.keys())}`);
      } else if (parameter.required) {
        report(at, `parameter '${name}' is required: true, so a group choosing among it and others says nothing; remove required: true or remove it from the group.`);
      } else if (parameter.sentWhenOmitted) {
        // A group counts what the caller gives; the value sent in its place would make every call give it.
        report(at, `parameter '${name}' has sent_when_omitted, so every request carries it and a group choosing among it and others says nothing; drop sent_when_omitted or remove it from the group.`);
      }
    });
    noteRepeat(`${key}:${[...names].sort().join(',')}`, i);
    return [{ kind, parameters: names }];
  });
}

/** The keys that start a group: `if_given` goes with `requires`. */
const GROUP_KEYS = ['exactly_one_of', 'at_least_one_of', 'if_given'] as const;

/** `if_given: mnc, requires: [mcc]`: both halves, names that are optional parameters, and nothing that makes the group say nothing. */
function dependentGroup(group: RawRequiredGroup, i: number, byName: Map<string, Parameter>, noteRepeat: (signature: string, i: number) => void, report: Report): RequiredGroup[] {
  if (group.if_given === undefined || group.requires === undefined) {
    report(['required_groups', i], group.if_given === undefined ? `'requires' needs 'if_given': the parameter whose presence makes them needed.` : `'if_given' needs 'requires': the parameters a call that gives '${group.if_given}' must give too.`);
    return [];
  }
  const given = group.if_given;
  const problems: Array<{ at: Array<string | number>; message: string }> = [];
  const givenProblem = memberProblem(given, byName, 'given');
  if (givenProblem) problems.push({ at: ['required_groups', i, 'if_given'], message: givenProblem });
  group.requires.forEach((name, j) => {
    const message = name === given ? `'${name}' is the parameter given; 'requires' lists the others a call that gives it must give too.` : memberProblem(name, byName, 'required');
    if (message) problems.push({ at: ['required_groups', i, 'requires', j], message });
  });
  for (const problem of problems) report(problem.at, problem.message);
  noteRepeat(`requires:${given}:${[...group.requires].sort().join(',')}`, i);
  return problems.length === 0 ? [{ kind: 'requires', given, required: group.requires }] : [];
}

/** Why `name` cannot be the given (or a required) parameter of a `requires` group, or null when it can. */
function memberProblem(name: string, byName: Map<string, Parameter>, role: 'given' | 'required'): string | null {
  const parameter = byName.get(name);
  if (!parameter) return `'${name}' is not a parameter of this function.${didYouMean(name, byName.keys())}`;
  if (parameter.required) {
    return role === 'given' ? `parameter '${name}' is required: true, so every call gives it and what it requires is required too: set required: true on those instead.` : `parameter '${name}' is required: true, so every call gives it already; remove it from 'requires'.`;
  }
  if (parameter.sentWhenOmitted) return `parameter '${name}' has sent_when_omitted, so every request carries it and a group that counts what the caller gives would not say what is sent; drop sent_when_omitted or remove it from the group.`;
  return null;
}

/**
 * The groups as JSON Schema for the arguments object: `oneOf` of `required`
 * for exactly-one-of (so giving two fails as well as giving none), `anyOf`
 * for at-least-one-of, draft-07 `dependencies` for requires; several groups
 * are combined with `allOf`.
 */
export function requiredGroupsSchema(groups: RequiredGroup[]): JsonSchema {
  const parts = groups.map((g) => (g.kind === 'requires' ? { dependencies: { [g.given]: g.required } } : { [g.kind === 'exactly_one' ? 'oneOf' : 'anyOf']: g.parameters.map((name) => ({ required: [name] })) }));
  if (parts.length === 1) return parts[0]!;
  return parts.length === 0 ? {} : { allOf: parts };
}

/** What an example's arguments get wrong about the groups, one sentence each. */
export function groupProblems(groups: RequiredGroup[], args: Record<string, unknown>): string[] {
  return groups.flatMap((group) => {
    if (group.kind === 'requires') {
      const missing = args[group.given] === undefined ? [] : group.required.filter((name) => args[name] === undefined);
      return missing.length === 0 ? [] : [dependentProblem(group.given, missing)];
    }
    const present = group.parameters.filter((name) => args[name] !== undefined);
    const list = group.parameters.map((name) => `'${name}'`).join(', ');
    if (present.length === 0) return [`give ${group.kind === 'exactly_one' ? 'exactly one' : 'at least one'} of ${list}; none was given`];
    if (group.kind === 'exactly_one' && present.length > 1) return [`give exactly one of ${list}; ${present.map((n) => `'${n}'`).join(' and ')} were given`];
    return [];
  });
}

/** Whether an ajv error comes from a group's oneOf/anyOf/dependencies (reported by groupProblems instead). */
export function isGroupError(error: { instancePath: string; schemaPath: string }, groups: RequiredGroup[]): boolean {
  return groups.length > 0 && error.instancePath === '' && /^#\/(allOf\/\d+\/)?(oneOf|anyOf|dependencies)(\/|$)/.test(error.schemaPath);
}

/** The runtime's words (required-groups.ts) for a call that gives `given` without all it requires. */
function dependentProblem(given: string, missing: string[]): string {
  const list = missing.map((n) => `'${n}'`).join(' and ');
  return `'${given}' needs ${list} as well; give ${missing.length > 1 ? 'them' : 'it'}, or leave out '${given}'`;
}
