import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';
import { re2Engine } from './patterns.js';

const require = createRequire(import.meta.url);

/**
 * An ajv instance that knows the formats spec schemas use (date-time, uri, email, uuid) and
 * matches every pattern in linear time, so no example can make loading hang. ajv (63 modules,
 * about 30 ms) is loaded on the first call: a valid catalog's run checks its specs with the
 * validators compiled at build time and its examples with the interpreter, and never calls this.
 */
export function createAjv(options: Options = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  // ajv-formats is CommonJS whose typings describe only a `default` export.
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
  return addFormats(new AjvClass({ allErrors: true, strict: false, code: { regExp: re2Engine }, ...options }));
}

/**
 * The keywords an instance of `createAjv` knows (`Object.keys(ajv.RULES.keywords)`), written out so
 * that the example interpreter can tell a keyword ajv would check from one it ignores without
 * loading ajv. schema-interpreter.test.ts holds it to ajv's own list.
 */
export const AJV_KEYWORDS: readonly string[] = [
  '$async', '$schema', '$id', '$defs', '$vocabulary', '$comment', 'definitions', 'id', '$ref',
  'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'multipleOf', 'maxLength', 'minLength', 'pattern',
  'maxProperties', 'minProperties', 'required', 'maxItems', 'minItems', 'uniqueItems', 'type', 'nullable', 'const', 'enum',
  'not', 'anyOf', 'oneOf', 'allOf', 'if', 'then', 'else', 'propertyNames', 'additionalProperties', 'dependencies',
  'properties', 'patternProperties', 'additionalItems', 'items', 'contains', 'format', 'title', 'description', 'default',
  'deprecated', 'readOnly', 'writeOnly', 'examples', 'contentMediaType', 'contentEncoding', 'contentSchema',
  'formatMaximum', 'formatMinimum', 'formatExclusiveMaximum', 'formatExclusiveMinimum',
];

/** The formats `createAjv` adds (ajv-formats' full set), from the one small module that defines them. */
export function ajvFormats(): Ajv['formats'] {
  return (require('ajv-formats/dist/formats') as { fullFormats: Ajv['formats'] }).fullFormats;
}
