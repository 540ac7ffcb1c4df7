import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support.js';

interface CatalogFunction {
  name: string;
  aliases: string[];
  operation: 'read' | 'write';
  names: { lua: string; lua_aliases: string[] };
}
const catalog = JSON.parse(readFileSync(join(REPO, 'packages/catalog/catalog.json'), 'utf8')) as {
  providers: Array<{ id: string; namespace: string; counts: { functions: number; read: number; write: number }; functions: CatalogFunction[] }>;
};

describe('the generated catalog', () => {
  it('lists 52 functions across the five providers', () => {
    expect(catalog.providers.map((p) => [p.id, p.counts.functions])).toEqual([
      ['dialpad', 7],
      ['plivo', 7],
      ['retell-ai', 24],
      ['sinch', 7],
      ['telnyx', 7],
    ]);
  });

  it('classes every function as read or write, as the seed pages do', () => {
    const byProvider = Object.fromEntries(catalog.providers.map((p) => [p.id, [p.counts.read, p.counts.write]]));
    expect(byProvider).toEqual({ dialpad: [6, 1], plivo: [6, 1], 'retell-ai': [12, 12], sinch: [6, 1], telnyx: [6, 1] });
  });

  const SEEDS = join(REPO, '../shared/seeds');
  it.skipIf(!existsSync(SEEDS))('answers to every Lua name the seed pages use', () => {
    for (const provider of catalog.providers) {
      const text = readFileSync(join(SEEDS, `${provider.id}.txt`), 'utf8');
      const used = new Set([...text.matchAll(new RegExp(`app\\.integrations\\.${provider.namespace}\\.(?:[a-z]+\\.)?([a-z_]+)\\(`, 'g'))].map((m) => m[1]!));
      used.delete('function_name');
      const known = new Set(provider.functions.flatMap((f) => [f.name, ...f.aliases]));
      expect([...used].filter((name) => !known.has(name)), provider.id).toEqual([]);
    }
  });
});
