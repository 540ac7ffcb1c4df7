/**
 * What a function returns (`response.body`, `schema`, `content_type`), and a file function's
 * documented answers as files (read by `documented-bytes.ts`, as a binary upload's body is).
 */

import type { ExampleResponse, Returns } from '../model.js';
import { documentedBytes } from './documented-bytes.js';
import type { RawFunction } from './spec-types.js';
import type { Report } from './build-function.js';

/** The function's `Returns`, reporting a file answer's keys that do not belong with it. */
export function buildReturns(raw: RawFunction, report: Report): Returns {
  const response = raw.response;
  if (response?.body !== 'file') {
    if (response?.content_type !== undefined) report(['response', 'content_type'], "content_type describes a file answer: set response.body: file, or remove it.", 'key');
    return response?.schema ? { kind: 'data', schema: response.schema } : { kind: 'nothing' };
  }
  if (response.schema !== undefined) report(['response', 'schema'], 'a file answer is bytes, not JSON, so it has no schema: remove it, or remove body: file.', 'key');
  if (raw.pagination !== undefined) report(['pagination'], 'a function that returns a file has no pages: remove pagination, or remove response.body: file.', 'key');
  return { kind: 'file', contentType: response.content_type ?? null };
}

type RawAnswer = NonNullable<RawFunction['examples']>[number]['response'];

/**
 * An example's answer in the model: for a success of a function that returns a file, its body read
 * as the documented file (problems reported at the example), else the body as written.
 */
export function exampleAnswer(raw: RawAnswer, returns: Returns, at: Array<string | number>, report: Report): ExampleResponse {
  const headers = raw.headers ?? {};
  const success = raw.status >= 200 && raw.status < 300;
  if (returns.kind !== 'file' || !success) return { status: raw.status, headers, body: raw.body ?? null };
  return { status: raw.status, headers, file: documentedBytes(raw.body, { declared: returns.contentType, holder: 'answer' }, [...at, 'body'], report) };
}
