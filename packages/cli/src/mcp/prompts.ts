/**
 * One MCP prompt per provider in scope, `use_<namespace>`: what the provider offers and how to
 * call it through this gateway (direct tools or the search-first tools), what is gated, and which
 * variables hold its credentials. Built from the bindings, so a new provider needs no code.
 */
import type { GetPromptResult, Prompt } from '@modelcontextprotocol/sdk/types.js';
import type { ProviderBinding } from '@switchboard/bindings';
import { blockedBy, type CatalogScope } from './catalog-tools.js';
import { docsUri } from './docs-resources.js';
import { CALL_TOOL, DESCRIBE_TOOL, SEARCH_TOOL } from './meta-tools.js';
import type { ToolMode } from './tool-mode.js';

export function promptName(provider: ProviderBinding): string {
  return `use_${provider.namespace}`;
}

export function promptsFor(providers: ProviderBinding[]): Prompt[] {
  return providers.map((p) => ({ name: promptName(p), title: `Use ${p.name}`, description: `How to use ${p.name} (${p.description.trim()}) through this gateway.` }));
}

export function promptText(provider: ProviderBinding, scope: CatalogScope, mode: ToolMode): string {
  const available = provider.functions.filter((f) => f.available);
  const lines = available.map((fn) => {
    const blocked = blockedBy({ provider, fn }, scope);
    const how = mode === 'all' ? `tool \`${fn.mcpTool}\`` : `\`${CALL_TOOL}\` with function \`${fn.qualified}\``;
    return `- ${fn.qualified} (${fn.operation}): ${fn.title}. ${blocked ? `Not callable here: ${blocked.message}` : `Call with ${how}.`}`;
  });
  const secrets = provider.fields.map((f) => `\`${f.env}\``).join(', ');
  return [
    `You can use ${provider.name}: ${provider.description.trim()}`,
    '',
    mode === 'all'
      ? 'Each function below is a tool of this MCP server.'
      : `This server is search-first: find a function with \`${SEARCH_TOOL}\`, read its input schema with \`${DESCRIBE_TOOL}\`, then run it with \`${CALL_TOOL}\`.`,
    'Reads run freely. Writes (sending a message, placing a call, changing a resource) run only when the gateway was started with --write allow and the provider\'s policy does not deny them; confirm with the user before a write.',
    `The full reference is the resource ${docsUri(provider.id)}, and each function's page is ${docsUri(provider.id, '{function}')}.`,
    secrets ? `Credentials come from ${secrets} in the gateway's environment or \`switchboard configure ${provider.id}\`; never ask the user to paste a secret into the chat.` : '',
    '',
    'Functions:',
    ...lines,
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
}

export function getPrompt(provider: ProviderBinding, scope: CatalogScope, mode: ToolMode): GetPromptResult {
  return {
    description: `How to use ${provider.name} through this gateway.`,
    messages: [{ role: 'user', content: { type: 'text', text: promptText(provider, scope, mode) } }],
  };
}
