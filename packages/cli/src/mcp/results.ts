import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Tool result text, cut at maxChars with a marker that says how to get the rest. */
export function textResult(value: unknown, maxChars: number): CallToolResult['content'] {
  return [{ type: 'text', text: capped(JSON.stringify(value, null, 2) ?? 'null', maxChars) }];
}

/** A text cut at `maxChars`, saying how much was left out and how to get it. */
function capped(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}\n[truncated by switchboard: ${text.length - maxChars} more characters; narrow the request or raise --max-result-chars]`;
}

export function toolError(message: string, providerAnswer?: unknown, maxChars = Infinity): CallToolResult {
  if (providerAnswer === undefined || providerAnswer === null) return { isError: true, content: [{ type: 'text', text: message }] };
  // The provider's own error body (redacted by the runtime) says more than its message: Stripe's `param`, `decline_code`.
  return { isError: true, content: [{ type: 'text', text: message }, { type: 'text', text: `The provider answered: ${capped(JSON.stringify(providerAnswer), maxChars)}` }] };
}

/** A result as both text and structured content; MCP structured content must be an object. */
export function dataResult(data: unknown, maxChars: number): CallToolResult {
  const structured = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : { value: data };
  return { content: textResult(data, maxChars), structuredContent: structured };
}
