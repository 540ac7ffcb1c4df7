/**
 * An operation's parameters with every default filled in, computed once per
 * operation (generated literals omit default-valued fields to stay small, and
 * the request builder should not re-derive them on every call).
 */

import type { OperationSpec, ParamSpec } from './spec.js';

export type ResolvedParam = Required<Omit<ParamSpec, 'appliesTo' | 'whenOmitted'>> & { appliesTo: string[] | null };

export interface ParamPlan {
  params: ResolvedParam[];
  byName: Map<string, ResolvedParam>;
  /** Whether some parameter has a value sent when omitted (`parts.omitted` then fills it in). */
  sendsWhenOmitted: boolean;
}

const plans = new WeakMap<OperationSpec, ParamPlan>();

/** Everything the request builder reads about an operation's parameters, from one lookup per request. */
export function planOf(op: OperationSpec): ParamPlan {
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
    plan = { params, byName: new Map(params.map((p) => [p.name, p])), sendsWhenOmitted: op.params.some((p) => p.whenOmitted !== undefined) };
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

/** One query parameter's pairs, as the request builder collects them (`OperationParts.query`). */
export interface QueryEntry {
  param: ResolvedParam;
  key: string;
  pairs: Array<[string, string]>;
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

