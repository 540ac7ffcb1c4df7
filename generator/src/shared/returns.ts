import type { JsonSchema, Returns } from '../model.js';

/** The schema of a function's JSON answer, or null when it returns nothing described or a file. */
export const dataSchemaOf = (returns: Returns): JsonSchema | null => (returns.kind === 'data' ? returns.schema : null);

/** The words for what a function returns, as a breaking-change summary names it. */
export function returnsInWords(returns: Returns): string {
  if (returns.kind === 'file') return returns.contentType === null ? 'a file' : `a file (${returns.contentType})`;
  return returns.kind === 'data' ? 'a JSON body' : 'no body';
}
