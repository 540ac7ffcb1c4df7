/**
 * A downloaded file as JSON data (`fileAnswer`), the form the CLI, Lua, MCP and the docs sandbox
 * give: name, media type, size and base64 bytes, plus the text only for a text file that is
 * valid UTF-8.
 */

import { describe, expect, it } from 'vitest';
import { fileAnswer, isFileAnswer, returnsFile } from '../src/file-answer.js';
import { operation } from './support.js';

describe('fileAnswer', () => {
  it('gives a binary file its name, type, size and base64 bytes, and no text', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    expect(await fileAnswer(new File([bytes], 'logo.png', { type: 'image/png' }))).toEqual({ filename: 'logo.png', content_type: 'image/png', size: 6, content_base64: Buffer.from(bytes).toString('base64') });
  });

  it('adds the text of a text file, a byte-order mark kept as the file has it', async () => {
    const text = '\ufeffid,name\n1,Zoë\n';
    const answer = await fileAnswer(new File([text], 'report.csv', { type: 'text/csv; charset=utf-8' }));
    expect(answer).toMatchObject({ filename: 'report.csv', content_type: 'text/csv; charset=utf-8', content: text, size: Buffer.byteLength(text) });
    expect(Buffer.from(answer.content_base64, 'base64').toString('utf8')).toBe(text);
    expect((await fileAnswer(new Blob(['{"a":1}'], { type: 'application/problem+json' }))).content).toBe('{"a":1}');
  });

  it('gives no text for a text type whose bytes are not UTF-8, and no name for a Blob or an unnamed File', async () => {
    const answer = await fileAnswer(new Blob([new Uint8Array([0x66, 0xff, 0x6f])], { type: 'text/plain' }));
    expect(answer).toEqual({ filename: null, content_type: 'text/plain', size: 3, content_base64: 'Zv9v' });
    expect((await fileAnswer(new File(['x'], '', { type: '' }))).filename).toBeNull();
  });

  it('encodes a file larger than one encoding slice exactly', async () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7) % 256);
    const answer = await fileAnswer(new Blob([bytes]));
    expect(answer.size).toBe(100_003);
    expect(answer.content_base64).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('tells a file answer and an operation that returns one', async () => {
    expect(isFileAnswer(await fileAnswer(new Blob(['x'])))).toBe(true);
    expect(isFileAnswer({ id: 'x' })).toBe(false);
    expect(returnsFile(operation({ id: 'a.b', download: { accept: '*/*' } }))).toBe(true);
    expect(returnsFile(operation({ id: 'a.c' }))).toBe(false);
    expect(returnsFile({ id: 'a.d', unavailable: { reason: 'gone', alternative: null } })).toBe(false);
  });
});
