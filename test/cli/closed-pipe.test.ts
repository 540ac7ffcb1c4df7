import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO } from '../support.js';

/** Runs a command whose standard output is closed before it writes (a reader like `head -1` that stopped). */
function withClosedOutput(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed output pipe ends the output quietly (EPIPE)', () => {
  it.each([
    ['switchboard validate', [CLI, 'validate']],
    ['switchboard list', [CLI, 'list']],
    ['the generator', [join(REPO, 'generator/dist/cli.js'), '--check']],
  ])('%s', async (_name, args) => {
    const { code, stderr } = await withClosedOutput(args);
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  }, 120_000);
});
