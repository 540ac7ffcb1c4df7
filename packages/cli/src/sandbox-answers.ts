import { createRequire } from 'node:module';
import type { FunctionBinding } from '@switchboard/bindings';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS whose typings describe only a `default` export.
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;

/**
 * A sandbox answer that is not what the function documents: the mock matched
 * the request to another function's example, or an example drifted from its
 * schema. Raised instead of handing the caller data of the wrong shape.
 */
export class SandboxAnswerMismatchError extends Error {}

let ajv: Ajv | null = null;
const validators = new Map<string, ValidateFunction>();

function validatorFor(fn: FunctionBinding, schema: Record<string, unknown>): ValidateFunction {
  let validate = validators.get(fn.qualified);
  if (!validate) {
    ajv ??= addFormats(new Ajv({ allErrors: true, strict: false, logger: false }));
    validate = ajv.compile(schema);
    validators.set(fn.qualified, validate);
  }
  return validate;
}

/**
 * Check a sandbox answer against the function's response schema before anyone
 * sees it: a mismatch is an error that says so, never silent data.
 */
export function checkSandboxAnswer(fn: FunctionBinding, data: unknown): void {
  if (fn.outputSchema === null) {
    if (data === null || data === undefined) return;
    throw new SandboxAnswerMismatchError(`Sandbox answer for ${fn.qualified} does not match the function: it documents no response body, the sandbox answered one. This is a bug in the sandbox's examples, not in your call.`);
  }
  const validate = validatorFor(fn, fn.outputSchema);
  if (validate(data)) return;
  const problems = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
  throw new SandboxAnswerMismatchError(
    `Sandbox answer for ${fn.qualified} does not match its response schema: ${problems.join('; ')}. This is a bug in the sandbox's examples, not in your call.`,
  );
}
