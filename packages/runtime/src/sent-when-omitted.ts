/**
 * Values sent in place of parameters a call leaves out (spec `sent_when_omitted`: Zendesk pages by
 * cursor only when `page[size]` is sent). An operation part (`withValuesSentWhenOmitted`), so a
 * program whose operations have none bundles none of it.
 */

import { resolvedParams, sendsNull } from './param-plan.js';
import type { OperationSpec } from './spec.js';

/**
 * The arguments with every value sent in place of an omitted parameter added after the caller's
 * own (so the query keeps the call's order first), skipping parameters the selected endpoint case
 * does not take; `args` itself when nothing is added. Null counts as omitted, as it does for
 * validation, except where it is a value of its own (a nullable parameter in a JSON body).
 */
export function withValuesSentWhenOmitted(op: OperationSpec, args: Record<string, unknown>, selectedCase: string | null): Record<string, unknown> {
  const params = resolvedParams(op);
  let filled: Record<string, unknown> | undefined;
  op.params.forEach(({ whenOmitted }, i) => {
    const param = params[i]!;
    if (whenOmitted === undefined) return;
    const given = args[param.name];
    if (given !== undefined && (given !== null || sendsNull(op, param))) return;
    if (param.appliesTo !== null && (selectedCase === null || !param.appliesTo.includes(selectedCase))) return;
    (filled ??= { ...args })[param.name] = whenOmitted;
  });
  return filled ?? args;
}
