import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FileAnswer } from '@switchboard/runtime';

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

/**
 * A downloaded file as a tool result: the file itself as MCP content (an image or audio block, which
 * clients can show or play, else an embedded resource with its text or bytes), a line describing it, and the
 * file answer as structured content. A file whose base64 is over `maxChars` is refused by name
 * rather than cut, since cut bytes are no file.
 */
export function fileResult(answer: FileAnswer, maxChars: number, tool: string): CallToolResult {
  if (answer.content_base64.length > maxChars) {
    return toolError(`${tool} answered with a file of ${answer.size} bytes (${answer.content_type || 'no media type'}), more than this server's --max-result-chars (${maxChars}) allows in a result. Raise --max-result-chars, or save it with \`switchboard call … --output <path>\`.`);
  }
  const described = `${answer.filename ?? 'A file'} (${answer.content_type || 'no media type'}, ${answer.size} bytes)`;
  const kind = answer.content_type.split('/')[0];
  const mimeType = answer.content_type || 'application/octet-stream';
  const file: CallToolResult['content'][number] =
    kind === 'image' || kind === 'audio'
      ? { type: kind, data: answer.content_base64, mimeType }
      : { type: 'resource', resource: { uri: `switchboard:download/${encodeURIComponent(answer.filename ?? 'file')}`, mimeType, ...(answer.content !== undefined ? { text: answer.content } : { blob: answer.content_base64 }) } };
  return { content: [{ type: 'text', text: described }, file], structuredContent: { ...answer } };
}

/** A result as both text and structured content; MCP structured content must be an object. */
export function dataResult(data: unknown, maxChars: number): CallToolResult {
  const structured = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : { value: data };
  return { content: textResult(data, maxChars), structuredContent: structured };
}
