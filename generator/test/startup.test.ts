/**
 * What a run loads: the positioned YAML parser (`yaml`) only when a spec's problem must be located,
 * so a valid catalog's run, a one-file edit among them, does not pay for its import. Run in a fresh
 * process on the built generator, where the module cache shows what was loaded.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectWith } from './support.js';

const GENERATOR = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;

function runIn(root: string): { kind: string; yamlLoaded: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    import { generate } from ${JSON.stringify(GENERATOR)};
    const result = generate({ rootDir: process.argv[1], cacheDir: false });
    const yamlLoaded = Object.keys(createRequire(import.meta.url).cache).some((path) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(path));
    console.log(JSON.stringify({ kind: result.kind, yamlLoaded }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, root], { encoding: 'utf8' })) as { kind: string; yamlLoaded: boolean };
}

describe('what a generate run loads', () => {
  it('reads a valid catalog without loading the positioned parser', () => {
    expect(runIn(projectWith([]).root)).toEqual({ kind: 'written', yamlLoaded: false });
  });

  it('loads it to locate a problem', () => {
    const { root } = projectWith([{ file: 'acme/list_widgets.yaml', find: 'operation: read', replace: 'operation: read\noperation: write' }]);
    expect(runIn(root)).toEqual({ kind: 'invalid', yamlLoaded: true });
  });
});
