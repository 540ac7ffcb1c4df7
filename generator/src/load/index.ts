import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog, Func, Provider } from '../model.js';
import { buildFunction } from './build-function.js';
import { buildProvider } from './build-provider.js';
import { checkDerivedNames } from './check-names.js';
import { checkExamples } from './check-examples.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { parseSpecFile, type ParsedFile } from './parse.js';
import { checkAgainstSchema } from './schema-check.js';

export type LoadResult = { ok: true; catalog: Catalog } | { ok: false; diagnostics: Diagnostic[] };

const PROVIDER_FILE = 'provider.yaml';

/**
 * Load every provider under `specsDir` into the model, or report every problem
 * found. Problems in one file do not hide problems in another.
 */
export function loadCatalog(specsDir: string): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const providers: Provider[] = [];
  const parsedByFile = new Map<string, ParsedFile>();

  const folders = readdirSync(specsDir)
    .filter((entry) => !entry.startsWith('.') && statSync(join(specsDir, entry)).isDirectory())
    .sort();

  for (const folder of folders) {
    const files = readdirSync(join(specsDir, folder)).sort();
    for (const stray of files.filter((f) => !f.endsWith('.yaml') && !f.startsWith('.'))) {
      diagnostics.push({ file: `${folder}/${stray}`, line: 1, column: 1, message: `spec files end in .yaml; rename or remove '${stray}'.` });
    }
    const parse = (name: string): ParsedFile | null => {
      const file = `${folder}/${name}`;
      const result = parseSpecFile(file, readFileSync(join(specsDir, folder, name), 'utf8'));
      if (!result.ok) {
        diagnostics.push(...result.diagnostics);
        return null;
      }
      parsedByFile.set(file, result.parsed);
      return result.parsed;
    };

    if (!files.includes(PROVIDER_FILE)) {
      diagnostics.push({ file: `${folder}/${PROVIDER_FILE}`, line: 1, column: 1, message: `every folder under specs/ needs a provider.yaml; '${folder}' has none.` });
      continue;
    }
    const providerFile = parse(PROVIDER_FILE);
    const providerSchemaProblems = providerFile ? checkAgainstSchema('provider', providerFile) : [];
    diagnostics.push(...providerSchemaProblems);
    const built = providerFile && providerSchemaProblems.length === 0 ? buildProvider(providerFile, folder) : null;
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
      const { func, diagnostics: functionProblems } = buildFunction(parsed, name.slice(0, -'.yaml'.length), shell);
      diagnostics.push(...functionProblems);
      if (!func) continue;
      diagnostics.push(...checkExamples(parsed, func));
      functions.push(func);
    }
    if (shell) providers.push({ ...shell, functions: functions.sort((a, b) => a.name.localeCompare(b.name)) });
  }

  const catalog: Catalog = { providers };
  diagnostics.push(
    ...checkDerivedNames(catalog, (file) => parsedByFile.get(file)!.locate(file.endsWith(PROVIDER_FILE) ? ['id'] : ['name'])),
  );
  if (folders.length === 0) diagnostics.push({ file: '.', line: 1, column: 1, message: `no provider folders found in ${specsDir}.` });
  return diagnostics.length > 0 ? { ok: false, diagnostics: sortDiagnostics(diagnostics) } : { ok: true, catalog };
}
