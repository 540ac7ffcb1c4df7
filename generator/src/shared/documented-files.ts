/**
 * Documented files as every output names and carries them: the file a binary upload's docs read
 * from the working directory, and a documented file in the snake_case words of the data the
 * mocks, contract tests and docs site share (`@switchboard/testing`'s `DocumentedFile`).
 */

import type { DocumentedBytes, ExampleRequest, Func } from '../model.js';

/** A documented file as plain data: `{ filename, content_type, content_base64 }`. */
export function fileData(file: DocumentedBytes): { filename: string | null; content_type: string; content_base64: string } {
  return { filename: file.filename, content_type: file.contentType, content_base64: file.base64 };
}

/** A documented request as plain data: its body, or a binary upload's file in `fileData`'s words. */
export function requestData(request: ExampleRequest) {
  const { method, url, headers } = request;
  return request.file ? { method, url, headers, body: null, file: fileData(request.file) } : { method, url, headers, body: request.body };
}

/**
 * The name of the file a binary upload's curl command sends (`--data-binary @name`): the name the
 * example documents, else the file parameter's own name.
 */
export function uploadedFileName(func: Func, file: DocumentedBytes): string {
  return file.filename ?? func.parameters.find((p) => p.location === 'body')?.name ?? 'upload';
}

/** A file's bytes as a page shows them: its text when it was written as text, else their count. */
export function shownBytes(file: DocumentedBytes): string {
  return file.text ?? `<${Buffer.from(file.base64, 'base64').length} bytes>`;
}
