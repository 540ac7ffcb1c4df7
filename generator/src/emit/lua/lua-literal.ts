import type { Example, Func } from '../../model.js';
import { luaKey, luaString } from '../escape/lua.js';

/** A Lua literal for JSON-shaped data, laid out for reading; null is `json.null`, [] is `json.empty_array`. */
export function luaLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'json.null';
  if (typeof value === 'string') return luaString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'json.empty_array';
    const items = value.map((v) => luaLiteral(v, inner));
    const flat = `{${items.join(', ')}}`;
    return flat.length <= 60 && !flat.includes('\n') ? flat : `{\n${items.map((i) => `${inner}${i}`).join(',\n')}\n${indent}}`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, v]) => `${luaKey(k)} = ${luaLiteral(v, inner)}`);
  return `{\n${parts.map((p) => `${inner}${p}`).join(',\n')}\n${indent}}`;
}

/** The Lua usage of one example: the call, then the spec's lines that use `result`. */
export function luaExample(func: Func, example: Example): string {
  const base = func.names.luaPath;
  const path = example.account ? base.replace(/\.([a-z0-9_]+)$/, `.${example.account}.$1`) : base;
  const call = `local result = ${path}(${luaLiteral(example.arguments)})`;
  return example.lua ? `${call}\n${example.lua}` : `${call}\ndump(result)`;
}

/** `app.integrations.telnyx.send_sms({to, text, from?})`: the one-line signature agents read. */
export function luaSignature(func: Func): string {
  const params = func.parameters.map((p) => (p.required ? p.name : `${p.name}?`));
  return `${func.names.luaPath}({${params.join(', ')}})`;
}
