import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog, REPO, SEEDS, seededProviders, SKIP_WITHOUT_SEEDS } from './support.js';

const catalog = readCatalog();

describe('the generated catalog', () => {
  it('lists one entry per provider folder under specs/, sorted, each with its function files counted', () => {
    const folders = readdirSync(join(REPO, 'specs'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(catalog.providers.map((p) => p.id)).toEqual(folders);
    for (const provider of catalog.providers) {
      const functionFiles = readdirSync(join(REPO, 'specs', provider.id)).filter((f) => /\.ya?ml$/.test(f) && f !== 'provider.yaml');
      expect(provider.counts.functions, provider.id).toBe(functionFiles.length);
      expect(provider.functions.map((f) => f.name).sort(), provider.id).toEqual(functionFiles.map((f) => f.replace(/\.ya?ml$/, '')).sort());
    }
  });

  it('classes every function as read or write, and the counts agree with the functions', () => {
    for (const provider of catalog.providers) {
      const reads = provider.functions.filter((f) => f.operation === 'read').length;
      expect([provider.counts.read, provider.counts.write], provider.id).toEqual([reads, provider.functions.length - reads]);
    }
  });

  const seeded = seededProviders();
  it.skipIf(seeded.length === 0)(`answers to every Lua name the seed pages use ${seeded.length ? '' : SKIP_WITHOUT_SEEDS}`, () => {
    for (const provider of catalog.providers.filter((p) => seeded.includes(p.id))) {
      const text = readFileSync(join(SEEDS, `${provider.id}.txt`), 'utf8');
      const used = new Set([...text.matchAll(new RegExp(`app\\.integrations\\.${provider.namespace}\\.(?:[a-z]+\\.)?([a-z_]+)\\(`, 'g'))].map((m) => m[1]!));
      used.delete('function_name');
      const known = new Set(provider.functions.flatMap((f) => [f.name, ...f.aliases]));
      expect([...used].filter((name) => !known.has(name)), provider.id).toEqual([]);
    }
  });
});
