/**
 * An example's documented multipart body read as its fields, for the docs' curl and HTTP tabs: a
 * text field as a form's (a list repeats its key, an object nests as `key[sub]`), and under a file
 * parameter's key each `{ filename, content_type, content | content_base64 }` (the loader has
 * checked that shape against what the client sends).
 */

import { formPairs } from './form-pairs.js';

export interface DocumentedFile {
  filename: string;
  contentType: string;
  base64: string;
}

export function multipartFields(body: object, fileKeys: ReadonlySet<string>): Array<[string, string | DocumentedFile]> {
  const fields: Array<[string, string | DocumentedFile]> = [];
  for (const [key, value] of Object.entries(body)) {
    const items = Array.isArray(value) ? value : [value];
    // The loader has checked that each documented file of a file parameter has this shape.
    if (fileKeys.has(key)) {
      for (const file of items.filter(isDocumentedFile)) {
        const base64 = typeof file.content === 'string' ? Buffer.from(file.content).toString('base64') : String(file.content_base64);
        fields.push([key, { filename: file.filename, contentType: file.content_type ?? 'application/octet-stream', base64 }]);
      }
    } else fields.push(...formPairs({ [key]: value }));
  }
  return fields;
}

function isDocumentedFile(value: unknown): value is { filename: string; content_type?: string; content?: string; content_base64?: string } {
  return value !== null && typeof value === 'object' && typeof (value as { filename?: unknown }).filename === 'string' && ('content' in value || 'content_base64' in value);
}

