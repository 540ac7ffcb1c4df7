/**
 * Files a caller uploads (spec `type: file`, sent in a multipart/form-data body): the shapes a
 * file may be given in, their check, and what one becomes on the wire. The part of operations
 * with file parameters (`OperationParts.checks.file`, `OperationParts.multipart`), so programs
 * that upload nothing bundle none of it.
 */

import type { FileRule, Look } from './arg-rules.js';
import { formatPath } from './arguments.js';
import type { ValidationIssue } from './errors.js';
import { bytesOfBase64 } from './base64.js';
import { isBlob } from './file-kind.js';

/**
 * A file to upload: bytes (a `Blob` or `File`, a `Uint8Array`, an `ArrayBuffer`), or its parts
 * named, which is also how JSON callers (the CLI's `--json`, Lua, MCP) give one.
 */
export type FileInput = Blob | Uint8Array | ArrayBuffer | FileParts;

/** A file by its parts: `content` or `content_base64`, not both, with an optional name and media type. */
export interface FileParts {
  /** The bytes, or text (sent as UTF-8). */
  content?: Blob | Uint8Array | ArrayBuffer | string;
  /** The bytes in base64, for callers that can only pass text (JSON). */
  content_base64?: string;
  /** The name the provider is told (`report.pdf`). Default: a `File`'s own name, else the parameter's wire name. */
  filename?: string;
  /** The media type (`application/pdf`). Default: a `Blob`'s own type, `text/plain; charset=utf-8` for text, else `application/octet-stream`. */
  content_type?: string;
}

/** One file part as it is sent: its bytes (a Blob, bytes decoded from base64, or text), name and media type. */
export interface FilePart {
  data: Blob | Uint8Array | string;
  filename: string;
  contentType: string;
  /** Bytes on the wire. */
  size: number;
}

const PART_KEYS = new Set(['content', 'content_base64', 'filename', 'content_type']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// `type/subtype` with optional parameters; no line breaks, which would end the part's header.
const MEDIA_TYPE = /^[A-Za-z0-9][\w.+-]*\/[\w.+-]+(?:\s*;[^\r\n]*)?$/;

/** The check of a `{ type: 'file' }` rule: every problem with the value, by its parts' names. */
export const fileCheck = (_rule: FileRule, value: unknown, path: string[], look: Look, issues: ValidationIssue[]): void => {
  if (isBlob(value)) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ path: formatPath(path), problem: `must be ${FILE_WORDS}`, expected: 'a file', received: look.show(value) });
    return;
  }
  const parts = value as Record<string, unknown>;
  for (const key of Object.keys(parts)) {
    if (!PART_KEYS.has(key) && parts[key] !== undefined) issues.push({ path: formatPath([...path, key]), problem: 'unknown: a file has content (or content_base64), filename and content_type' });
  }
  const { content, content_base64: base64, filename, content_type: type } = parts;
  if ((content === undefined) === (base64 === undefined)) {
    issues.push({ path: formatPath(path), problem: content === undefined ? 'must give its bytes as content or content_base64' : 'must give content or content_base64, not both' });
  }
  if (content !== undefined && typeof content !== 'string' && !isBlob(content)) {
    issues.push({ path: formatPath([...path, 'content']), problem: 'must be text or bytes (a Blob, a Uint8Array or an ArrayBuffer)', received: look.show(content) });
  }
  if (base64 !== undefined && (typeof base64 !== 'string' || !isBase64(base64))) {
    issues.push({ path: formatPath([...path, 'content_base64']), problem: 'must be base64 text (A–Z, a–z, 0–9, + and /, padded with =)', received: look.show(base64) });
  }
  if (filename !== undefined && (typeof filename !== 'string' || filename === '')) {
    issues.push({ path: formatPath([...path, 'filename']), problem: 'must be a non-empty string', received: look.show(filename) });
  }
  if (type !== undefined && (typeof type !== 'string' || !MEDIA_TYPE.test(type))) {
    issues.push({ path: formatPath([...path, 'content_type']), problem: 'must be a media type such as application/pdf', received: look.show(type) });
  }
};

export const FILE_WORDS = 'a file: a Blob, a Uint8Array, or { content or content_base64, filename, content_type }';

function isBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return compact.length % 4 === 0 && BASE64.test(compact);
}

/** What a checked file value sends, `fallbackName` naming a file that has no name of its own. */
export function filePart(value: FileInput, fallbackName: string): FilePart {
  if (isBlob(value)) return blobPart(value, undefined, undefined, fallbackName);
  // Bytes are made Blobs when the arguments are read (arguments.ts); these two remain for callers of this function alone.
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return blobPart(new Blob([value]), undefined, undefined, fallbackName);
  const { content, content_base64: base64, filename, content_type: type } = value;
  if (typeof content === 'string') {
    return { data: content, filename: filename ?? fallbackName, contentType: type ?? 'text/plain; charset=utf-8', size: new TextEncoder().encode(content).length };
  }
  if (content === undefined) {
    // Kept as bytes, not made a Blob: the loader compares an example's parts without reading any.
    const bytes = bytesOfBase64(base64 ?? '');
    return { data: bytes, filename: filename ?? fallbackName, contentType: type ?? 'application/octet-stream', size: bytes.length };
  }
  return blobPart(isBlob(content) ? content : new Blob([content]), filename, type, fallbackName);
}

function blobPart(blob: Blob, filename: string | undefined, type: string | undefined, fallbackName: string): FilePart {
  const ownName = typeof File !== 'undefined' && blob instanceof File && blob.name !== '' ? blob.name : undefined;
  return { data: blob, filename: filename ?? ownName ?? fallbackName, contentType: type ?? (blob.type || 'application/octet-stream'), size: blob.size };
}
