/**
 * The runtime piece an operation's data needs, from the operation itself (`OperationSpec.parts`).
 * Refusing an operation that lacks it is the only safe answer: silently skipping a rename, a
 * required group or an idempotency key would send a different request than the spec describes.
 */

import { SwitchboardError } from './errors.js';
import type { OperationParts, OperationSpec, ProviderParts, ProviderSpec } from './spec.js';

export function partOf<K extends keyof OperationParts>(op: OperationSpec, key: K): NonNullable<OperationParts[K]> {
  const part = op.parts?.[key];
  if (part === undefined) throw missingPart(`${op.id} needs the runtime part '${key}', which its OperationSpec does not carry`, 'allParts');
  return part as NonNullable<OperationParts[K]>;
}

/** The same for a provider's parts (`ProviderSpec.parts`). */
export function providerPartOf<K extends keyof ProviderParts>(provider: Pick<ProviderSpec, 'id' | 'parts'>, key: K): NonNullable<ProviderParts[K]> {
  const part = provider.parts?.[key];
  if (part === undefined) throw missingPart(`${provider.id} needs the runtime part '${key}', which its ProviderSpec does not carry`, 'allProviderParts');
  return part as NonNullable<ProviderParts[K]>;
}

/** The one refusal of a literal lacking a part: what it lacks, then the two ways to give it. */
export function missingPart(lacking: string, everyPart: 'allParts' | 'allProviderParts'): SwitchboardError {
  return new SwitchboardError(`${lacking} (regenerate its client, or give it \`parts: ${everyPart}\`).`);
}
