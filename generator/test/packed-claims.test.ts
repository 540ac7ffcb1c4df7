// The cache keeps every provider's name claims packed (`packClaims`); what it gives back must be
// the claims as the loader made them, for every provider of the real catalog.
import { describe, expect, it } from 'vitest';
import { checkClaims, packClaims, providerClaims, unpackClaims, type NameClaim } from '../src/load/check-names.js';
import { loadCatalog } from '../src/load/index.js';
import { REPO_SPECS } from './catalog-copies.js';

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
});
