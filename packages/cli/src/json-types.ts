/**
 * The JSON type a catalog input schema declares, read the way the generator writes it: one type,
 * or a nullable one as the pair `[type, 'null']` (a JSON-body value that may be sent as null).
 */
export interface DeclaredType {
  /** The type besides null; undefined when the schema names none (or a union: see `anyOf`). */
  type: string | undefined;
  /** JSON null is a value of its own here, not "not given". */
  nullable: boolean;
}

export function declaredType(schema: unknown): DeclaredType {
  const type = schema !== null && typeof schema === 'object' ? (schema as { type?: unknown }).type : undefined;
  if (typeof type === 'string') return { type, nullable: false };
  if (Array.isArray(type)) {
    const others = type.filter((t): t is string => typeof t === 'string' && t !== 'null');
    return { type: others.length === 1 ? others[0] : undefined, nullable: type.includes('null') };
  }
  return { type: undefined, nullable: false };
}
