/** Walking JSON Schemas by dotted paths: shared by the loader's checks and the emitters. */

export type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[]; anyOf?: Schema[] };

/** The path of a whole response body: a list of items that is the body itself (GitHub's lists). */
export const BODY_PATH = '.';

/**
 * Resolve a dotted path in a response schema; returns the schemas it may reach
 * (several when the schema branches), or none when the path does not exist.
 * BODY_PATH (or an empty path) is the schema itself.
 */
export function schemasAt(schema: Schema, path: string): Schema[] {
  if (path === BODY_PATH || path === '') return [schema];
  let current: Schema[] = [schema];
  for (const segment of path.split('.')) {
    current = current.flatMap((s) => [s, ...(s.oneOf ?? []), ...(s.anyOf ?? [])]).flatMap((s) => {
      if (/^-?\d+$/.test(segment) && s.items) return [s.items];
      const next = s.properties?.[segment];
      return next ? [next] : [];
    });
    if (current.length === 0) return [];
  }
  return current;
}

export const hasType = (schema: Schema, type: string) =>
  schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

