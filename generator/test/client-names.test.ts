/**
 * The loader refuses spec names that would take a name the generated client code uses for itself
 * (src/shared/client-names.ts). Those lists are only right while they match what the client
 * emitter writes, so this reads every generated client of the catalog and fails when the emitter
 * declares a class member, or imports a runtime type, that the lists do not name.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as runtime from '@switchboard/runtime';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/index.js';
import { CLIENT_CLASS_MEMBERS, RUNTIME_TYPE_IMPORTS } from '../src/shared/client-names.js';
import { moduleNames } from '../src/load/names.js';
import { REPO_SPECS } from './catalog-copies.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const loaded = loadCatalog(REPO_SPECS);
if (!loaded.ok) throw new Error(`the catalog does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
const providers = loaded.catalog.providers;

const parse = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** Names of the class's members (methods, properties, the constructor). */
function classMembers(source: ts.SourceFile, className: string): string[] {
  const declaration = source.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className);
  if (!declaration) throw new Error(`${source.fileName} declares no class ${className}`);
  return declaration.members.map((m) => (ts.isConstructorDeclaration(m) ? 'constructor' : m.name && ts.isIdentifier(m.name) ? m.name.text : m.getText()));
}

/** Type-only names the module imports from the runtime. */
function runtimeTypeImports(source: ts.SourceFile): string[] {
  return source.statements.flatMap((s) => {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== '@switchboard/runtime') return [];
    const bindings = s.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) return [];
    return bindings.elements.filter((e) => e.isTypeOnly || s.importClause?.isTypeOnly).map((e) => e.name.text);
  });
}

describe("the names the loader keeps spec names from match the generated clients'", () => {
  it('has generated clients to read', () => {
    expect(providers.length).toBeGreaterThan(0);
  });

  it.each(providers.map((p) => [p.id, p] as const))('%s: every class member besides the functions is a reserved member', (_id, provider) => {
    const members = classMembers(parse(join(REPO, provider.packageDir, 'src/client.ts')), provider.className);
    // A function's method, its item and page walkers when it pages, and its old names' methods.
    const methods = new Set(provider.functions.flatMap((f) => [...moduleNames(f.names.tsMethod, f.binding.kind === 'http' && f.binding.pagination !== null), ...f.renamedFrom.map((old) => old.names.tsMethod)]));
    const own = members.filter((m) => !methods.has(m));
    expect(own.filter((m) => !CLIENT_CLASS_MEMBERS.has(m))).toEqual([]);
    expect(own.length).toBeGreaterThan(0);
  });

  it.each(providers.map((p) => [p.id, p] as const))('%s: every runtime type its modules import is a reserved type name', (_id, provider) => {
    const imported = ['client.ts', 'provider.ts', 'functions.ts'].flatMap((file) => runtimeTypeImports(parse(join(REPO, provider.packageDir, 'src', file))));
    // A runtime value imported as a type (`type Core`) is refused by the runtime's exports themselves.
    expect(imported.filter((name) => !RUNTIME_TYPE_IMPORTS.has(name) && !Object.hasOwn(runtime, name))).toEqual([]);
    expect(imported.length).toBeGreaterThan(0);
  });
});
