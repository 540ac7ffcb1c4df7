import { didYouMean } from './diagnostics.js';
import type { PatternProblem } from './patterns.js';
import { walkSchema } from './schema-walk.js';

/**
 * The JSON Schema keywords a response schema may use (draft 2020-12 and draft-07, plus OpenAPI's
 * `example`, `nullable` and `deprecated`). Any other key is almost always a typo (`tpye`,
 * `requried`) or a YAML flow map split at a comma (`{ description: Milliseconds, including
 * ring time. }` makes a key `including ring time.`): both were silently ignored before.
 */
const KEYWORDS = new Set([
  '$schema', '$id', '$ref', '$defs', '$comment', '$anchor', 'definitions',
  'type', 'enum', 'const', 'format', 'title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', 'nullable',
  'properties', 'patternProperties', 'additionalProperties', 'required', 'propertyNames', 'minProperties', 'maxProperties', 'dependentRequired', 'dependentSchemas', 'dependencies', 'unevaluatedProperties',
  'items', 'prefixItems', 'additionalItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems', 'uniqueItems', 'unevaluatedItems',
  'minLength', 'maxLength', 'pattern', 'contentEncoding', 'contentMediaType',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else',
]);

/** Keys of a response schema that are no keyword (`x-` extensions aside), and a `required` that is not a list. */
export function schemaKeywordProblems(schema: unknown, path: Array<string | number>): PatternProblem[] {
  const problems: PatternProblem[] = [];
  walkSchema(schema, path, (node, at) => {
    for (const key of Object.keys(node)) {
      if (KEYWORDS.has(key) || key.startsWith('x-')) continue;
      const split = /[ ,.]/.test(key) ? ' A description with a comma in a flow map ({ description: a, b }) splits there: quote it.' : '';
      problems.push({ path: [...at, key], target: 'key', message: `'${key}' is not a JSON Schema keyword, so it would be ignored.${didYouMean(key, KEYWORDS)}${split} Property names go under 'properties'.` });
    }
    if (node.required !== undefined && !(Array.isArray(node.required) && node.required.every((name) => typeof name === 'string'))) {
      problems.push({ path: [...at, 'required'], target: 'value', message: `'required' lists the names of required properties, e.g. required: [id]; found ${JSON.stringify(node.required)}.` });
    }
  });
  return problems;
}
