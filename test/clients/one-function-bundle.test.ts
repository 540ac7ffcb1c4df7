import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support.js';

/**
 * Every function of a client lives in one module (`functions.ts`), so nothing but the bundler's
 * removal of unused declarations keeps a program that calls one function from carrying the
 * others' operation literals, argument rules and page walkers. Each client's every standalone
 * function is bundled for the browser as a program would call it, and no other operation's id may
 * be in the output; a declaration the bundler cannot drop (a top-level call, a side effect) fails here.
 */

const clients = readdirSync(join(REPO, 'packages/clients')).sort();

interface Operation {
  id: string;
}

/** Each standalone function of a client, by the exported `…Operation` literal it calls. */
async function functionsOf(client: string): Promise<Array<{ name: string; id: string }>> {
  const exports = (await import(pathToFileURL(join(REPO, 'packages/clients', client, 'dist/index.js')).href)) as Record<string, unknown>;
  return Object.entries(exports)
    .filter((entry): entry is [string, Operation] => entry[0].endsWith('Operation') && typeof (entry[1] as Operation | null)?.id === 'string')
    .map(([constName, op]) => ({ name: constName.slice(0, -'Operation'.length), id: op.id }))
    .filter((f) => typeof exports[f.name] === 'function');
}

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: join(REPO, 'test'), loader: 'js', sourcefile: 'program.mjs' },
    bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('a program calling one function bundles no other function of its client', () => {
  for (const client of clients) {
    it(client, async () => {
      const { name: packageName } = JSON.parse(readFileSync(join(REPO, 'packages/clients', client, 'package.json'), 'utf8')) as { name: string };
      const functions = await functionsOf(client);
      expect(functions.length).toBeGreaterThan(1);
      for (const { name, id } of functions) {
        const code = await bundle(`import { createCore, ${name} } from '${packageName}';\nconsole.log(await ${name}(createCore(), {}));`);
        expect(code, `${client}: ${name}`).toContain(JSON.stringify(id));
        const others = functions.filter((f) => f.id !== id && code.includes(JSON.stringify(f.id))).map((f) => f.id);
        expect(others, `${client}: bundling ${name} also carries`).toEqual([]);
      }
    }, 120_000);
  }
});
