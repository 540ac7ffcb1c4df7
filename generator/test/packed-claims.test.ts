// The cache keeps every provider's name claims packed (`packClaims`); what it gives back must be
// the claims as the loader made them, for every provider of the real catalog.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/index.js';
import { checkClaims, packClaims, providerClaims, unpackClaims, type NameClaim } from '../src/load/check-names.js';
import { loadCatalog } from '../src/load/index.js';
import { copyProvider, editYaml, newRoot, REPO_SPECS } from './catalog-copies.js';

describe('packed name claims', () => {
  it('unpack to exactly the claims of each provider of the catalog, renames included, in a third of their JSON', () => {
    const loaded = loadCatalog(REPO_SPECS);
    if (!loaded.ok) throw new Error('the catalog does not load');
    let packedBytes = 0;
    let jsonBytes = 0;
    for (const provider of loaded.catalog.providers) {
      const claims = providerClaims(provider, () => ({ line: 3, column: 7 }));
      const packed = packClaims(claims);
      expect(unpackClaims(packed)).toEqual(claims);
      packedBytes += packed.length;
      jsonBytes += JSON.stringify(claims).length;
    }
    expect(packedBytes).toBeLessThan(jsonBytes / 2);
    const renamed: NameClaim = { kind: 'function name', value: 'acme.old', owner: "function 'acme.new'", file: 'acme/new.yaml', line: 2, column: 1, fix: 'drop it', rename: 'acme.new\u0000old' };
    expect(unpackClaims(packClaims([renamed]))).toEqual([renamed]);
    // What the catalog-wide check finds is the same either way.
    const clash = { ...renamed, owner: "function 'acme.other'", rename: undefined };
    delete clash.rename;
    expect(checkClaims(unpackClaims(packClaims([clash, renamed])))).toEqual(checkClaims([clash, renamed]));
  });

  it('refuses a packed text that does not hold what it says', () => {
    for (const bad of ['not json', '[["a"], [0, 0, 0]]', '[["a"], [0, 0, 0, 0, 1, 1, 0, 3]]', '{}']) expect(() => unpackClaims(bad), bad).toThrow();
  });

  it('an incremental run, which unpacks only the cached claims that share a value with a fresh one, reports a clash as a full run does', () => {
    const root = newRoot();
    try {
      const specs = join(root, 'specs');
      const providers = readdirSync(REPO_SPECS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
      for (const provider of providers) cpSync(join(REPO_SPECS, provider), join(specs, provider), { recursive: true });
      expect(generate({ rootDir: root }).kind).toBe('written');
      // A new provider taking an unchanged one's namespace and class name: clashes only the cached claims can show.
      const [taken] = providers as [string];
      copyProvider(specs, taken, `${taken}-again`);
      const takenSpec = loadCatalog(specs);
      const original = takenSpec.ok ? takenSpec.catalog.providers.find((p) => p.id === taken) : undefined;
      if (!original) throw new Error(`${taken} did not load`);
      editYaml(join(specs, `${taken}-again`, 'provider.yaml'), (doc) => {
        doc.set('namespace', original.namespace);
        doc.set('class_name', original.className);
      });
      const incremental = generate({ rootDir: root });
      const full = generate({ rootDir: root, cacheDir: false });
      if (incremental.kind !== 'invalid' || full.kind !== 'invalid') throw new Error(`expected invalid runs, got ${incremental.kind} and ${full.kind}`);
      expect(incremental.stats.parsed).toBe(1);
      expect(incremental.diagnostics.some((d) => d.message.includes('is already taken by'))).toBe(true);
      expect(incremental.diagnostics).toEqual(full.diagnostics);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
