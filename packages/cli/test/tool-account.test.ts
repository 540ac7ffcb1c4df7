import { bindings, type FunctionBinding } from '@switchboard/bindings';
import { describe, expect, it } from 'vitest';
import { toolOf } from '../src/mcp/catalog-tools.js';
import type { Settings } from '../src/settings-file.js';

/*
 * The MCP tool's `account` argument chooses a named account, unless the function has a parameter
 * of that name (Stripe's account links take `account`): then the parameter stays the function's own.
 */

const provider = bindings[0]!;
const fn = provider.functions.find((f) => f.available)!;
const settings: Settings = { providers: { [provider.id]: { accounts: { default: {}, work: {} } } } };

/** The same function with a parameter named `account` of its own. */
function withAccountParameter(f: FunctionBinding): FunctionBinding {
  const properties = { ...((f.inputSchema.properties ?? {}) as Record<string, unknown>), account: { type: 'string', description: 'The connected account (acct_…).' } };
  return { ...f, inputSchema: { ...f.inputSchema, properties } };
}

describe("an MCP tool's account argument", () => {
  it('lists the named accounts for a function without an account parameter', () => {
    const schema = toolOf({ provider, fn }, settings).inputSchema.properties as Record<string, { enum?: string[] }>;
    expect(schema.account?.enum).toEqual(['default', 'work']);
  });

  it("keeps a function's own account parameter rather than replacing it", () => {
    const schema = toolOf({ provider, fn: withAccountParameter(fn) }, settings).inputSchema.properties as Record<string, { enum?: string[]; description?: string }>;
    expect(schema.account).toEqual({ type: 'string', description: 'The connected account (acct_…).' });
  });
});
