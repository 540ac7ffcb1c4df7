/**
 * A body that is one file's bytes and nothing else (`body: 'binary'`), as Zendesk's uploads and
 * GitHub's release assets take them: no form, no boundary, the file's own media type as the
 * request's Content-Type (a `Content-Type` constant of the operation still wins, as it does over
 * any body's). The part an operation with `body: 'binary'` carries (`OperationSpec.parts.binary`),
 * so programs that send no such body bundle none of it.
 */

import { SwitchboardError } from './errors.js';
import { filePart, type FileInput, type FilePart } from './file-value.js';
import type { ResolvedParam } from './param-plan.js';
import type { OperationSpec } from './spec.js';

export interface BuiltBinary {
  /** The bytes as sent: the file's own Blob, bytes decoded from base64 made one, or text (sent as UTF-8). */
  body: Blob | string;
  /** The file's media type: its `content_type`, a Blob's own type, else `application/octet-stream`. */
  contentType: string;
  /** The file the body is, for dry runs (its size) and the loader's example check (its bytes). */
  file: FilePart;
}

export type BinaryBody = (op: OperationSpec, params: ResolvedParam[], values: unknown[]) => BuiltBinary;

export const binaryBody: BinaryBody = (op, params, values) => {
  // The loader gives such an operation exactly one body parameter, a required file; a hand-written one may lack it.
  const [param] = params;
  if (param === undefined || params.length > 1) {
    throw new SwitchboardError(`${op.id} sends one file as its whole body, but ${param === undefined ? 'no file was given' : `${params.length} body values were given`}.`);
  }
  const file = filePart(values[0] as FileInput, param.wire);
  const body = file.data instanceof Uint8Array ? new Blob([file.data]) : file.data;
  return { body, contentType: file.contentType, file };
};
