import { readFileSync } from 'node:fs';
import type { CommandHandler } from './reply.js';

/** The CLI package's own version, read from its package.json (two levels above dist/cli/ and src/cli/). */
export function cliVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
}

export const versionCommand: CommandHandler = async () => {
  const version = cliVersion();
  return { data: { version }, text: `switchboard ${version}` };
};
