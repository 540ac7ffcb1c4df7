/**
 * An operation's parameters with every default filled in, computed once per
 * operation (generated literals omit default-valued fields to stay small, and
 * the request builder should not re-derive them on every call).
 */

import type { OperationSpec, ParamSpec } from './spec.js';

export type ResolvedParam = Required<Omit<ParamSpec, 'appliesTo' | 'whenOmitted'>> & { appliesTo: string[] | null };

interface ParamPlan {
  params: ResolvedParam[];
  byName: Map<string, ResolvedParam>;
  /** The parameters with a value sent when omitted, with that value; empty for nearly every operation. */
  sentWhenOmitted: Array<{ param: ResolvedParam; value: unknown }>;
}

const plans = new WeakMap<OperationSpec, ParamPlan>();

function planOf(op: OperationSpec): ParamPlan {
  let plan = plans.get(op);
  if (plan === undefined) {
    const params = op.params.map((p): ResolvedParam => ({
      name: p.name,
      in: p.in,
      wire: p.wire ?? p.name,
      transforms: p.transforms ?? [],
      spread: p.spread ?? false,
      bodyPath: p.bodyPath ?? [],
      arrayFormat: p.arrayFormat ?? 'comma',
      pathStyle: p.pathStyle ?? 'segment',
      appliesTo: p.appliesTo ?? null,
    }));
    const sentWhenOmitted = op.params.flatMap((p, i) => (p.whenOmitted === undefined ? [] : [{ param: params[i]!, value: p.whenOmitted }]));
    plan = { params, byName: new Map(params.map((p) => [p.name, p])), sentWhenOmitted };
    plans.set(op, plan);
  }
  return plan;
}

export function resolvedParams(op: OperationSpec): ResolvedParam[] {
  return planOf(op).params;
}

/** The operation's parameters by name. */
export function paramsByName(op: OperationSpec): Map<string, ResolvedParam> {
  return planOf(op).byName;
}

/**
 * The arguments with every value sent in place of an omitted parameter added after the caller's
 * own (so the query keeps the call's order first), skipping parameters the selected endpoint case
 * does not take; `args` itself when nothing is added. Null counts as omitted, as it does for
 * validation, except where it is a value of its own (a nullable parameter in a JSON body).
 */
export function withValuesSentWhenOmitted(op: OperationSpec, args: Record<string, unknown>, selectedCase: string | null): Record<string, unknown> {
  const { sentWhenOmitted } = planOf(op);
  let filled: Record<string, unknown> | undefined;
  for (const { param, value } of sentWhenOmitted) {
    const given = args[param.name];
    if (given !== undefined && (given !== null || sendsNull(op, param))) continue;
    if (param.appliesTo !== null && (selectedCase === null || !param.appliesTo.includes(selectedCase))) continue;
    (filled ??= { ...args })[param.name] = value;
  }
  return filled ?? args;
}

/** Whether null given for `param` is sent as JSON null rather than counted as no value. */
export const sendsNull = (op: OperationSpec, param: ResolvedParam): boolean => param.in === 'body' && op.body === 'json' && op.args.properties[param.name]?.nullable === true;

/**
 * Entries in the caller's argument order, except that parameters sharing one form key are
 * grouped where the first of them was given and ordered as the spec declares them, so a
 * repeated key's values are always in parameter order, however the call was written.
 */
export function inParameterOrder<T extends { param: ResolvedParam; key: string }>(op: OperationSpec, entries: T[]): T[] {
  const all = resolvedParams(op);
  const rank = (entry: T) => all.indexOf(entry.param);
  const placed = new Set<string>();
  return entries.flatMap((entry) => {
    if (placed.has(entry.key)) return [];
    placed.add(entry.key);
    return entries.filter((other) => other.key === entry.key).sort((a, b) => rank(a) - rank(b));
  });
}

