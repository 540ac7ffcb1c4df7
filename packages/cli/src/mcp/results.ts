import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Tool result text, cut at maxChars with a marker that says how to get the rest. */
export function textResult(value: unknown, maxChars: number): CallToolResult['content'] {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  if (text.length <= maxChars) return [{ type: 'text', text }];
  return [{ type: 'text', text: `${text.slice(0, maxChars)}\n[truncated by switchboard: ${text.length - maxChars} more characters; narrow the request or raise --max-result-chars]` }];
}

export function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/** A result as both text and structured content; MCP structured content must be an object. */
export function dataResult(data: unknown, maxChars: number): CallToolResult {
  const structured = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : { value: data };
  return { content: textResult(data, maxChars), structuredContent: structured };
}
