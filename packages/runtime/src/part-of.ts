/**
 * The runtime piece an operation's data needs, from the operation itself (`OperationSpec.parts`).
 * Refusing an operation that lacks it is the only safe answer: silently skipping a rename, a
 * required group or an idempotency key would send a different request than the spec describes.
 */

import { SwitchboardError } from './errors.js';
import type { OperationParts, OperationSpec } from './spec.js';

export function partOf<K extends keyof OperationParts>(op: OperationSpec, key: K): NonNullable<OperationParts[K]> {
  const part = op.parts?.[key];
  if (part === undefined) throw new SwitchboardError(`${op.id} needs the runtime part '${key}', which its OperationSpec does not carry (regenerate its client, or give it \`parts: allParts\`).`);
  return part as NonNullable<OperationParts[K]>;
}
