/**
 * Form bodies (`application/x-www-form-urlencoded`): the part an operation with `body: 'form'`
 * carries (`OperationSpec.parts.form`), so programs that only send JSON do not bundle it.
 */

import { formFields } from './form-fields.js';
import type { ResolvedParam } from './param-plan.js';
import { serializePairs, toPairs, type Pairs } from './query.js';
import type { OperationSpec } from './spec.js';

/**
 * The body text from the spread objects already merged into `root`, the named parameters (`values[i]`
 * is the value of `params[i]`), the constants and the credentials.
 */
export type FormBody = (op: OperationSpec, params: ResolvedParam[], values: unknown[], root: Record<string, unknown>, credentials: Pairs) => string;

export const formBody: FormBody = (op, params, values, root, credentials) =>
  serializePairs(formFields(op, params, values, root, credentials, (param, key, value) => toPairs(key, value, param.arrayFormat)));
