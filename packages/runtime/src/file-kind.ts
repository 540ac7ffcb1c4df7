/**
 * Telling files apart, for the code every call runs (the argument walk, the request builder): so
 * small that programs which upload nothing bundle it without cost; checking and encoding files
 * lives in `file-value.ts` and `multipart-body.ts`, which only multipart operations carry.
 */

import type { ValueRule } from './arg-rules.js';

/** Whether a parameter's rule takes a file, or a list of files. */
export function takesFiles(rule: ValueRule | undefined): boolean {
  if (rule === undefined || 'anyOf' in rule) return false;
  return rule.type === 'file' || (rule.type === 'array' && rule.items !== undefined && !('anyOf' in rule.items) && rule.items.type === 'file');
}

export const isBlob = (value: unknown): value is Blob => typeof Blob !== 'undefined' && value instanceof Blob;
