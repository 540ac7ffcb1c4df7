/**
 * Finding the browser for the docs-site tests on a machine that is not CI's (Debian, root, apt):
 * CHROMIUM_PATH, or a browser in a usual place, and otherwise a stop that says what to do.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { REPO } from '../support.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
const executable = join(dir, 'chrome');
writeFileSync(executable, '#!/bin/sh\nexit 0\n');
chmodSync(executable, 0o755);
const plainFile = join(dir, 'not-executable');
writeFileSync(plainFile, '');
const missing = join(dir, 'missing');

describe('findChromium', () => {
  it('takes CHROMIUM_PATH when it is an executable file', () => {
    expect(findChromium({ CHROMIUM_PATH: executable }, [])).toEqual({ path: executable });
  });

  it('refuses a CHROMIUM_PATH that is not an executable file instead of running another browser', () => {
    for (const given of [plainFile, missing, dir]) {
      expect(findChromium({ CHROMIUM_PATH: given }, [executable])).toEqual({ problem: `CHROMIUM_PATH is ${JSON.stringify(given)}, which is not an executable file.` });
    }
  });

  it('otherwise takes the first usual place that holds one', () => {
    expect(findChromium({}, [missing, plainFile, executable])).toEqual({ path: executable });
  });

  it('says where it looked and what to do when there is none', () => {
    const found = findChromium({}, [missing]);
    expect(found).toEqual({ problem: expect.stringContaining(`looked in ${missing}`) });
    expect(found).toEqual({ problem: expect.stringContaining('set CHROMIUM_PATH') });
  });
});

describe('scripts/ensure-chromium.sh', () => {
  const ensure = (env: Record<string, string>) => spawnSync('bash', [join(REPO, 'scripts/ensure-chromium.sh')], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('is done at once with the browser CHROMIUM_PATH names', () => {
    const run = ensure({ CHROMIUM_PATH: executable });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('stops with the reason when CHROMIUM_PATH names no browser, and installs nothing in its place', () => {
    const run = ensure({ CHROMIUM_PATH: missing });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`CHROMIUM_PATH is ${JSON.stringify(missing)}, which is not an executable file.\n`);
    expect(run.stdout).toBe('');
  });
});
