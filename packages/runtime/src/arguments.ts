/**
 * The caller's arguments, read exactly once into plain data before anything
 * else looks at them. Everything after (the validator, the request builder, the
 * error formatter) then works on a copy that cannot throw, change between two
 * reads, recurse forever or smuggle a prototype; bytes to upload are kept as Blobs. Whatever cannot become plain
 * JSON-like data is refused here with a ValidationError naming the parameter.
 */

import { ValidationError, type ValidationIssue } from './errors.js';
import { isBlob } from './file-kind.js';
import type { Redactor } from './redact.js';

export interface ArgumentLimits {
  /** Deepest nesting of objects and arrays; the arguments object is level 0. */
  maxDepth: number;
  /** Largest request in bytes; checked roughly here (string and key lengths) and exactly on the built request. */
  maxBytes: number;
}

/** Thrown inside the walk; turned into one ValidationError at the top. */
class Refusal {
  constructor(readonly issue: ValidationIssue) {}
}

interface Walk {
  limits: ArgumentLimits;
  /**
   * Objects on the path from the root to here: meeting one again is a cycle (a shared object
   * elsewhere is fine). A stack, not a Set: it is as deep as the nesting, a few entries at most.
   */
  ancestors: object[];
  /** A lower bound of the serialized size so far; also bounds the work on shared sub-objects. */
  size: number;
}

const ROOT: string[] = [];

export function snapshotArguments(operation: string, given: unknown, limits: ArgumentLimits, redactor: Redactor): unknown {
  try {
    return copy(given, ROOT, { limits, ancestors: [], size: 0 });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    throw new ValidationError(operation, [redactor.value(error.issue) as ValidationIssue]);
  }
}

function copy(value: unknown, path: string[], walk: Walk): unknown {
  if (typeof value === 'string') {
    grow(walk, value.length + 2, path);
    return value;
  }
  if (typeof value === 'bigint') {
    refuse(path, 'is a BigInt, which JSON cannot carry; pass a number or a decimal string', `${value}n`);
  }
  if (value === null || typeof value !== 'object') {
    grow(walk, 5, path); // numbers, booleans, null; functions and symbols are left for the validator to name
    return value;
  }
  if (walk.ancestors.includes(value)) refuse(path, 'contains itself (a circular reference); pass plain data');
  if (path.length > walk.limits.maxDepth) {
    refuse(path, `is nested deeper than ${walk.limits.maxDepth} levels (the maxArgumentDepth option)`);
  }
  walk.ancestors.push(value);
  // No `finally`: a refusal ends the whole walk, so the stack need not be unwound then.
  const out = read(value, path, walk);
  walk.ancestors.pop();
  return out;
}

function read(value: object, path: string[], walk: Walk): unknown {
  let isArray: boolean;
  let length = 0;
  let keys: string[] | null = null;
  let bytes: Blob | undefined;
  // A Proxy can throw from any of these, Array.isArray included (on a revoked one). One try for all, not a closure each.
  try {
    isArray = Array.isArray(value);
    if (!isArray && value instanceof Date) return new Date(value.getTime());
    // Bytes to upload: a Blob cannot change, and other bytes are copied into one, so what is sent is what was given at the call.
    if (!isArray && (isBlob(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value))) {
      bytes = isBlob(value) ? value : new Blob([value instanceof ArrayBuffer ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)]);
    }
    // Keys one at a time for arrays, so `new Array(1e9)` hits the size limit instead of exhausting memory first.
    if (isArray) length = (value as unknown[]).length;
    else keys = Object.keys(value);
  } catch (error) {
    unreadable(path, error);
  }
  if (bytes !== undefined) {
    grow(walk, bytes.size, path);
    return bytes;
  }
  const count = keys ? keys.length : length;
  const out: Record<string, unknown> | unknown[] = isArray ? [] : {};
  for (let i = 0; i < count; i++) {
    const key = keys ? (keys[i] as string) : String(i);
    // Assigning an own `__proto__` key changes the copy's prototype instead, so spread bodies dropped it silently.
    if (key === '__proto__') refuse([...path, key], 'cannot be sent: `__proto__` is not a usable property name; rename it');
    grow(walk, keys ? key.length + 4 : 1, path);
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch (error) {
      unreadable([...path, key], error);
    }
    // Strings, numbers and booleans, most arguments, are taken as they are (as `copy` would)
    // without making their path, which only refusing one needs.
    if (typeof item === 'string') {
      grow(walk, item.length + 2, path, key);
      (out as Record<string, unknown>)[key] = item;
    } else if (item === null || (typeof item !== 'object' && typeof item !== 'bigint')) {
      grow(walk, 5, path, key);
      (out as Record<string, unknown>)[key] = item;
    } else (out as Record<string, unknown>)[key] = copy(item, [...path, key], walk);
  }
  return out;
}

/** The caller's data threw when read (a Proxy, a getter): the parameter at `path` is refused. */
function unreadable(path: string[], error: unknown): never {
  refuse(path, `could not be read (${messageOf(error)}); pass plain data`);
}

/** Counts `bytes` more for the value at `path` (or at `path` + `key`), refusing its top-level parameter once past the limit. */
function grow(walk: Walk, bytes: number, path: string[], key?: string): void {
  walk.size += bytes;
  if (walk.size > walk.limits.maxBytes) {
    refuse(path.length > 0 || key === undefined ? path.slice(0, 1) : [key], `makes the request larger than ${walk.limits.maxBytes} bytes (the maxRequestBytes option)`);
  }
}

function refuse(path: string[], problem: string, received?: string): never {
  throw new Refusal({ path: formatPath(path), problem, ...(received === undefined ? {} : { received }) });
}

/** `['media_urls', '0']` → `media_urls[0]`; deep paths are cut after a few segments, as only the start helps. */
export function formatPath(segments: string[]): string {
  if (segments.length === 0) return '(arguments)';
  const shown = segments.slice(0, 6);
  const text = shown.reduce((out, seg, i) => (/^\d+$/.test(seg) ? `${out}[${seg}]` : i === 0 ? seg : `${out}.${seg}`), '');
  return segments.length > shown.length ? `${text}…` : text;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `threw ${typeof error}`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
