/**
 * A download's answer as a `File`: its bytes, the media type its Content-Type says and the name its
 * Content-Disposition gives (RFC 6266), never parsed as JSON. Only operations that return a file
 * carry this (`parts.download`), so other programs do not bundle it.
 */

import type { AnswerResult } from './transport-types.js';

export type ReadDownload = (answer: AnswerResult) => File;

export const downloadedFile: ReadDownload = (answer) => {
  // A caller's transport that ignored `readAs` handed over text: its UTF-8 bytes are what it read.
  const bytes = answer.bytes ?? new TextEncoder().encode(answer.text);
  return new File([bytes], filenameOf(answer.headers.get('content-disposition')), { type: answer.headers.get('content-type') ?? '' });
};

/**
 * The file name a Content-Disposition gives, `filename*` (percent-encoded UTF-8) before `filename`,
 * reduced to its last path segment with control characters dropped, so a hostile answer cannot name
 * a file outside the folder a caller saves it in. Empty when the header gives no usable name.
 */
export function filenameOf(disposition: string | null): string {
  if (disposition === null) return '';
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^;]*)/i.exec(disposition)?.[1];
  const plain = /(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(disposition)?.[1];
  const name = (extended !== undefined ? decodedExtended(extended.trim()) : null) ?? (plain !== undefined ? unquoted(plain.trim()) : '');
  const segment = name.split(/[/\\]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return segment === '.' || segment === '..' ? '' : segment;
}

/** `UTF-8''%e2%82%ac%20rates` → `€ rates`; null for another charset or bad encoding (then `filename` is used). */
function decodedExtended(value: string): string | null {
  const match = /^utf-8'[^']*'(.*)$/i.exec(value);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

const unquoted = (value: string): string => (value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value);
