/**
 * Example response keys the response schema does not declare. A slip in YAML (an unquoted
 * comma in a flow mapping turns `T-MOBILE USA, INC.` into a key `INC.` with a null value) or a
 * misspelt key passes an open schema unnoticed and then shows up in docs, mocks and sandbox.
 *
 * Rule: where a schema object declares `properties` (or `patternProperties`) and does not say
 * `additionalProperties`, every key of the example object must be declared. Saying
 * `additionalProperties: true` (or giving it a schema) opts out for that object; with
 * `additionalProperties: false` the schema itself already rejects the key.
 */
import { didYouMean } from './diagnostics.js';
import { patternMatches } from './patterns.js';

type SchemaObject = Record<string, unknown>;
const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface UndeclaredKey {
  /** Path of the key within the example body. */
  path: Array<string | number>;
  message: string;
}

export function undeclaredExampleKeys(body: unknown, schema: unknown): UndeclaredKey[] {
  const found: UndeclaredKey[] = [];
  const resolve = (node: unknown): SchemaObject | null => {
    if (!isObject(node)) return null;
    if (typeof node.$ref !== 'string' || !node.$ref.startsWith('#')) return node;
    // Local references only; follow at most a few hops so a self-reference cannot loop.
    let target: unknown = schema;
    for (const part of node.$ref.slice(1).split('/').filter(Boolean)) {
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    return isObject(target) && target !== node ? target : null;
  };

  const walk = (value: unknown, node: unknown, path: Array<string | number>, depth: number): void => {
    const current = resolve(node);
    if (!current || depth > 64) return;
    if (Array.isArray(value)) {
      if (isObject(current.items)) value.forEach((item, i) => walk(item, current.items, [...path, i], depth + 1));
      return;
    }
    if (!isObject(value)) return;
    // A union or intersection declares what any of its branches declares.
    const branches = [current, ...(['allOf', 'anyOf', 'oneOf'] as const).flatMap((k) => (Array.isArray(current[k]) ? (current[k] as unknown[]) : []))]
      .map(resolve)
      .filter((b): b is SchemaObject => b !== null);
    const properties = new Map<string, unknown>();
    const patterns: string[] = [];
    const additional = branches.map((b) => b.additionalProperties).find(isObject);
    let open = false;
    let closed = false;
    for (const branch of branches) {
      for (const [name, sub] of Object.entries(isObject(branch.properties) ? branch.properties : {})) if (!properties.has(name)) properties.set(name, sub);
      if (isObject(branch.patternProperties)) patterns.push(...Object.keys(branch.patternProperties));
      if (branch.additionalProperties === false) closed = true;
      else if (branch.additionalProperties !== undefined) open = true;
      // A branch that declares nothing about keys accepts any: the union is open.
      else if (branch !== current && !isObject(branch.properties) && !isObject(branch.patternProperties)) open = true;
    }
    const declares = properties.size > 0 || patterns.length > 0;
    for (const [key, item] of Object.entries(value)) {
      const declared = properties.get(key);
      if (declared !== undefined) {
        walk(item, declared, [...path, key], depth + 1);
        continue;
      }
      if (patterns.some((p) => patternMatches(p, key))) continue;
      if (additional) walk(item, additional, [...path, key], depth + 1);
      if (!declares || open || closed) continue;
      const names = [...properties.keys()];
      const nullHint = item === null ? ' Its value is null: in a flow mapping an unquoted comma starts a new key, so quote values that contain commas.' : '';
      const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
      found.push({
        path: [...path, key],
        message: `example response key '${key}' is not declared in the response schema${where ? ` at '${where}'` : ''}.${didYouMean(key, names)}${nullHint} Declared keys: ${names.join(', ')}; declare it, or set additionalProperties: true there.`,
      });
    }
  };

  walk(body, schema, [], 0);
  return found;
}
