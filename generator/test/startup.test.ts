/**
 * What a run loads: the positioned YAML parser (`yaml`) only when a spec's problem must be located,
 * and ajv only for a schema the example interpreter leaves to it, so a valid catalog's run, a
 * one-file edit among them, pays for neither import. Run in a fresh process on the built
 * generator, where the module cache shows what was loaded.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectWith } from './support.js';

const GENERATOR = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;

function runIn(root: string): { kind: string; yamlLoaded: boolean; ajvLoaded: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    import { generate } from ${JSON.stringify(GENERATOR)};
    const result = generate({ rootDir: process.argv[1], cacheDir: false });
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    const yamlLoaded = loaded.some((path) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(path));
    // ajv's runtime helpers (equality, string length) are small and always loaded; the compiler is ajv/dist/ajv.js.
    const ajvLoaded = loaded.some((path) => /[\\\\/]node_modules[\\\\/]ajv[\\\\/]dist[\\\\/]ajv\\.js$/.test(path));
    console.log(JSON.stringify({ kind: result.kind, yamlLoaded, ajvLoaded }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, root], { encoding: 'utf8' })) as { kind: string; yamlLoaded: boolean; ajvLoaded: boolean };
}

describe('what a generate run loads', () => {
  it('reads a valid catalog without loading the positioned parser or ajv', () => {
    expect(runIn(projectWith([]).root)).toEqual({ kind: 'written', yamlLoaded: false, ajvLoaded: false });
  });

  it('reads a valid catalog with block-style aliases and an old name without loading the positioned parser', () => {
    const { root } = projectWith([{ file: 'acme/create_widget.yaml', find: 'aliases: [make_widget]\n', replace: 'aliases:\n  - make_widget\nrenamed_from:\n  - name: build_widget\n    removed_in: "2.0.0"\n' }]);
    expect(runIn(root)).toEqual({ kind: 'written', yamlLoaded: false, ajvLoaded: false });
  });

  it('loads it to locate a problem', () => {
    const { root } = projectWith([{ file: 'acme/list_widgets.yaml', find: 'operation: read', replace: 'operation: read\noperation: write' }]);
    expect(runIn(root)).toMatchObject({ kind: 'invalid', yamlLoaded: true });
  });
});
