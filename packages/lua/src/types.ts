/** Resource limits for one script run. Every field has a default; pass only what you change. */
export interface LuaLimits {
  /** Lua heap the script may allocate, in bytes: a whole number from 256 KiB to 1 GiB. Default 32 MiB (the anchor product's default). */
  memoryBytes: number;
  /**
   * CPU time the script may spend running Lua, in ms (the running thread's CPU time where the OS
   * gives it, Linux; wall time elsewhere). Time spent awaiting the host is not counted. At most
   * 2^31-1 ms. Default 30 000.
   */
  cpuMs: number;
  /** Total time from start to result, in ms, including awaited host calls. At most 2^31-1 ms. Default 60 000. */
  wallMs: number;
  /** Bytes print/dump may write, a whole number up to 256 MiB; later output is dropped and a truncation note is appended. Default 64 KiB. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: Readonly<LuaLimits> = Object.freeze({
  memoryBytes: 32 * 1024 * 1024,
  cpuMs: 30_000,
  wallMs: 60_000,
  outputBytes: 64 * 1024,
});

/** One `app.integrations.<path>(...)` call made by a script. */
export interface IntegrationCall {
  /** The dotted path after `app.integrations.`, e.g. "telnyx.send_sms" or "telnyx.work.send_sms". */
  path: string;
  /** The Lua arguments converted to JSON-shaped data (usually one object). */
  args: unknown[];
}

/** Synchronous producers behind `docs.*` and the `lua_*_docs` agent tools. */
export interface LuaDocs {
  list(): string;
  search(query: string, limit?: number): string;
  read(page: string): string;
}

/** The `mcp.*` functions a script can call; the names are the Lua names after `mcp.`. */
export type McpQuery = 'servers' | 'tools' | 'schema' | 'resources' | 'read_resource' | 'prompts' | 'get_prompt';

/** Upstream MCP servers as a script reaches them: `app.mcp.<server>.<tool>(args)` and `mcp.*`. */
export interface LuaMcp {
  /** app.mcp.<server>.<tool>(...): `path` is "server.tool"; same result and error rules as integration(). */
  callTool(call: IntegrationCall): Promise<unknown>;
  /** mcp.servers(), mcp.tools(server), …, with the Lua arguments as JSON-shaped data. */
  query(fn: McpQuery, args: unknown[]): Promise<unknown>;
}

/** What the caller (the CLI) provides to a run. */
export interface LuaHostFunctions {
  /**
   * Handles app.integrations.<path>(...). Resolve with JSON-shaped data (becomes a Lua table);
   * reject with an Error whose message becomes the Lua error (catchable with pcall), or with a
   * LuaHostError, whose fields make that error a table the script can read (`err.status`), which
   * still reads as its message (tostring, .., string methods). Functions are
   * dropped, class instances give their own enumerable fields, BigInts become integers. A response
   * nested deeper than 200 levels (MAX_DEPTH), or one that contains itself, becomes a catchable Lua
   * error such as "app.integrations.x.f: the response is nested deeper than 200 levels".
   */
  integration(call: IntegrationCall): Promise<unknown>;
  /** docs.list/search/read and lua_list_docs/lua_search_docs/lua_read_doc; omit to leave them out. */
  docs?: LuaDocs;
  /** app.mcp and mcp.*; omit to leave them out. */
  mcp?: LuaMcp;
  /**
   * Called with print/dump output as the script writes it (after the output cap), e.g. to show it
   * live. The run's result carries the whole output either way.
   */
  output?: (text: string) => void;
  /** Where REPL_SCRIPT reads its input; only the REPL passes it. */
  repl?: LuaRepl;
}

/** The input side of an interactive session (see repl.ts). */
export interface LuaRepl {
  /** Shows `prompt` and resolves with the next line, or null when the session ends. */
  read(prompt: string): Promise<string | null>;
}

/** How a run names its script. */
export interface LuaScriptOptions {
  /**
   * The name errors and tracebacks give the script, e.g. its file path: "report.lua:3: attempt to
   * index a nil value". Default "script".
   */
  name?: string;
}

export type LuaErrorKind = 'syntax' | 'runtime' | 'cpu_limit' | 'memory_limit' | 'wall_limit' | 'killed';

export interface LuaRunResult {
  ok: boolean;
  /** Everything print/dump wrote, capped at outputBytes. */
  output: string;
  /** The script's return value(s) as JSON-shaped data: one value, an array when several, or null. */
  result: unknown;
  /**
   * `message` carries the Lua position when there is one, e.g. "script:3: attempt to index a nil
   * value"; `traceback` the script's call stack at a runtime error ("stack traceback:\n\tscript:3: in …");
   * `details` the fields of an uncaught host-call failure that carried them (LuaHostError), e.g.
   * `{ code: 'not_found', status: 404 }`.
   */
  error: { kind: LuaErrorKind; message: string; traceback?: string; details?: Record<string, unknown> } | null;
  durationMs: number;
}
