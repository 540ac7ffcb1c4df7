import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog, REPO, scratchProject, switchboard } from '../support.js';

describe('switchboard validate', () => {
  it('passes on the committed specs', () => {
    const run = switchboard(['validate']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { providers } = readCatalog();
    const functions = providers.reduce((n, p) => n + p.counts.functions, 0);
    expect(run.stdout).toBe(`${providers.length} providers, ${functions} functions: all specs valid.\n`);
  });

  it('prints every problem at once with file:line:col and exits 1', () => {
    const root = scratchProject(['specs']);
    const send = join(root, 'specs/telnyx/send_sms.yaml');
    writeFileSync(send, readFileSync(send, 'utf8').replace('operation: write', 'operation: wirte'));
    const list = join(root, 'specs/telnyx/list_calls.yaml');
    writeFileSync(list, readFileSync(list, 'utf8').replace('    wire: page[size]', '    wrie: page[size]'));
    const run = switchboard(['validate'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^telnyx\/list_calls\.yaml:\d+:5: unknown key 'wrie' in 'parameters\.page_size'\. Did you mean 'wire'\?/m);
    expect(run.stderr).toMatch(/^telnyx\/send_sms\.yaml:\d+:12: 'operation' must be one of read, write; found "wirte"\. Did you mean 'write'\?$/m);
    expect(run.stderr).toMatch(/2 problem\(s\) found/);
  });

  it('exits 2 on bad usage', () => {
    expect(switchboard(['validate', 'a', 'b']).status).toBe(2);
    expect(switchboard(['frobnicate']).status).toBe(2);
  });
});

describe('switchboard generate --check', () => {
  it('passes on the committed output', () => {
    const run = switchboard(['generate', '--check']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails naming a hand-edited generated file and the command that fixes it, writing nothing', () => {
    const root = scratchProject();
    const file = join(root, 'packages/catalog/catalog.json');
    const edited = readFileSync(file, 'utf8').replace('"Send SMS"', '"Send a text"');
    writeFileSync(file, edited);
    const run = switchboard(['generate', '--check'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('stale: packages/catalog/catalog.json (differs)');
    expect(run.stderr).toContain('Run `npm run generate`');
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('generate repairs it, and a second generate writes nothing', () => {
    const root = scratchProject();
    const file = join(root, 'packages/catalog/catalog.json');
    writeFileSync(file, '{}\n');
    const repaired = switchboard(['generate'], { cwd: root }).stdout;
    expect(repaired).toMatch(/1 written/);
    // Written output is not yet what the packages and their tests run: the build makes that.
    expect(repaired).toContain('Run `npm run build` before using the packages or running their tests');
    const again = switchboard(['generate'], { cwd: root }).stdout;
    expect(again).toMatch(/0 written, 0 removed/);
    expect(again).not.toContain('npm run build');
    expect(switchboard(['generate', '--check'], { cwd: root }).status).toBe(0);
  });

  it('--json gives what the cache saved and each phase\'s timing; --no-cache loads every provider again', () => {
    const root = scratchProject();
    const cached = JSON.parse(switchboard(['generate', '--json'], { cwd: root }).stdout);
    expect(cached.meta.stats).toMatchObject({ parsed: expect.any(Number), emitted: expect.any(Number) });
    expect(cached.meta.timings.length).toBeGreaterThan(0);
    for (const t of cached.meta.timings) expect(t).toEqual({ phase: expect.any(String), ms: expect.any(Number) });
    const again = JSON.parse(switchboard(['generate', '--json'], { cwd: root }).stdout);
    expect(again.meta.stats).toMatchObject({ parsed: 0, emitted: 0 });
    const uncached = JSON.parse(switchboard(['generate', '--json', '--no-cache'], { cwd: root }).stdout);
    expect(uncached.meta.stats.parsed).toBe(uncached.meta.stats.providers);
    expect(uncached.data).toMatchObject({ written: [], removed: [] });
  });

  it('--jobs N loads and emits with N - 1 worker threads beside the main one and writes the same files; a bad count is refused before anything is read', () => {
    const root = scratchProject();
    const threaded = JSON.parse(switchboard(['generate', '--json', '--no-cache', '--jobs', '3'], { cwd: root }).stdout);
    expect(threaded.meta.stats).toMatchObject({ workers: 2, parsed: threaded.meta.stats.providers });
    expect(threaded.data).toMatchObject({ written: [], removed: [] });
    for (const bad of ['0', '1.5', 'many']) {
      const run = switchboard(['generate', '--jobs', bad], { cwd: root });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('--jobs takes a whole number of 1 or more');
    }
  });

  it("the generator's own entry point (the build's) explains every option of its usage line with --help, and generates nothing", () => {
    const root = scratchProject(['specs']);
    const run = spawnSync(process.execPath, [join(REPO, 'generator/dist/cli.js'), '--help', root], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const [usage, ...rest] = run.stdout.split('\n');
    const options = usage!.match(/--[a-z-]+/g) ?? [];
    expect(options.length).toBeGreaterThan(2);
    for (const option of options) expect(rest.some((line) => line.trimStart().startsWith(option)), option).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['package.json', 'specs']);
  });

  it("the generator's own entry point refuses a root without specs/ as a usage error, writing nothing", () => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-no-specs-'));
    const run = spawnSync(process.execPath, [join(REPO, 'generator/dist/cli.js'), join(root, 'validate')], { encoding: 'utf8', cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('has no specs/ folder; give the project root');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(root)).toEqual([]);
  });
});
