/**
 * Generated output is the same bytes whatever the machine's locale: orderings that reach a file go
 * by code unit, never by `localeCompare`, which follows LANG (under Czech, `ch` sorts after `h`,
 * so a Czech contributor's run reordered the committed files). Each run is a real process with its
 * locale set, on the built generator.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tree } from './catalog-copies.js';
import { projectWith } from './support.js';

const GENERATOR = pathToFileURL(join(import.meta.dirname, '../dist/index.js')).href;

/** A project whose function names Czech collation orders otherwise (`check_` after `hold_`), generated under `locale`. */
function generatedUnder(locale: string): string {
  const list = readFileSync(join(import.meta.dirname, 'fixtures/acme/list_widgets.yaml'), 'utf8');
  const copy = (name: string) => ({ file: `acme/${name}.yaml`, find: null, replace: list.replace('name: list_widgets', `name: ${name}`).replace('title: List Widgets', `title: ${name}`) });
  const { root } = projectWith([copy('check_widgets'), copy('hold_widgets')]);
  const script = `
    import { generate } from ${JSON.stringify(GENERATOR)};
    const result = generate({ rootDir: process.argv[1], cacheDir: false });
    if (result.kind !== 'written') throw new Error(JSON.stringify(result.kind === 'invalid' ? result.diagnostics : result.kind));`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script, root], { env: { ...process.env, LANG: locale, LC_ALL: locale }, encoding: 'utf8' });
  return root;
}

describe('generation under another locale', () => {
  it('writes the same files, byte for byte, under Czech collation as under English', () => {
    const english = generatedUnder('en_US.UTF-8');
    const czech = generatedUnder('cs_CZ.UTF-8');
    const inEnglish = tree(join(english, 'packages'));
    const inCzech = tree(join(czech, 'packages'));
    expect([...inCzech.keys()].sort()).toEqual([...inEnglish.keys()].sort());
    expect([...inEnglish.keys()].filter((path) => inCzech.get(path) !== inEnglish.get(path))).toEqual([]);
    // And the order is the code-unit one: check_ before hold_ before list_.
    const catalog = JSON.parse(readFileSync(join(czech, 'packages/catalog/catalog.json'), 'utf8')) as { providers: Array<{ functions: Array<{ name: string }> }> };
    expect(catalog.providers[0]!.functions.map((f) => f.name)).toEqual(['check_widgets', 'create_widget', 'hold_widgets', 'list_widgets']);
  });
});
