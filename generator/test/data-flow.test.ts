/**
 * The generator's data flows one way, YAML → loader → model → emitters, and this checks it on the
 * generator's own imports: the loader (and what it shares with the emitters) imports no emitter
 * code, and no emitter imports another emitter's modules. What several outputs share lives in the
 * model (names), `src/shared` (model → runtime data) or `emit/render`, `emit/escape`, `emit/lua`.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emitters } from '../src/emit/index.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const EMIT = join(SRC, 'emit');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative imports of one file (static, re-exports and dynamic), resolved to source files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/\bfrom\s+'(\.[^']+)'/g), ...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1] as string);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** Each emitter's own modules: the module `emit/index.ts` takes it from, and the folder of that name. */
function emitterTerritories(): Map<string, (file: string) => boolean> {
  const territories = new Map<string, (file: string) => boolean>();
  for (const module of importsOf(join(EMIT, 'index.ts'))) {
    if (module === join(EMIT, 'emitter.ts')) continue;
    const folder = module.endsWith('/index.ts') ? dirname(module) : module.replace(/\.ts$/, '');
    const inFolder = existsSync(folder) ? (file: string) => file.startsWith(`${folder}/`) : () => false;
    territories.set(relative(SRC, module), (file) => file === module || inFolder(file));
  }
  return territories;
}

describe('data flow of the generator', () => {
  const files = sourceFiles(SRC);
  const territories = emitterTerritories();

  it('finds every emitter the generator runs', () => {
    expect(territories.size).toBe(emitters.length);
  });

  it('no emitter imports another emitter’s modules', () => {
    const crossings: string[] = [];
    for (const file of files) {
      if (file === join(EMIT, 'index.ts')) continue;
      for (const target of importsOf(file)) {
        for (const [emitter, owns] of territories) {
          if (owns(target) && !owns(file)) crossings.push(`${relative(SRC, file)} imports ${relative(SRC, target)}, a module of the emitter in ${emitter}`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  it('the loader, the model and what they share import nothing from the emitters', () => {
    const upstream = files.filter((f) => f.startsWith(join(SRC, 'load') + '/') || f.startsWith(join(SRC, 'shared') + '/') || f === join(SRC, 'model.ts'));
    expect(upstream.length).toBeGreaterThan(0);
    const backwards = upstream.flatMap((file) => importsOf(file).filter((t) => t.startsWith(`${EMIT}/`)).map((t) => `${relative(SRC, file)} imports ${relative(SRC, t)}`));
    expect(backwards).toEqual([]);
  });
});
