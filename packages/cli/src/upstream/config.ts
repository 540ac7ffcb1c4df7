/**
 * The upstream MCP servers file: the `mcpServers` shape MCP clients already use (`.mcp.json`),
 * one entry per server, either a stdio command or a URL (Streamable HTTP). By default
 * `$SWITCHBOARD_HOME/mcp.json`; `--mcp-config FILE` names another.
 *
 * Each entry may also carry `"write": "allow" | "deny"`, the server's policy for tools that are
 * not annotated read-only, with the same meaning as a provider's write policy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type UpstreamTransport =
  | { kind: 'stdio'; command: string; args: string[]; env?: Record<string, string>; cwd?: string }
  | { kind: 'http'; url: string; headers?: Record<string, string> };

export interface UpstreamServerConfig {
  name: string;
  transport: UpstreamTransport;
  /** Policy for the server's non-read-only tools; null leaves it to --force / --write allow. */
  write: 'allow' | 'deny' | null;
}

export class UpstreamConfigError extends Error {}

/** Server names become Lua keys and part of `mcp__<server>__<tool>`: letters, digits, `_` and `-`, no `__`. */
const SERVER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function defaultUpstreamPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.SWITCHBOARD_HOME ?? join(homedir(), '.switchboard'), 'mcp.json');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) throw new UpstreamConfigError(`${where} must be an object of strings.`);
  return value as Record<string, string>;
}

function parseEntry(name: string, entry: unknown, file: string): UpstreamServerConfig {
  const where = `${file}: mcpServers.${name}`;
  if (!SERVER_NAME.test(name) || name.includes('__')) throw new UpstreamConfigError(`${where}: a server name takes letters, digits, '_' and '-', starts with a letter and has no '__'.`);
  if (!isObject(entry)) throw new UpstreamConfigError(`${where} must be an object with "command" or "url".`);
  const write = entry.write ?? null;
  if (write !== null && write !== 'allow' && write !== 'deny') throw new UpstreamConfigError(`${where}.write takes "allow" or "deny", not ${JSON.stringify(write)}.`);
  if (typeof entry.url === 'string') {
    if (entry.command !== undefined) throw new UpstreamConfigError(`${where} has both "command" and "url"; give one.`);
    const url = URL.canParse(entry.url) ? new URL(entry.url) : null;
    if (!url || !/^https?:$/.test(url.protocol)) throw new UpstreamConfigError(`${where}.url must be an http(s) URL, not ${JSON.stringify(entry.url)}.`);
    const headers = stringRecord(entry.headers, `${where}.headers`);
    return { name, write, transport: { kind: 'http', url: url.href, ...(headers ? { headers } : {}) } };
  }
  if (typeof entry.command !== 'string' || entry.command === '') throw new UpstreamConfigError(`${where} needs "command" (a program to start) or "url".`);
  const args = entry.args ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) throw new UpstreamConfigError(`${where}.args must be an array of strings.`);
  if (entry.cwd !== undefined && typeof entry.cwd !== 'string') throw new UpstreamConfigError(`${where}.cwd must be a string.`);
  const env = stringRecord(entry.env, `${where}.env`);
  return { name, write, transport: { kind: 'stdio', command: entry.command, args, ...(env ? { env } : {}), ...(typeof entry.cwd === 'string' ? { cwd: entry.cwd } : {}) } };
}

export function parseUpstreamConfig(text: string, file: string): UpstreamServerConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UpstreamConfigError(`${file} is not valid JSON: ${(error as Error).message}.`);
  }
  if (!isObject(parsed) || !isObject(parsed.mcpServers)) throw new UpstreamConfigError(`${file} must be an object with "mcpServers": { "<name>": { "command": …, "args": […] } | { "url": … } }.`);
  return Object.entries(parsed.mcpServers).map(([name, entry]) => parseEntry(name, entry, file));
}

/**
 * The configured upstream servers. A file named explicitly must exist; the default file is
 * optional (no upstream servers when it is missing).
 */
export function loadUpstreamServers(path: string | undefined, env: NodeJS.ProcessEnv = process.env): UpstreamServerConfig[] {
  const file = path ?? defaultUpstreamPath(env);
  if (!existsSync(file)) {
    if (path === undefined) return [];
    throw new UpstreamConfigError(`${file} does not exist; --mcp-config takes a JSON file with "mcpServers".`);
  }
  return parseUpstreamConfig(readFileSync(file, 'utf8'), file);
}
