import type { Catalog } from '../model.js';
import type { Diagnostic } from './diagnostics.js';

interface Claim {
  owner: string;
  file: string;
  line: number;
  column: number;
}

/**
 * Every derived name must lead to exactly one function, across the whole
 * catalog: two functions with one Lua path or MCP tool would shadow each other.
 */
export function checkDerivedNames(catalog: Catalog, positionOf: (file: string) => { line: number; column: number }): Diagnostic[] {
  const claims = new Map<string, Claim>();
  const diagnostics: Diagnostic[] = [];
  const claim = (kind: string, value: string, owner: string, file: string, fix = 'rename one of them') => {
    const key = `${kind}\u0000${value}`;
    const at = positionOf(file);
    const earlier = claims.get(key);
    if (earlier && earlier.owner !== owner) {
      diagnostics.push({
        file,
        ...at,
        message: `${kind} '${value}' is already taken by ${earlier.owner} (${earlier.file}:${earlier.line}:${earlier.column}); ${fix}.`,
      });
      return false;
    }
    claims.set(key, { owner, file, ...at });
    return true;
  };

  for (const provider of catalog.providers) {
    const owner = `provider '${provider.id}'`;
    claim('Lua namespace', provider.namespace, owner, provider.source.file);
    claim('TypeScript class', provider.className, owner, provider.source.file);
    claim('environment prefix', provider.envPrefix, owner, provider.source.file);
    for (const func of provider.functions) {
      const who = `function '${func.names.qualified}'`;
      for (const luaPath of [func.names.luaPath, ...func.names.luaAliases]) {
        claim('Lua path', luaPath, who, func.source.file, 'rename one of the functions or drop the alias');
      }
      claim('TypeScript method', `${provider.className}.${func.names.tsMethod}`, who, func.source.file);
      claim('MCP tool', func.names.mcpTool, who, func.source.file);
      claim('function name', func.names.qualified, who, func.source.file);
    }
  }
  // Old names after every current one, so a clash is reported at the rename, once.
  for (const provider of catalog.providers) {
    for (const func of provider.functions) {
      const who = `function '${func.names.qualified}'`;
      for (const old of func.renamedFrom) {
        const fix = `drop '${old.name}' from renamed_from, or rename the other function`;
        if (!claim('function name', old.names.qualified, who, func.source.file, fix)) continue;
        claim('Lua path', old.names.luaPath, who, func.source.file, fix);
        claim('TypeScript method', `${provider.className}.${old.names.tsMethod}`, who, func.source.file, fix);
      }
    }
  }
  return diagnostics;
}
