/**
 * An operation's parameters with every default filled in, computed once per
 * operation (generated literals omit default-valued fields to stay small, and
 * the request builder should not re-derive them on every call).
 */

import type { OperationSpec, ParamSpec } from './spec.js';

export type ResolvedParam = Required<Omit<ParamSpec, 'appliesTo'>> & { appliesTo: string[] | null };

interface ParamPlan {
  params: ResolvedParam[];
  byName: Map<string, ResolvedParam>;
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
    plan = { params, byName: new Map(params.map((p) => [p.name, p])) };
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
