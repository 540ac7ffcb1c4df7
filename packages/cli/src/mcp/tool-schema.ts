/**
 * MCP tool input schemas without top-level `oneOf`/`anyOf`/`allOf` or `dependencies`. Some MCP
 * hosts pass tool schemas to model APIs that refuse combinators at the top level, so a required
 * group ("exactly one of src, powerpack_uuid"; "mnc needs mcc") becomes a sentence in the tool's
 * description instead. Nothing is lost: the runtime checks the groups before any request and
 * names the parameters when one is broken, and that error comes back as the tool's result.
 */
type JsonObject = Record<string, unknown>;

const GROUP_KEYWORDS = ['oneOf', 'anyOf', 'allOf', 'dependencies'] as const;

/** The names a `{ required: [name] }` branch asks for, or null when the branch says more than that. */
function requiredNames(branches: unknown): string[] | null {
  if (!Array.isArray(branches)) return null;
  const names: string[] = [];
  for (const branch of branches) {
    if (typeof branch !== 'object' || branch === null) return null;
    const { required, ...rest } = branch as JsonObject;
    if (Object.keys(rest).length > 0 || !Array.isArray(required) || required.length !== 1) return null;
    names.push(String(required[0]));
  }
  return names;
}

function groupSentences(schema: JsonObject): string[] {
  const sentences: string[] = [];
  const exactly = requiredNames(schema.oneOf);
  if (exactly) sentences.push(`Give exactly one of ${exactly.map((n) => `\`${n}\``).join(', ')}.`);
  const atLeast = requiredNames(schema.anyOf);
  if (atLeast) sentences.push(`Give at least one of ${atLeast.map((n) => `\`${n}\``).join(', ')}.`);
  if (typeof schema.dependencies === 'object' && schema.dependencies !== null) {
    for (const [given, needed] of Object.entries(schema.dependencies as JsonObject)) {
      if (Array.isArray(needed)) sentences.push(`Give ${needed.map((n) => `\`${String(n)}\``).join(' and ')} too when giving \`${given}\`.`);
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) if (typeof part === 'object' && part !== null) sentences.push(...groupSentences(part as JsonObject));
  }
  return sentences;
}

export interface FlatToolSchema<T> {
  inputSchema: T;
  /** What the removed keywords required, in words, for the tool's description. */
  constraints: string[];
}

export function flattenToolSchema<T extends JsonObject>(schema: T): FlatToolSchema<T> {
  const constraints = groupSentences(schema);
  const flat: JsonObject = { ...schema };
  for (const key of GROUP_KEYWORDS) delete flat[key];
  return { inputSchema: flat as T, constraints };
}
