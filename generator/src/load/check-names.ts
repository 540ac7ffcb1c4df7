import type { Provider } from '../model.js';
import type { Diagnostic } from './diagnostics.js';
import { moduleNames } from './names.js';

type SpecPath = Array<string | number>;
/** Where in a spec file a key's value is. */
export type PositionOf = (file: string, path: SpecPath, target?: 'key' | 'value') => { line: number; column: number };

/** One derived name a provider or function takes, with where its spec says so. */
export interface NameClaim {
  kind: string;
  value: string;
  owner: string;
  file: string;
  line: number;
  column: number;
  fix: string;
  /**
   * For an old name kept by `renamed_from`: the rename it belongs to. Old names are checked after
   * every current one, so a clash is reported at the rename; once a rename's function name clashes,
   * its other old names are not reported again.
   */
  rename?: string;
}

/**
 * Every name a provider and its functions take, in catalog order. Plain data, so a provider whose
 * specs did not change can take part in the catalog-wide check without being parsed again.
 */
export function providerClaims(provider: Provider, positionOf: PositionOf): NameClaim[] {
  const claims: NameClaim[] = [];
  const claim = (kind: string, value: string, owner: string, file: string, fix = 'rename one of them', path: SpecPath = ['name'], target: 'key' | 'value' = 'value') =>
    claims.push({ kind, value, owner, file, ...positionOf(file, path, target), fix });
  const owner = `provider '${provider.id}'`;
  claim('Lua namespace', provider.namespace, owner, provider.source.file, undefined, ['id']);
  claim('TypeScript class', provider.className, owner, provider.source.file, undefined, ['id']);
  claim('environment prefix', provider.envPrefix, owner, provider.source.file, undefined, ['id']);
  for (const func of provider.functions) {
    const who = `function '${func.names.qualified}'`;
    claim('Lua path', func.names.luaPath, who, func.source.file, 'rename one of the functions or drop the alias');
    claim('TypeScript method', `${provider.className}.${func.names.tsMethod}`, who, func.source.file);
    const pages = func.binding.kind === 'http' && func.binding.pagination !== null;
    for (const name of moduleNames(func.names.tsMethod, pages)) claim(`TypeScript export of the ${provider.id} client`, name, who, func.source.file);
    claim('MCP tool', func.names.mcpTool, who, func.source.file);
    claim('function name', func.names.qualified, who, func.source.file);
  }
  // Aliases after every function's own name, so a clash is reported at `aliases:`, where the alias to drop is.
  for (const func of provider.functions) {
    for (const luaPath of func.names.luaAliases) claim('Lua path', luaPath, `function '${func.names.qualified}'`, func.source.file, 'drop the alias or rename the other function', ['aliases'], 'key');
  }
  for (const func of provider.functions) {
    const who = `function '${func.names.qualified}'`;
    for (const old of func.renamedFrom) {
      const fix = `drop '${old.name}' from renamed_from, or rename the other function`;
      const rename = `${func.names.qualified}\u0000${old.name}`;
      const at = positionOf(func.source.file, ['renamed_from'], 'key');
      claims.push({ kind: 'function name', value: old.names.qualified, owner: who, file: func.source.file, ...at, fix, rename });
      claims.push({ kind: 'Lua path', value: old.names.luaPath, owner: who, file: func.source.file, ...at, fix, rename });
      claims.push({ kind: 'TypeScript method', value: `${provider.className}.${old.names.tsMethod}`, owner: who, file: func.source.file, ...at, fix, rename });
      // The old name's standalone function shares the client module with every current export.
      claims.push({ kind: `TypeScript export of the ${provider.id} client`, value: old.names.tsMethod, owner: who, file: func.source.file, ...at, fix, rename });
    }
  }
  return claims;
}

/**
 * Every derived name must lead to exactly one function, across the whole
 * catalog: two functions with one Lua path or MCP tool would shadow each other.
 */
export function checkClaims(claims: Iterable<NameClaim>): Diagnostic[] {
  const taken = new Map<string, NameClaim>();
  const diagnostics: Diagnostic[] = [];
  const all = [...claims];
  const clashedRenames = new Set<string>();
  // Current names first, then old ones (see NameClaim.rename).
  for (const claim of [...all.filter((c) => c.rename === undefined), ...all.filter((c) => c.rename !== undefined)]) {
    if (claim.rename !== undefined && clashedRenames.has(claim.rename)) continue;
    const key = `${claim.kind}\u0000${claim.value}`;
    const earlier = taken.get(key);
    if (earlier && earlier.owner !== claim.owner) {
      diagnostics.push({
        file: claim.file,
        line: claim.line,
        column: claim.column,
        message: `${claim.kind} '${claim.value}' is already taken by ${earlier.owner} (${earlier.file}:${earlier.line}:${earlier.column}); ${claim.fix}.`,
      });
      if (claim.rename !== undefined) clashedRenames.add(claim.rename);
      continue;
    }
    taken.set(key, claim);
  }
  return diagnostics;
}

/**
 * Claims as the generation cache keeps them: one JSON text of a string table and eight numbers per
 * claim (kind, value, owner, file, line, column, fix, rename; -1 for no rename). A function's claims
 * share their owner, file and fix, and every provider shares the kinds, so this is about a third of
 * the claims' own JSON, which at 1,000 providers was two thirds of the cache index.
 */
export function packClaims(claims: readonly NameClaim[]): string {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (text: string) => {
    let found = ids.get(text);
    if (found === undefined) {
      found = strings.push(text) - 1;
      ids.set(text, found);
    }
    return found;
  };
  const rows: number[] = [];
  for (const c of claims) rows.push(id(c.kind), id(c.value), id(c.owner), id(c.file), c.line, c.column, id(c.fix), c.rename === undefined ? -1 : id(c.rename));
  return JSON.stringify([strings, rows]);
}

/** The claims `packClaims` packed, as they were; with `keep`, only those whose value it keeps. Throws on a text that does not hold what it says. */
export function unpackClaims(packed: string, keep?: (value: string) => boolean): NameClaim[] {
  const [strings, rows] = JSON.parse(packed) as [string[], number[]];
  if (!Array.isArray(strings) || !Array.isArray(rows) || rows.length % 8 !== 0 || !strings.every((s) => typeof s === 'string')) throw new Error('packed claims have the wrong shape');
  // Every number checked, kept or not: a damaged text is refused whole, not read in part.
  for (let i = 0; i < rows.length; i++) {
    const n = rows[i];
    const field = i % 8;
    const valid = Number.isInteger(n) && (field === 4 || field === 5 ? n! >= 0 : n! >= (field === 7 ? -1 : 0) && n! < strings.length);
    if (!valid) throw new Error(`packed claim ${Math.floor(i / 8)} is damaged`);
  }
  const claims: NameClaim[] = [];
  for (let i = 0; i < rows.length; i += 8) {
    const at = (k: number) => strings[rows[i + k]!]!;
    const value = at(1);
    if (keep && !keep(value)) continue;
    const claim: NameClaim = { kind: at(0), value, owner: at(2), file: at(3), line: rows[i + 4]!, column: rows[i + 5]!, fix: at(6) };
    if (rows[i + 7] !== -1) claim.rename = at(7);
    claims.push(claim);
  }
  return claims;
}
