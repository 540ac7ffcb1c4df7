/**
 * Whether the gateway lists every function as its own tool or only three meta-tools
 * (search_functions, describe_function, call_function).
 *
 * The default switches to search-first above SEARCH_FIRST_ABOVE tools. 128 is the most tools
 * some widely used agent hosts accept at all: OpenAI's function-calling API refuses a request with
 * more than 128 tools, and VS Code's agent mode caps enabled tools at 128. Past that a full list
 * does not merely cost context (about 2 KB per tool here: 135 KB for 68 tools), it stops working. Below it, one tool
 * per function lets an agent call directly without a search round trip.
 */
export type ToolMode = 'all' | 'search';
export type ToolModeRequest = ToolMode | 'auto';

export const SEARCH_FIRST_ABOVE = 128;

export function toolModeFor(requested: ToolModeRequest, toolCount: number): ToolMode {
  if (requested !== 'auto') return requested;
  return toolCount > SEARCH_FIRST_ABOVE ? 'search' : 'all';
}

export function parseToolMode(value: string | undefined): ToolModeRequest | null {
  if (value === undefined) return 'auto';
  return value === 'all' || value === 'search' || value === 'auto' ? value : null;
}
