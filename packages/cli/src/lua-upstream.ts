/**
 * Upstream MCP servers for `switchboard lua`: read from `--mcp-config FILE`, or from
 * `$SWITCHBOARD_HOME/mcp.json` when it exists. Scripts always see `app.mcp` and `mcp.*`; with no
 * servers configured, `mcp.servers()` is empty and a call says how to configure one.
 */
import { UsageError } from './io.js';
import { loadUpstreamServers, UpstreamConfigError } from './upstream/config.js';
import { UpstreamHub } from './upstream/hub.js';
import { upstreamFetch } from './proxy-transport.js';

export function upstreamForLua(mcpConfig: string | undefined, version: string, env: NodeJS.ProcessEnv = process.env): UpstreamHub {
  try {
    return new UpstreamHub(loadUpstreamServers(mcpConfig, env), version, upstreamFetch(env));
  } catch (error) {
    if (error instanceof UpstreamConfigError) throw new UsageError(error.message);
    throw error;
  }
}
