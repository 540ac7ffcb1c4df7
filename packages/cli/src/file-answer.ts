/**
 * A downloaded file (what a client call resolves to for `response.body: file`) as JSON data, the
 * form the CLI prints, Lua scripts receive and MCP tools answer with: name, media type, size, the
 * bytes in base64, and the text when it is a text file. Its schema is the generator's
 * `FILE_ANSWER_SCHEMA`, which the bindings carry as the function's output schema.
 */

import type { FunctionBinding } from '@switchboard/bindings';

/** Whether a function's answer is a file (`response.body: file`): its operation carries `download`. */
export const returnsFile = (fn: FunctionBinding): boolean => 'download' in fn.spec && fn.spec.download !== undefined;

export interface FileAnswer {
  filename: string | null;
  content_type: string;
  size: number;
  content_base64: string;
  /** Only for a text file whose bytes are valid UTF-8. */
  content?: string;
}

export async function fileAnswer(file: Blob): Promise<FileAnswer> {
  const bytes = Buffer.from(await file.arrayBuffer());
  const answer: FileAnswer = { filename: file instanceof File && file.name !== '' ? file.name : null, content_type: file.type, size: bytes.length, content_base64: bytes.toString('base64') };
  const text = isTextual(file.type) ? utf8(bytes) : null;
  if (text !== null) answer.content = text;
  return answer;
}

/** The bytes of a file answer, as `--output` writes them. */
export const fileBytes = (answer: FileAnswer): Buffer => Buffer.from(answer.content_base64, 'base64');

/** Whether `value` has a file answer's shape (with `returnsFile`, which says the function gives one). */
export function isFileAnswer(value: unknown): value is FileAnswer {
  return value !== null && typeof value === 'object' && typeof (value as FileAnswer).content_base64 === 'string' && typeof (value as FileAnswer).size === 'number';
}

/** Media types read as text: text/*, and JSON, XML, CSV, YAML, JavaScript and form data under application/. */
function isTextual(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]!.trim().toLowerCase();
  if (essence.startsWith('text/')) return true;
  return /^application\/(?:[\w.-]+\+)?(?:json|xml|csv|yaml|x-yaml|javascript|x-www-form-urlencoded)$/.test(essence);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8(bytes: Buffer): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}
