/**
 * An operation's parameters with every default filled in, computed once per
 * operation (generated literals omit default-valued fields to stay small, and
 * the request builder should not re-derive them on every call).
 */

import type { OperationSpec, ParamSpec } from './spec.js';

export type ResolvedParam = Required<Omit<ParamSpec, 'appliesTo'>> & { appliesTo: string[] | null };

const plans = new WeakMap<OperationSpec, ResolvedParam[]>();

export function resolvedParams(op: OperationSpec): ResolvedParam[] {
  let params = plans.get(op);
  if (params === undefined) {
    params = op.params.map((p) => ({
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
    plans.set(op, params);
  }
  return params;
}
