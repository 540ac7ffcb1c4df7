import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import setupTempRoot from '../temp-root.js';

describe('the test run’s temporary directory', () => {
  it('is where this test, and a process it starts, make their temporary files', () => {
    const root = process.env.SWITCHBOARD_TEST_TMPDIR;
    expect(root && basename(root)).toMatch(/^switchboard-test-run-/);
    expect(tmpdir()).toBe(root);
    const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], { encoding: 'utf8' });
    expect(child).toBe(root);
  });

  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP, SWITCHBOARD_TEST_TMPDIR: process.env.SWITCHBOARD_TEST_TMPDIR };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('is removed with everything in it when the run ends', () => {
    const teardown = setupTempRoot();
    const root = tmpdir();
    expect(dirname(root)).toBe(saved.TMPDIR);
    mkdirSync(join(root, 'switchboard-spec-x', 'deep'), { recursive: true });
    writeFileSync(join(root, 'switchboard-spec-x', 'deep', 'provider.yaml'), 'id: x\n');
    teardown();
    expect(existsSync(root)).toBe(false);
  });
});
