import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Tool result text, cut at maxChars with a marker that says how to get the rest. */
export function textResult(value: unknown, maxChars: number): CallToolResult['content'] {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  if (text.length <= maxChars) return [{ type: 'text', text }];
  return [{ type: 'text', text: `${text.slice(0, maxChars)}\n[truncated by switchboard: ${text.length - maxChars} more characters; narrow the request or raise --max-result-chars]` }];
}

export function toolError(message: string, providerAnswer?: unknown, maxChars = Infinity): CallToolResult {
  if (providerAnswer === undefined || providerAnswer === null) return { isError: true, content: [{ type: 'text', text: message }] };
  // The provider's own error body (redacted by the runtime) says more than its message: Stripe's `param`, `decline_code`.
  const answer = JSON.stringify(providerAnswer);
  const shown = answer.length > maxChars ? `${answer.slice(0, maxChars)}… (cut at ${maxChars} characters)` : answer;
  return { isError: true, content: [{ type: 'text', text: message }, { type: 'text', text: `The provider answered: ${shown}` }] };
}

/** A result as both text and structured content; MCP structured content must be an object. */
export function dataResult(data: unknown, maxChars: number): CallToolResult {
  const structured = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : { value: data };
  return { content: textResult(data, maxChars), structuredContent: structured };
}
