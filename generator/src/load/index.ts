import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog, Func, Provider } from '../model.js';
import { buildFunction } from './build-function.js';
import { buildProvider } from './build-provider.js';
import { checkClaims, providerClaims, type NameClaim } from './check-names.js';
import { checkExamples } from './check-examples.js';
import { checkControlCharacters, mayHoldControlCharacters } from './check-control-characters.js';
import { checkExampleRequests } from './check-example-requests.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { parseSpecFile, type ParsedFile } from './parse.js';
import { classifyEntry, readSpecText, type SpecEntry } from './read-spec.js';
import { checkAgainstSchema } from './schema-check.js';
import { byCodeUnits } from '../shared/text-order.js';

export type LoadResult = { ok: true; catalog: Catalog } | { ok: false; diagnostics: Diagnostic[] };

export const PROVIDER_FILE = 'provider.yaml';

/** One folder under specs/, which holds (or should hold) one provider. */
export interface ProviderFolder {
  name: string;
  /** Real path of the folder. */
  path: string;
}

/** The provider folders under `specsDir`, and why any other entry there was refused. */
export function listProviderFolders(specsDir: string): { specsRoot: string; folders: ProviderFolder[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // Entries are resolved against the real specs/ so a symlink is judged by where it really leads.
  const specsRoot = realpathSync(specsDir);
  const folders: ProviderFolder[] = [];
  for (const entry of readdirSync(specsRoot).filter((e) => !e.startsWith('.')).sort()) {
    const found = classifyEntry(specsRoot, entry);
    if (found.kind === 'refused') diagnostics.push(found.diagnostic);
    // Files at the top (a README) are not specs; only folders hold providers.
    if (found.kind === 'directory') folders.push({ name: entry, path: found.path });
  }
  if (folders.length === 0) diagnostics.push({ file: '.', line: 1, column: 1, message: `no provider folders found in ${specsDir}.` });
  return { specsRoot, folders, diagnostics };
}

/** What loading one folder gives: the provider (null if its provider.yaml is unusable), its problems and its names. */
export interface LoadedProvider {
  provider: Provider | null;
  diagnostics: Diagnostic[];
  /** The derived names it takes, for the catalog-wide check. */
  claims: NameClaim[];
}

/**
 * Load one provider folder into the model, or report every problem found in it. Problems in one
 * file do not hide problems in another.
 */
export function loadProvider(specsRoot: string, folder: ProviderFolder): LoadedProvider {
  const diagnostics: Diagnostic[] = [];
  const parsedByFile = new Map<string, ParsedFile>();
  const entries = readdirSync(folder.path, { withFileTypes: true });
  const files = entries.map((e) => e.name).sort();
  // What the listing already says is a regular file (not a link) needs no second look before reading.
  const regular = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
  for (const stray of files.filter((f) => !f.endsWith('.yaml') && !f.startsWith('.'))) {
    diagnostics.push({ file: `${folder.name}/${stray}`, line: 1, column: 1, message: `spec files end in .yaml; rename or remove '${stray}'.` });
  }
  const parse = (name: string): ParsedFile | null => {
    const file = `${folder.name}/${name}`;
    const text = regular.has(name) ? readSpecText(file, join(folder.path, name)) : specText(specsRoot, file);
    if (!text.ok) {
      diagnostics.push(text.diagnostic);
      return null;
    }
    const result = parseSpecFile(file, text.text);
    if (!result.ok) {
      diagnostics.push(...result.diagnostics);
      return null;
    }
    parsedByFile.set(file, result.parsed);
    // Found beside any other problem: it is in the text, whatever the file's shape.
    if (mayHoldControlCharacters(text.text)) diagnostics.push(...checkControlCharacters(result.parsed));
    return result.parsed;
  };

  if (!files.includes(PROVIDER_FILE)) {
    diagnostics.push({ file: `${folder.name}/${PROVIDER_FILE}`, line: 1, column: 1, message: `every folder under specs/ needs a provider.yaml; '${folder.name}' has none.` });
    return { provider: null, diagnostics, claims: [] };
  }
  const providerFile = parse(PROVIDER_FILE);
  const providerSchemaProblems = providerFile ? checkAgainstSchema('provider', providerFile) : [];
  diagnostics.push(...providerSchemaProblems);
  const built = providerFile && providerSchemaProblems.length === 0 ? buildProvider(providerFile, folder.name) : null;
  if (built) diagnostics.push(...built.diagnostics);
  const shell = built?.provider ?? null;

  const functions: Func[] = [];
  for (const name of files.filter((f) => f.endsWith('.yaml') && f !== PROVIDER_FILE)) {
    const parsed = parse(name);
    if (!parsed) continue;
    const schemaProblems = checkAgainstSchema('function', parsed);
    diagnostics.push(...schemaProblems);
    // Without a sound provider or a schema-valid file, cross-checks would only echo those problems.
    if (schemaProblems.length > 0 || !shell) continue;
    const { func, diagnostics: functionProblems, taint } = buildFunction(parsed, name.slice(0, -'.yaml'.length), shell);
    diagnostics.push(...functionProblems);
    if (!func) continue;
    // A function with problems is still checked where they cannot reach, and still claims its names;
    // the catalog is only returned when nothing at all was found.
    const examples = checkExamples(parsed, func, taint);
    diagnostics.push(...examples.diagnostics);
    // Each example valid in itself is sent through the request builder, so its findings are new, never echoes.
    diagnostics.push(...checkExampleRequests(parsed, func, shell, examples.unbuildable));
    functions.push(func);
  }
  if (!shell) return { provider: null, diagnostics, claims: [] };
  const provider: Provider = { ...shell, functions: functions.sort((a, b) => byCodeUnits(a.name, b.name)) };
  // A function claims several names at one place: each place is looked up once.
  const places = new Map<string, { line: number; column: number }>();
  const placeOf = (file: string, path: Array<string | number>, target: 'key' | 'value' = 'value') => {
    const key = `${file}\u0000${target}\u0000${path.join('\u0000')}`;
    let place = places.get(key);
    if (!place) places.set(key, (place = parsedByFile.get(file)!.locate(path, target)));
    return place;
  };
  const claims = providerClaims(provider, placeOf);
  return { provider, diagnostics, claims };
}

/**
 * Load every provider under `specsDir` into the model, or report every problem
 * found. Problems in one file do not hide problems in another.
 */
export function loadCatalog(specsDir: string): LoadResult {
  const listed = listProviderFolders(specsDir);
  const diagnostics = [...listed.diagnostics];
  const providers: Provider[] = [];
  const claims: NameClaim[] = [];
  for (const folder of listed.folders) {
    const loaded = loadProvider(listed.specsRoot, folder);
    diagnostics.push(...loaded.diagnostics);
    claims.push(...loaded.claims);
    if (loaded.provider) providers.push(loaded.provider);
  }
  diagnostics.push(...checkClaims(claims));
  return diagnostics.length > 0 ? { ok: false, diagnostics: sortDiagnostics(diagnostics) } : { ok: true, catalog: { providers } };
}

/** The text of one `.yaml` entry, or why it cannot be a spec file. */
function specText(specsRoot: string, file: string): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  const found: SpecEntry = classifyEntry(specsRoot, file);
  const refuse = (message: string) => ({ ok: false as const, diagnostic: { file, line: 1, column: 1, message } });
  switch (found.kind) {
    case 'refused':
      return { ok: false, diagnostic: found.diagnostic };
    case 'directory':
      return refuse(`is a directory, not a spec file; spec files are YAML files directly inside specs/<provider>/.`);
    case 'other':
      return refuse(`is not a regular file (a device, socket or pipe); spec files are plain YAML files.`);
    case 'file':
      return readSpecText(file, found.path);
  }
}
