/**
 * Failures a provider answers with a success status (Slack: `ok` is `false`, spec
 * `failure_in_body`). The code is a provider part (`failureInBodyParts`): only a provider that
 * declares the mark bundles it, and its advice text.
 */

import { getPath } from './json-path.js';
import type { FailureInBodyParts, ProviderSpec } from './spec.js';

/** Whether a success-status body carries the provider's failure marker. */
export function marksFailure(marker: ProviderSpec['failureInBody'], body: unknown): boolean {
  return marker !== undefined && getPath(body, marker.path) === marker.equals;
}

export const failureInBodyParts: FailureInBodyParts = {
  marks: marksFailure,
  advice: (name, status, marker) => `${name} reports failures in a ${status} answer (${marker.path} is ${JSON.stringify(marker.equals)}); its documentation says what the code means.`,
};
