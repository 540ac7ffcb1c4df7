import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary directory per test run, removed when the run ends: every test, and every process
 * a test starts (the CLI, Chromium, tsc), makes its temporary files under it through `TMPDIR`.
 * Without it each run left 710 directories (178 MB) in the system's temporary directory: most
 * tests make their own with `mkdtemp` and never remove them, and a killed process cannot.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-test-run-'));
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = root;
  process.env.SWITCHBOARD_TEST_TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
