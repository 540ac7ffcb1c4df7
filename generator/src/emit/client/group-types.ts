import { groupNames } from '../../shared/group-names.js';
import type { Func, Parameter } from '../../model.js';

/**
 * TypeScript for a function's required groups, as intersected unions: for
 * exactly-one-of [a, b], `({ a: A; b?: never } | { a?: never; b: B })`, so
 * giving both or neither is a type error; for at-least-one-of,
 * `({ a: A; b?: B } | { a?: A; b: B })`; for a requiring b,
 * `({ a?: never; b?: B } | { a: A; b: B })`. Group members are left out of the
 * Params interface and appear only here. `member` renders one property.
 */
export function groupUnions(func: Func, member: (p: Parameter, mode: 'required' | 'optional' | 'never') => string): string[] {
  const byName = new Map(func.parameters.map((p) => [p.name, p]));
  return func.requiredGroups.map((group) => {
    if (group.kind === 'requires') {
      const without = [member(byName.get(group.given)!, 'never'), ...group.required.map((name) => member(byName.get(name)!, 'optional'))];
      const withIt = [group.given, ...group.required].map((name) => member(byName.get(name)!, 'required'));
      return `({ ${without.join(' ')} } | { ${withIt.join(' ')} })`;
    }
    const branches = group.parameters.map((chosen) => {
      const members = group.parameters.map((name) => {
        const mode = name === chosen ? 'required' : group.kind === 'exactly_one' ? 'never' : 'optional';
        return member(byName.get(name)!, mode);
      });
      return `{ ${members.join(' ')} }`;
    });
    return `(${branches.join(' | ')})`;
  });
}

/** Names of the parameters that belong to some group. */
export function groupMembers(func: Func): Set<string> {
  return new Set(func.requiredGroups.flatMap(groupNames));
}
