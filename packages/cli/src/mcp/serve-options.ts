/**
 * The `mcp` options this module owns, kept apart from the command's own parsing so they move
 * with it: `--tools all|search|auto`, `--mcp-config FILE` (upstream servers to proxy) and, for
 * `mcp install`, `--file PATH` (default `./.mcp.json`).
 */
import { resolve } from 'node:path';
import { CliError, EXIT, UsageError } from '../io.js';
import { loadUpstreamServers, UpstreamConfigError } from '../upstream/config.js';
import { UpstreamHub } from '../upstream/hub.js';
import { upstreamFetch } from '../proxy-transport.js';
import { InstallError, installMcp, type InstallOutcome } from './install.js';
import { parseToolMode, type ToolModeRequest } from './tool-mode.js';

export interface ServeExtras {
  tools: ToolModeRequest;
  /** Given only with --mcp-config; otherwise the default file is read if it exists. */
  mcpConfig: string | undefined;
}

export function parseServeExtras(values: { tools?: string | undefined; 'mcp-config'?: string | undefined }, cwd: string): ServeExtras {
  const tools = parseToolMode(values.tools);
  if (tools === null) throw new UsageError(`--tools takes all, search or auto, not '${values.tools}'.`);
  // Absolute, so a `mcp config`/`mcp install` entry works from whatever directory the client starts it in.
  return { tools, mcpConfig: values['mcp-config'] === undefined ? undefined : resolve(cwd, values['mcp-config']) };
}

/** The same options as `mcp serve` arguments, for `mcp config` and `mcp install` entries. */
export function serveExtrasArgs(extras: ServeExtras): string[] {
  return [...(extras.tools !== 'auto' ? ['--tools', extras.tools] : []), ...(extras.mcpConfig ? ['--mcp-config', extras.mcpConfig] : [])];
}

/** What the gateway takes from these options; a broken upstream config is a usage error, reported before serving. */
export function gatewayExtras(extras: ServeExtras, version: string): { tools: ToolModeRequest; upstream?: UpstreamHub } {
  let servers;
  try {
    servers = loadUpstreamServers(extras.mcpConfig);
  } catch (error) {
    if (error instanceof UpstreamConfigError) throw new UsageError(error.message);
    throw error;
  }
  return { tools: extras.tools, ...(servers.length > 0 ? { upstream: new UpstreamHub(servers, version, upstreamFetch(process.env)) } : {}) };
}

/** Adds or updates the `switchboard` entry of the .mcp.json at `file` (default ./.mcp.json); other entries are kept. */
export function installEntry(entry: Record<string, unknown>, file: string | undefined, cwd: string): { path: string; outcome: InstallOutcome } {
  const path = resolve(cwd, file ?? '.mcp.json');
  try {
    return { path, outcome: installMcp({ path, name: 'switchboard', entry }) };
  } catch (error) {
    if (error instanceof InstallError) throw new CliError('install_failed', error.message, EXIT.failure);
    throw error;
  }
}
