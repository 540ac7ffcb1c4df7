import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsExample } from '../src/emit/render/ts-example.js';
import { shownTsExample } from '../src/emit/per-example.js';
import { loadCatalog } from '../src/index.js';

const loaded = loadCatalog(join(import.meta.dirname, '../../specs'));
if (!loaded.ok) throw new Error('the catalog does not load');
const provider = loaded.catalog.providers[0]!;
const func = provider.functions.find((f) => f.examples.length > 0)!;
const example = func.examples[0]!;

describe('snippets shared by the emitters', () => {
  it('are what the snippet functions make, and are made again for another provider or function holding the same example', () => {
    expect(shownTsExample(provider, func, example)).toBe(tsExample(provider, func, example));
    // As `withPackageVersion` makes it: the same functions and examples under another package name.
    const renamed = { ...provider, packageName: '@switchboard/renamed-for-this-test' };
    expect(shownTsExample(renamed, func, example)).toBe(tsExample(renamed, func, example));
    expect(shownTsExample(renamed, func, example)).not.toBe(shownTsExample(provider, func, example));
    const otherFunc = { ...func, names: { ...func.names, tsMethod: 'renamedForThisTest' } };
    expect(shownTsExample(provider, otherFunc, example)).toBe(tsExample(provider, otherFunc, example));
  });
});
