/**
 * A downloaded file (what a call resolves to for an operation with `download`) as JSON data: the
 * form the CLI prints, Lua scripts receive and MCP tools answer with, in Node and in the docs
 * site's browser sandbox alike (web globals only). Name, media type, size, the bytes in base64,
 * and the text when it is a text file. Its schema is the generator's `FILE_ANSWER_SCHEMA`, which
 * the bindings carry as the function's output schema. The generated clients never import it.
 */

import { base64Bytes } from './base64.js';
import type { OperationSpec, UnavailableOperationSpec } from './spec.js';

export interface FileAnswer {
  /** The name the answer gave (Content-Disposition), or null when it gave none. */
  filename: string | null;
  content_type: string;
  size: number;
  content_base64: string;
  /** Only for a text file (text/*, JSON, XML, CSV, …) whose bytes are valid UTF-8. */
  content?: string;
}

/** Whether an operation's answer is a file (`response.body: file` in its spec). */
export const returnsFile = (op: OperationSpec | UnavailableOperationSpec): boolean => 'download' in op && op.download !== undefined;

export async function fileAnswer(file: Blob): Promise<FileAnswer> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const answer: FileAnswer = { filename: file instanceof File && file.name !== '' ? file.name : null, content_type: file.type, size: bytes.length, content_base64: base64Bytes(bytes) };
  const text = isTextual(file.type) ? strictUtf8(bytes) : null;
  if (text !== null) answer.content = text;
  return answer;
}

/** Whether `value` has a file answer's shape (with `returnsFile`, which says the operation gives one). */
export function isFileAnswer(value: unknown): value is FileAnswer {
  return value !== null && typeof value === 'object' && typeof (value as FileAnswer).content_base64 === 'string' && typeof (value as FileAnswer).size === 'number';
}

/** Media types read as text: text/*, and JSON, XML, CSV, YAML, JavaScript and form data under application/. */
function isTextual(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]!.trim().toLowerCase();
  if (essence.startsWith('text/')) return true;
  return /^application\/(?:[\w.-]+\+)?(?:json|xml|csv|yaml|x-yaml|javascript|x-www-form-urlencoded)$/.test(essence);
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
