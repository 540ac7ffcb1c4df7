/**
 * multipart/form-data bodies (RFC 7578), the encoding that carries files: the part an operation
 * with `body: 'multipart'` carries (`OperationSpec.parts.multipart`). Fields come in the order a
 * url-encoded form sends them (`formFields`); a file parameter's values become file parts.
 *
 * The body is a `Blob` assembled from the parts' own Blobs, so building it reads no file (that
 * happens when a transport sends it) and a dry run shows it without reading one either.
 */

import { takesFiles } from './file-kind.js';
import { filePart, type FileInput, type FilePart } from './file-value.js';
import { formFields } from './form-fields.js';
import type { ResolvedParam } from './param-plan.js';
import { toPairs, type Pairs } from './query.js';
import type { OperationSpec } from './spec.js';

export interface BuiltMultipart {
  body: Blob;
  /** `multipart/form-data; boundary=…`. */
  contentType: string;
  /** The body as text with each file's bytes shown as their count, for dry runs and messages. */
  preview: string;
  /** Bytes on the wire. */
  size: number;
  /** The fields in the order sent: text, or a file part. */
  fields: Array<[string, FilePart | string]>;
}

export type MultipartBody = (op: OperationSpec, params: ResolvedParam[], values: unknown[], root: Record<string, unknown>, credentials: Pairs) => BuiltMultipart;

export const multipartBody: MultipartBody = (op, params, values, root, credentials) => {
  const fields = formFields<FilePart>(op, params, values, root, credentials, (param, key, value) => {
    if (!takesFiles(op.args.properties[param.name])) return toPairs(key, value, param.arrayFormat);
    if (!Array.isArray(value)) return [[key, filePart(value as FileInput, param.wire)]];
    // A list of files repeats its key, or sends `files[]` / `files[0]` as the spec's array format says; a file without a name takes the wire name.
    const keyOf = (i: number): string => (param.arrayFormat === 'brackets' ? `${key}[]` : param.arrayFormat === 'indexed' ? `${key}[${i}]` : key);
    const files = value.filter((file) => file !== undefined && file !== null) as FileInput[];
    return files.map((file, i): [string, FilePart] => [keyOf(i), filePart(file, param.wire)]);
  });
  return encodeMultipart(fields, randomBoundary());
};

/** The body of `fields` between `boundary` lines. */
export function encodeMultipart(fields: Array<[string, FilePart | string]>, boundary: string): BuiltMultipart {
  const chunks: Array<string | Blob | Uint8Array> = [];
  const shown: string[] = [];
  let size = 0;
  const encoder = new TextEncoder();
  const add = (text: string, show = text): void => {
    chunks.push(text);
    shown.push(show);
    size += encoder.encode(text).length;
  };
  for (const [name, value] of fields) {
    if (typeof value === 'string') {
      add(`--${boundary}\r\ncontent-disposition: form-data; name="${quoted(name)}"\r\n\r\n`);
      add(`${value}\r\n`);
      continue;
    }
    add(`--${boundary}\r\ncontent-disposition: form-data; name="${quoted(name)}"; filename="${quoted(value.filename)}"\r\ncontent-type: ${value.contentType}\r\n\r\n`);
    chunks.push(value.data);
    shown.push(typeof value.data === 'string' ? value.data : `<${value.size} bytes>`);
    size += value.size;
    add('\r\n');
  }
  add(`--${boundary}--\r\n`);
  return { body: new Blob(chunks), contentType: `multipart/form-data; boundary=${boundary}`, preview: shown.join(''), size, fields };
}

/**
 * A name or file name inside the part's quoted header, escaped as browsers do (WHATWG's
 * multipart/form-data encoding): a quote or a line break would otherwise end the header early.
 */
function quoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A boundary no part can contain by chance: 24 random hex digits after a fixed prefix, as
 * browsers and undici make theirs. File bytes are not scanned (they are not read until sent).
 */
function randomBoundary(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `switchboard-${hex}`;
}
