/** Spec values inside Lua source. */

import { LUA_KEYWORDS } from '../../shared/client-names.js';

const LUA_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const NAMED: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A double-quoted Lua string. Backslash, quote and every control character
 * are escaped (`\ddd` with three digits, so a following digit cannot join
 * it); other characters, UTF-8 included, are left as they are.
 */
export function luaString(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => NAMED[c] ?? `\\${c.charCodeAt(0).toString().padStart(3, '0')}`)}"`;
}

/** A table key: a bare name when Lua allows one, `["…"]` otherwise. */
export const luaKey = (key: string): string => (LUA_IDENTIFIER.test(key) && !LUA_KEYWORDS.has(key) ? key : `[${luaString(key)}]`);
