import type { RenamedFrom } from '../model.js';
import type { Report } from './build-function.js';
import * as runtime from '@switchboard/runtime';
import { camelCase, languageNameProblem, RESERVED_FUNCTION_NAMES } from './names.js';
import type { RawFunction, RawRenamedFrom } from './spec-types.js';

export const toRenamedFrom = (old: RawRenamedFrom): RenamedFrom => ({ name: old.name, removedIn: old.removed_in });

/**
 * An old name must stay unambiguous: it may not be a current name of the function or of one
 * of its parameters, nor be claimed twice. Clashes with other functions' names are found with
 * every other derived name (check-names.ts).
 */
export function checkRenames(raw: RawFunction, namespace: string, report: Report): void {
  for (const [i, old] of (raw.renamed_from ?? []).entries()) {
    const at = ['renamed_from', i, 'name'];
    const languageProblem = languageNameProblem(old.name, 'old name', namespace);
    if (old.name === raw.name) report(at, `'${old.name}' is the function's current name; renamed_from lists the names it had before.`);
    else if (raw.aliases?.includes(old.name)) report(at, `'${old.name}' is also under 'aliases'; keep it in one place: aliases stay, renamed_from names are deprecated.`);
    else if (RESERVED_FUNCTION_NAMES.has(old.name)) report(at, `'${old.name}' is reserved for the default account.`);
    else if (languageProblem) report(at, languageProblem);
    // An old name keeps its standalone function in the client module, beside the runtime imports.
    else if (Object.hasOwn(runtime, camelCase(old.name))) report(at, `old name '${old.name}' gives the TypeScript name '${camelCase(old.name)}', which the generated client imports from @switchboard/runtime; drop it from renamed_from.`);
  }
  const current = new Set(Object.keys(raw.parameters));
  const claimedBy = new Map<string, string>();
  for (const [name, p] of Object.entries(raw.parameters)) {
    for (const [i, old] of (p.renamed_from ?? []).entries()) {
      const at = ['parameters', name, 'renamed_from', i, 'name'];
      const earlier = claimedBy.get(old.name);
      if (current.has(old.name)) report(at, `'${old.name}' is still a parameter of this function; an old name must be one no parameter has now.`);
      else if (earlier) report(at, `old name '${old.name}' is already claimed by parameter '${earlier}'; one old name can lead to one parameter only.`);
      else claimedBy.set(old.name, name);
    }
  }
}
