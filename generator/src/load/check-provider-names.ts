import * as runtime from '@switchboard/runtime';
import { LUA_KEYWORDS, RUNTIME_TYPE_IMPORTS } from '../shared/client-names.js';
import { camelCase } from './names.js';
import type { RawProvider } from './spec-types.js';

const RUNTIME_OPTIONS: ReadonlySet<string> = new Set(runtime.CLIENT_OPTION_NAMES);

interface NameProblem {
  path: Array<string | number>;
  message: string;
  target: 'key' | 'value';
}

/**
 * A provider's derived names must be usable where they land: its namespace in Lua paths, its class
 * and options type beside what the generated modules import from the runtime, its fields' options
 * beside the runtime's own client options. Each would otherwise pass validation and fail later, in
 * a Lua script that does not parse or a client that does not compile.
 */
export function providerNameProblems(raw: RawProvider, namespace: string, className: string): NameProblem[] {
  const problems: NameProblem[] = [];
  if (LUA_KEYWORDS.has(namespace)) {
    problems.push({ path: [raw.namespace === undefined ? 'id' : 'namespace'], target: 'value', message: `Lua namespace '${namespace}' is a Lua keyword, so app.integrations.${namespace}.<function>{…} would not parse; set 'namespace' to another name.` });
  }
  const classPath = [raw.class_name === undefined ? 'id' : 'class_name'];
  const optionsType = `${className}Options`;
  if (Object.hasOwn(runtime, className) || RUNTIME_TYPE_IMPORTS.has(className)) {
    problems.push({ path: classPath, target: 'value', message: `client class '${className}' would take the name of an export of @switchboard/runtime, which the generated package imports and re-exports; set 'class_name' to another name.` });
  } else if (RUNTIME_TYPE_IMPORTS.has(optionsType)) {
    problems.push({ path: classPath, target: 'value', message: `client class '${className}' gives the options type '${optionsType}', which the generated package imports from @switchboard/runtime; set 'class_name' to another name.` });
  }
  for (const key of Object.keys(raw.fields)) {
    const option = camelCase(key);
    if (RUNTIME_OPTIONS.has(option)) {
      problems.push({ path: ['fields', key], target: 'key', message: `field '${key}' gives the client option '${option}', which is already a runtime option of every client; rename the field (its name is ours, not the provider's).` });
    }
  }
  return problems;
}
