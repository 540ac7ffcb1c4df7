import type { Example, Func, JsonSchema, Returns } from '../model.js';

/** The schema of a function's JSON answer, or null when it returns nothing described or a file. */
export const dataSchemaOf = (returns: Returns): JsonSchema | null => (returns.kind === 'data' ? returns.schema : null);

/** The words for what a function returns, as a breaking-change summary names it. */
export function returnsInWords(returns: Returns): string {
  if (returns.kind === 'file') return returns.contentType === null ? 'a file' : `a file (${returns.contentType})`;
  return returns.kind === 'data' ? 'a JSON body' : 'no body';
}

/**
 * A downloaded file as the CLI, Lua scripts and MCP tools receive it (JSON has no bytes): the
 * schema their answers are checked against and MCP declares. `@switchboard/cli`'s `fileAnswer`
 * builds it.
 */
export const FILE_ANSWER_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'A downloaded file: its name, media type, size and bytes.',
  required: ['filename', 'content_type', 'size', 'content_base64'],
  properties: {
    filename: { type: ['string', 'null'], description: "The name the provider's answer gives the file (Content-Disposition), or null when it gives none." },
    content_type: { type: 'string', description: "The file's media type, as the answer's Content-Type says (empty when it says none)." },
    size: { type: 'integer', minimum: 0, description: 'The number of bytes.' },
    content_base64: { type: 'string', contentEncoding: 'base64', description: "The file's bytes, base64-encoded." },
    content: { type: 'string', description: 'The file as text: only for a text file (text/*, JSON, XML, CSV, …) whose bytes are valid UTF-8.' },
  },
  additionalProperties: false,
};

/** The JSON a call's answer is as data (the CLI, Lua, MCP): the response schema, a downloaded file's, or null for none. */
export function answerSchemaOf(returns: Returns): JsonSchema | null {
  return returns.kind === 'file' ? FILE_ANSWER_SCHEMA : dataSchemaOf(returns);
}

/**
 * The file an example's download is saved as, by the docs' CLI and curl commands alike: the name
 * its answer documents, else `<function>.bin`; null for a function that does not return a file.
 */
export function savedFileName(func: Func, example: Example): string | null {
  if (func.returns.kind !== 'file') return null;
  return example.response.file?.filename ?? `${func.name}.bin`;
}
