import type { JsonSchema } from '../model.js';
import { didYouMean } from './diagnostics.js';

/** Reports a problem at a path inside the file the schema was written in. */
export type SchemaReport = (path: Array<string | number>, message: string) => void;

const REF = /^#\/schemas\/([A-Za-z][A-Za-z0-9_]*)$/;

/**
 * Provider-level named schemas (`schemas:` in provider.yaml), each with the
 * `$ref: '#/schemas/Name'` inside it replaced by the named schema, so functions
 * and emitters see plain inlined JSON Schema exactly as if it had been copied.
 * A cycle cannot be inlined and is reported where it closes.
 */
export function resolveProviderSchemas(raw: Record<string, JsonSchema>, report: SchemaReport): Record<string, JsonSchema> {
  const resolved = new Map<string, JsonSchema>();
  const resolving: string[] = [];
  const failed = new Set<string>();
  const resolveNamed = (name: string, at: Array<string | number>): JsonSchema | null => {
    const done = resolved.get(name);
    if (done) return done;
    // Reported once already (a cycle closes for every schema on it): say it once.
    if (failed.has(name)) return null;
    if (resolving.includes(name)) {
      report(at, `schema '${name}' refers to itself through ${[...resolving.slice(resolving.indexOf(name)), name].join(' → ')}; named schemas cannot be recursive, so write the inner level out.`);
      return null;
    }
    resolving.push(name);
    const schema = inline(raw[name]!, ['schemas', name], Object.keys(raw), report, resolveNamed);
    resolving.pop();
    if (schema) resolved.set(name, schema);
    else failed.add(name);
    return schema;
  };
  for (const name of Object.keys(raw)) resolveNamed(name, ['schemas', name]);
  return Object.fromEntries(resolved);
}

/** `schema` with every `$ref` to a named schema inlined, or null when a ref could not be resolved (reported). */
export function resolveRefs(schema: unknown, at: Array<string | number>, named: Record<string, JsonSchema>, report: SchemaReport): unknown {
  // Most response schemas refer to nothing: they are used as written, without the copying walk.
  if (!containsRef(schema)) return schema;
  return inline(schema, at, Object.keys(named), report, (name) => named[name] ?? null);
}

/** Whether a `$ref` key appears anywhere in `value`, looked for as `inline` would find it. */
function containsRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsRef);
  if (value === null || typeof value !== 'object') return false;
  if ('$ref' in value) return true;
  for (const key of Object.keys(value)) if (containsRef((value as Record<string, unknown>)[key])) return true;
  return false;
}

function inline(
  node: unknown,
  at: Array<string | number>,
  names: string[],
  report: SchemaReport,
  lookup: (name: string, at: Array<string | number>) => JsonSchema | null,
): JsonSchema | null {
  let ok = true;
  const walk = (value: unknown, path: Array<string | number>): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    if ('$ref' in object) {
      const ref = object.$ref;
      const match = typeof ref === 'string' ? REF.exec(ref) : null;
      if (!match) {
        report([...path, '$ref'], `'$ref' must be '#/schemas/<Name>', naming a schema under 'schemas' in provider.yaml; found ${JSON.stringify(ref)}.`);
        ok = false;
        return value;
      }
      const name = match[1]!;
      if (Object.keys(object).length > 1) {
        report([...path, '$ref'], `a '$ref' stands alone: move the other keys into schema '${name}' or drop the ref.`);
        ok = false;
        return value;
      }
      if (!names.includes(name)) {
        report([...path, '$ref'], `schema '${name}' is not declared under 'schemas' in provider.yaml.${didYouMean(name, names)}`);
        ok = false;
        return value;
      }
      const target = lookup(name, [...path, '$ref']);
      if (!target) ok = false;
      return target ? structuredClone(target) : value;
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, walk(v, [...path, k])]));
  };
  const out = walk(node, at) as JsonSchema;
  return ok ? out : null;
}
