/**
 * `switchboard mcp install`: adds (or replaces) one entry under `mcpServers` of a `.mcp.json`,
 * keeping every other entry and key of the file as it was. A file that is not a JSON object is
 * left untouched and reported, never overwritten.
 */
import { existsSync, readFileSync } from 'node:fs';
import { errorCode, replaceFile } from '../replace-file.js';

export interface InstallOptions {
  /** The `.mcp.json` to write. */
  path: string;
  /** Entry name under mcpServers. */
  name: string;
  entry: Record<string, unknown>;
}

export class InstallError extends Error {}

export type InstallOutcome = 'created' | 'added' | 'replaced' | 'unchanged';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function installMcp({ path, name, entry }: InstallOptions): InstallOutcome {
  let file: Record<string, unknown> = {};
  const exists = existsSync(path);
  if (exists) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new InstallError(`${path} cannot be read (${errorCode(error)}); nothing was written.`);
    }
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      throw new InstallError(`${path} is not valid JSON (${(error as Error).message}); fix or move it, nothing was written.`);
    }
    if (!isObject(parsed)) throw new InstallError(`${path} is not a JSON object; nothing was written.`);
    if (parsed.mcpServers !== undefined && !isObject(parsed.mcpServers)) throw new InstallError(`${path}: "mcpServers" is not an object; nothing was written.`);
    file = parsed;
  }
  const servers = (file.mcpServers as Record<string, unknown> | undefined) ?? {};
  const previous = servers[name];
  if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(entry)) return 'unchanged';
  const next = { ...file, mcpServers: { ...servers, [name]: entry } };
  // Written beside the file and renamed over it, so an interrupted install leaves the old file whole.
  try {
    replaceFile(path, `${JSON.stringify(next, null, 2)}\n`);
  } catch (error) {
    throw new InstallError(`${path} cannot be written (${errorCode(error)}); nothing was changed.`);
  }
  return !exists ? 'created' : previous === undefined ? 'added' : 'replaced';
}
