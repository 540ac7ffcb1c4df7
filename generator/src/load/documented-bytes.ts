/**
 * Documented files: the bytes an example shows a file answer or a binary upload to hold, in the
 * spec's words (`filename`, `content_type`, `content` or `content_base64`).
 */

import type { DocumentedBytes } from '../model.js';
import type { Report } from './build-function.js';

const EMPTY_FILE: DocumentedBytes = { filename: null, contentType: 'application/octet-stream', base64: '', text: null };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*;.*)?$/;

/** Where a documented file is, and the media type its function declares for it (null: any). */
export interface FilePlace {
  declared: string | null;
  /** `answer`: a download's success body; `request`: a binary upload's body. */
  holder: 'answer' | 'request';
}

/**
 * A documented file, `{ filename, content_type, content | content_base64 }`, read into the model,
 * every problem reported at its key: the one shape the spec format gives a file wherever it is
 * documented (a download's answer, a binary upload's body; a multipart part has the same keys).
 */
export function documentedBytes(body: unknown, place: FilePlace, at: Array<string | number>, report: Report): DocumentedBytes {
  const declared = place.declared;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const what = place.holder === 'answer' ? 'returns a file: document the answer' : 'sends one file as its body (request.body: binary): document the body';
    report(at, `this function ${what} as { filename, content_type, content } (text) or { filename, content_type, content_base64 } (bytes).`, body === undefined ? 'key' : 'value');
    return EMPTY_FILE;
  }
  const { filename, content_type: contentType, content, content_base64: base64, ...others } = body as Record<string, unknown>;
  for (const key of Object.keys(others)) report([...at, key], `'${key}' is not part of a documented file, which has filename, content_type and content or content_base64.`, 'key');
  if (filename !== undefined && (typeof filename !== 'string' || filename === '' || /[/\\]/.test(filename))) {
    report([...at, 'filename'], 'filename must be a file name without a directory, such as recording.mp3.');
  }
  if (typeof contentType !== 'string' || !MEDIA_TYPE.test(contentType)) {
    report(contentType === undefined ? at : [...at, 'content_type'], 'a documented file needs content_type, its media type, such as audio/mpeg.', contentType === undefined ? 'key' : 'value');
  } else if (declared !== null && !mediaTypeMatches(declared, contentType)) {
    report([...at, 'content_type'], `the documented file is ${contentType}, but response.content_type says the function returns ${declared}.`);
  }
  if ((content === undefined) === (base64 === undefined)) {
    report(at, 'a documented file gives its bytes as content (text) or content_base64, exactly one of them.');
  } else if (content !== undefined && typeof content !== 'string') {
    report([...at, 'content'], 'content is the file\'s text: a string.');
  } else if (base64 !== undefined && (typeof base64 !== 'string' || !BASE64.test(base64))) {
    report([...at, 'content_base64'], 'content_base64 must be base64 text (A–Z, a–z, 0–9, +, /, padded with =).');
  }
  const text = typeof content === 'string' ? content : null;
  return {
    filename: typeof filename === 'string' && filename !== '' ? filename : null,
    contentType: typeof contentType === 'string' ? contentType : EMPTY_FILE.contentType,
    base64: text !== null ? Buffer.from(text, 'utf8').toString('base64') : typeof base64 === 'string' ? base64 : '',
    text,
  };
}

/** Whether a media type falls under a declared one (`audio/*` covers `audio/mpeg`; parameters are ignored). */
export function mediaTypeMatches(declared: string, actual: string): boolean {
  const [dType, dSub] = essence(declared).split('/') as [string, string];
  const [aType, aSub] = essence(actual).split('/') as [string, string];
  return (dType === '*' || dType === aType) && (dSub === '*' || dSub === aSub);
}

const essence = (mediaType: string): string => mediaType.split(';')[0]!.trim().toLowerCase();
