/**
 * A client's parameter types are derived by the compiler from its argument rules (`ArgsOf` over
 * an `as const` rule) instead of being written out. This holds every function of every provider
 * in the catalog to the type the generator used to write out, member by member (from the model,
 * with the generator's own `valueType`): the same members, literal types, optionality and
 * mutability (an exact type equality), and the same doc comment on every member at every depth.
 * It compiles against the built packages' declaration files, which is what a user's editor reads.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type Func, type Provider } from '@switchboard/generator';
import { valueType } from '../../generator/src/emit/render/ts-types.js';
import { REPO } from '../support.js';

const loaded = loadCatalog(join(REPO, 'specs'));
if (!loaded.ok) throw new Error('specs/ does not load; run switchboard validate');
const providers = loaded.catalog.providers;

/** What the written-out types held; required groups and old parameter names still are written out. */
const comparable = (func: Func) => func.binding.kind === 'http' && func.requiredGroups.length === 0 && func.parameters.every((p) => p.renamedFrom.length === 0);
const docOf = (p: Func['parameters'][number]) =>
  [p.schema.description, p.sentWhenOmitted ? `Sent as ${JSON.stringify(p.sentWhenOmitted.value)} when omitted.` : null, p.deprecated ? `@deprecated ${p.deprecated}` : null].filter(Boolean).join(' ');
const comment = (text: string) => (text ? `/** ${text.replace(/\s+/g, ' ').trim().replace(/\*\//g, '*\\/')} */\n  ` : '');
const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

/** The type the generator wrote out before the types were derived. */
function expectedType(func: Func): string {
  const members = func.parameters.map((p) => `  ${comment(docOf(p))}${key(p.name)}${p.required ? '' : '?'}: ${valueType(p.schema, '  ')};`);
  return `{\n${members.join('\n')}\n}`;
}

interface Pair {
  provider: Provider;
  func: Func;
  label: string;
}

const CHECK_FILE = join(REPO, 'test/clients/derived-params.check.ts');

/** One source file: per function, the expected interface, an equality check and two variables to compare docs on. */
function checkSource(pairs: Pair[]): string {
  // The written-out type of a file parameter names the runtime's FileInput.
  const lines = ['type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;', "import type { FileInput } from '@switchboard/runtime';"];
  providers.forEach((provider, i) => lines.push(`import type * as P${i} from '${provider.packageName}';`));
  pairs.forEach(({ provider, func }, n) => {
    const actual = `P${providers.indexOf(provider)}.${func.names.tsType}Params`;
    lines.push(`interface Expected${n} ${expectedType(func)}`, `export const equal${n}: Equal<${actual}, Expected${n}> = true;`, `export declare const actual${n}: ${actual};`, `export declare const expected${n}: Expected${n};`);
  });
  return lines.join('\n');
}

function compile(source: string): { program: ts.Program; file: ts.SourceFile } {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === CHECK_FILE ? source : read(name));
  host.fileExists = (name) => name === CHECK_FILE || exists(name);
  host.getSourceFile = (name, language, ...rest) => (name === CHECK_FILE ? ts.createSourceFile(name, source, language, true) : getSourceFile(name, language, ...rest));
  const program = ts.createProgram([CHECK_FILE], options, host);
  return { program, file: program.getSourceFile(CHECK_FILE)! };
}

/** A member's doc as an editor shows it: the comment, then each tag. */
function docText(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const tags = symbol.getJsDocTags(checker).map((t) => ` @${t.name}${t.text ? ` ${ts.displayPartsToString(t.text)}` : ''}`);
  return `${ts.displayPartsToString(symbol.getDocumentationComment(checker))}${tags.join('')}`;
}

/** Every member's doc, by path, through nested objects, lists and unions (union members in a stable order). */
function docsOf(type: ts.Type, checker: ts.TypeChecker, path: string, out: Map<string, string>, depth = 0): void {
  if (depth > 8) return;
  if (type.isUnion()) {
    const members = type.types.filter((t) => checker.getPropertiesOfType(t).length > 0 && !checker.isArrayLikeType(t));
    const named = members.map((t) => [checker.getPropertiesOfType(t).map((p) => p.name).join(','), t] as const).sort(([a], [b]) => a.localeCompare(b));
    named.forEach(([, t], i) => docsOf(t, checker, `${path}|${i}`, out, depth + 1));
    for (const t of type.types.filter((t) => checker.isArrayLikeType(t))) docsOf(t, checker, `${path}[]`, out, depth + 1);
    return;
  }
  if (checker.isArrayLikeType(type)) {
    for (const element of checker.getTypeArguments(type as ts.TypeReference)) docsOf(element, checker, `${path}[]`, out, depth + 1);
    return;
  }
  for (const property of checker.getPropertiesOfType(type)) {
    const at = `${path}.${property.name}`;
    out.set(at, docText(property, checker));
    docsOf(checker.getNonNullableType(checker.getTypeOfSymbol(property)), checker, at, out, depth + 1);
  }
}

describe('parameter types derived from the argument rules', () => {
  const pairs: Pair[] = providers.flatMap((provider) => provider.functions.filter(comparable).map((func) => ({ provider, func, label: `${provider.id}.${func.name}` })));
  const { program, file } = compile(checkSource(pairs));
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(file)!);
  const variable = (name: string) => {
    const symbol = exported.find((s) => s.name === name);
    if (!symbol) throw new Error(`no ${name} in the check file`);
    return checker.getTypeOfSymbol(symbol);
  };

  it('cover most functions of the catalog', () => {
    expect(pairs.length).toBeGreaterThan(providers.length);
  });

  it('equal the written-out types exactly: members, literal types, optionality, mutability', () => {
    const problems = ts.getPreEmitDiagnostics(program, file).map((d) => {
      const at = d.start === undefined ? '' : (file.text.slice(0, d.start).match(/equal(\d+)/g)?.pop() ?? '');
      const pair = at ? pairs[Number(at.replace('equal', ''))] : undefined;
      return `${pair?.label ?? '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });

  it('carry the doc comment of every member at every depth, in the built declaration files', () => {
    const differences: string[] = [];
    let documented = 0;
    pairs.forEach(({ label }, n) => {
      const expected = new Map<string, string>();
      const actual = new Map<string, string>();
      docsOf(variable(`expected${n}`), checker, label, expected);
      docsOf(variable(`actual${n}`), checker, label, actual);
      for (const [path, doc] of expected) {
        if (doc) documented += 1;
        if (actual.get(path) !== doc) differences.push(`${path}: expected ${JSON.stringify(doc)}, got ${JSON.stringify(actual.get(path))}`);
      }
    });
    expect(differences).toEqual([]);
    // The catalog documents its parameters; a walk that found none would prove nothing.
    expect(documented).toBeGreaterThan(pairs.length);
  });
});
