/** The fields of a form, in the order sent: what url-encoded and multipart bodies share. */

import { inParameterOrder, type ResolvedParam } from './param-plan.js';
import { toPairs, type Pairs } from './query.js';
import type { OperationSpec } from './spec.js';

/**
 * A form's fields in the order they are sent, from the spread objects already merged into `root`,
 * the named parameters (`values[i]` is the value of `params[i]`, made entries by `entriesOf`), the
 * constants and the credentials: for url-encoded and multipart bodies alike.
 */
export function formFields<V>(
  op: OperationSpec,
  params: ResolvedParam[],
  values: unknown[],
  root: Record<string, unknown>,
  credentials: Pairs,
  entriesOf: (param: ResolvedParam, key: string, value: unknown) => Array<[string, V | string]>,
): Array<[string, V | string]> {
  const arrayFormat = (key: string): ResolvedParam['arrayFormat'] => params.find((p) => formKey(p) === key)?.arrayFormat ?? 'repeat';
  const fields = new Map<string, Array<[string, V | string]>>(Object.entries(root).map(([key, value]) => [key, toPairs(key, value, arrayFormat(key))]));
  // A key several form parameters send carries all their values (`date=>a&date=<b`), each in its own array format.
  const named = inParameterOrder(
    op,
    params.flatMap((param, i) => (param.spread ? [] : [{ param, key: formKey(param), pairs: entriesOf(param, formKey(param), values[i]) }])),
  );
  for (const { key } of named) fields.set(key, []);
  for (const { key, pairs } of named) fields.get(key)!.push(...pairs);
  for (const [key, value] of Object.entries(op.constants?.body ?? {})) fields.set(key, toPairs(key, value, arrayFormat(key)));
  // Credentials last, so no argument of the same name can replace them.
  for (const [name, value] of credentials) fields.set(name, [[name, value]]);
  return [...fields.values()].flat();
}

/** A form key with its body path in brackets: `data[attributes][title]`. */
function formKey(param: ResolvedParam): string {
  const path = param.bodyPath;
  if (path.length === 0) return param.wire;
  return `${path[0]}${[...path.slice(1), param.wire].map((key) => `[${key}]`).join('')}`;
}

