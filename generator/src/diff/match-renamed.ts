/** Anything the spec can rename while keeping its old name as a deprecated alias: functions and parameters. */
export interface Renameable {
  name: string;
  renamedFrom: ReadonlyArray<{ name: string; removedIn: string }>;
}

/** What became of one item of the earlier version. */
export type Fate<T> =
  | { kind: 'kept'; before: T; after: T }
  | { kind: 'renamed'; before: T; after: T; removedIn: string }
  | { kind: 'removed'; before: T };

/**
 * Pairs items by name, else by `renamed_from`: the fate of each earlier item, in its order, and
 * the later items that are neither kept nor a rename. Functions and parameters go through this
 * one rule, so a rename reads the same in both places.
 */
export function matchRenamed<T extends Renameable>(before: readonly T[], after: readonly T[]): { fates: Fate<T>[]; added: T[] } {
  const byName = new Map(after.map((item) => [item.name, item]));
  const fates = before.map((old): Fate<T> => {
    const same = byName.get(old.name);
    if (same) return { kind: 'kept', before: old, after: same };
    for (const item of after) {
      const alias = item.renamedFrom.find((r) => r.name === old.name);
      if (alias) return { kind: 'renamed', before: old, after: item, removedIn: alias.removedIn };
    }
    return { kind: 'removed', before: old };
  });
  const was = new Set(before.map((item) => item.name));
  const added = after.filter((now) => !was.has(now.name) && !now.renamedFrom.some((r) => was.has(r.name)));
  return { fates, added };
}
