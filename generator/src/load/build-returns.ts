/**
 * What a function returns (`response.body`, `schema`, `content_type`), and a file function's
 * documented answers as files: the one place the spec's words for a downloaded file are read.
 */

import type { DocumentedBytes, ExampleResponse, Returns } from '../model.js';
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
  return { status: raw.status, headers, file: documentedBytes(raw.body, returns.contentType, [...at, 'body'], report) };
}

const EMPTY_FILE: DocumentedBytes = { filename: null, contentType: 'application/octet-stream', base64: '', text: null };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*;.*)?$/;

function documentedBytes(body: unknown, declared: string | null, at: Array<string | number>, report: Report): DocumentedBytes {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    report(at, 'this function returns a file: document the answer as { filename, content_type, content } (text) or { filename, content_type, content_base64 } (bytes).', body === undefined ? 'key' : 'value');
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
