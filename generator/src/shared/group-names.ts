import type { RequiredGroup } from '../model.js';

/** Every parameter a group names, the given one of a `requires` group first. */
export const groupNames = (group: RequiredGroup): string[] => (group.kind === 'requires' ? [group.given, ...group.required] : group.parameters);
