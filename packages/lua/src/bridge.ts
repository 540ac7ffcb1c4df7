import type { DocsFunction, HostBridge } from './run-state.js';
import type { LuaDocs, LuaHostFunctions } from './types.js';

/** The in-process bridge: integration calls as they are, docs producers wrapped as resolved promises. */
export function bridgeFor(host: LuaHostFunctions): HostBridge {
  const { docs } = host;
  return {
    integration: (call) => host.integration(call),
    docs: docs ? async (fn, args) => callDocs(docs, fn, args) : undefined,
    mcpTool: host.mcp ? (call) => host.mcp!.callTool(call) : undefined,
    mcp: host.mcp ? (fn, args) => host.mcp!.query(fn, args) : undefined,
    ...(host.output ? { output: host.output } : {}),
    ...(host.repl ? { repl: (prompt: string) => host.repl!.read(prompt) } : {}),
  };
}

/** Calls one docs producer with the arguments the prelude has already type-checked. */
export function callDocs(docs: LuaDocs, fn: DocsFunction, args: unknown[]): string {
  switch (fn) {
    case 'list':
      return docs.list();
    case 'search':
      return args[1] === undefined || args[1] === null ? docs.search(String(args[0])) : docs.search(String(args[0]), Number(args[1]));
    case 'read':
      return docs.read(String(args[0]));
    default:
      throw new Error(`unknown docs function: ${String(fn)}`);
  }
}
