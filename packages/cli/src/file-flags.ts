/**
 * File parameters from the command line: `--attachment @minutes.txt` uploads that file, as gh's
 * `-F key=@file` and curl's `-F` do. Each `@path` becomes the file value every caller may give
 * (`{ content_base64, filename, content_type }`), so what follows (dry run, sandbox, the call) is
 * the same as for a JSON payload; a list parameter collects repeats.
 */

import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { takesFiles, type AnyOperation } from '@switchboard/runtime';
import type { FlagValues } from './args.js';
import { UsageError } from './io.js';

/** Media types by extension, for the files people most often upload; any other is sent as bytes. */
const MEDIA_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.zip': 'application/zip',
};

/** The file parameters among `flags`, read from disk; the other flags are left for `coerceFlags`. */
export function fileFlags(flags: ReadonlyMap<string, FlagValues>, op: AnyOperation, cwd: string): { files: Record<string, unknown>; rest: Map<string, FlagValues> } {
  const files: Record<string, unknown> = {};
  const rest = new Map<string, FlagValues>();
  const rules = 'args' in op ? op.args.properties : {};
  for (const [name, raws] of flags) {
    const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
    if (!takesFiles(rule)) {
      rest.set(name, raws);
      continue;
    }
    // A file, or else (takesFiles) a list of files.
    const single = rule !== undefined && 'type' in rule && rule.type === 'file';
    const flag = `--${name.replace(/_/g, '-')}`;
    if (single && raws.length > 1) throw new UsageError(`${flag} was given ${raws.length} times; '${name}' takes one file.`);
    const read = raws.map((raw) => readFileFlag(flag, raw, cwd));
    files[name] = single ? read[0] : read;
  }
  return { files, rest };
}

function readFileFlag(flag: string, raw: string | true, cwd: string): { content_base64: string; filename: string; content_type: string } {
  if (raw === true || !raw.startsWith('@') || raw.length === 1) {
    throw new UsageError(`${flag} takes a file: give its path after @ (${flag} @report.pdf).`, { code: 'invalid_argument', hint: 'Or put the file in the JSON payload as {"content": "…", "filename": "…"} or {"content_base64": "…"}.' });
  }
  const path = resolve(cwd, raw.slice(1));
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a regular file');
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${raw.slice(1)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { code: 'invalid_argument' });
  }
  return { content_base64: bytes.toString('base64'), filename: basename(path), content_type: MEDIA_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' };
}
