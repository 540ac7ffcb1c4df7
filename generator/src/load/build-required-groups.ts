import type { JsonSchema, Parameter, RequiredGroup } from '../model.js';
import { didYouMean } from './diagnostics.js';
import type { Report } from './build-function.js';
import type { RawRequiredGroup } from './spec-types.js';

/** The function's required groups, checked against its parameters; problems are reported at the offending name. */
export function buildRequiredGroups(raw: RawRequiredGroup[] | undefined, parameters: Parameter[], report: Report): RequiredGroup[] {
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const seen = new Map<string, number>();
  return (raw ?? []).flatMap((group, i): RequiredGroup[] => {
    if (group.exactly_one_of && group.at_least_one_of) {
      report(['required_groups', i, 'at_least_one_of'], `a group is either 'exactly_one_of' or 'at_least_one_of', not both: write two groups.`, 'key');
      return [];
    }
    const key = group.exactly_one_of ? 'exactly_one_of' : group.at_least_one_of ? 'at_least_one_of' : null;
    if (!key) {
      report(['required_groups', i], `a group needs 'exactly_one_of' or 'at_least_one_of' with the parameters to choose among.`);
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
    const signature = `${key}:${[...names].sort().join(',')}`;
    const earlier = seen.get(signature);
    if (earlier !== undefined) report(['required_groups', i], `this group repeats required_groups[${earlier}].`);
    seen.set(signature, i);
    return [{ kind, parameters: names }];
  });
}

/**
 * The groups as JSON Schema for the arguments object: `oneOf` of `required`
 * for exactly-one-of (so giving two fails as well as giving none), `anyOf`
 * for at-least-one-of; several groups are combined with `allOf`.
 */
export function requiredGroupsSchema(groups: RequiredGroup[]): JsonSchema {
  const parts = groups.map((g) => ({ [g.kind === 'exactly_one' ? 'oneOf' : 'anyOf']: g.parameters.map((name) => ({ required: [name] })) }));
  if (parts.length === 1) return parts[0]!;
  return parts.length === 0 ? {} : { allOf: parts };
}

/** What an example's arguments get wrong about the groups, one sentence each. */
export function groupProblems(groups: RequiredGroup[], args: Record<string, unknown>): string[] {
  return groups.flatMap((group) => {
    const present = group.parameters.filter((name) => args[name] !== undefined);
    const list = group.parameters.map((name) => `'${name}'`).join(', ');
    if (present.length === 0) return [`give ${group.kind === 'exactly_one' ? 'exactly one' : 'at least one'} of ${list}; none was given`];
    if (group.kind === 'exactly_one' && present.length > 1) return [`give exactly one of ${list}; ${present.map((n) => `'${n}'`).join(' and ')} were given`];
    return [];
  });
}

/** Whether an ajv error comes from a group's oneOf/anyOf (reported by groupProblems instead). */
export function isGroupError(error: { instancePath: string; schemaPath: string }, groups: RequiredGroup[]): boolean {
  return groups.length > 0 && error.instancePath === '' && /^#\/(allOf\/\d+\/)?(oneOf|anyOf)(\/|$)/.test(error.schemaPath);
}
