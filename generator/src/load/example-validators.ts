import type { Ajv, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../model.js';
import { createAjv } from './ajv.js';
import { interpretedValidator, staticAjvFacts, type ExampleValidator } from './schema-interpreter.js';

const facts = staticAjvFacts();
/** Made for the first schema the interpreter leaves to ajv: most catalogs have none. */
let ajv: Ajv | undefined;

/**
 * Compiling a schema costs far more than running it (ajv generates and evaluates code), and a
 * catalog repeats shapes: list responses, pagination parameters, whole functions across providers.
 * So one validator serves every schema with the same JSON text. The text, not a sorted form, is the
 * key: key order decides the order ajv reports errors in, and with it the messages shown.
 */
const validators = new Map<string, { schema: JsonSchema; validate: ValidateFunction }>();

/** Bounds what a huge catalog of distinct schemas can hold on to; the oldest validator goes first. */
const MAX_VALIDATORS = 2_000;

/**
 * A validator for checking examples against `schema`: interpreted when the schema keeps to the
 * keywords the interpreter knows (nearly every spec schema; no compiling), else compiled by ajv.
 * Both report the same errors. Throws, with ajv's words, when the schema is not valid JSON Schema.
 */
export function validatorFor(schema: JsonSchema): ExampleValidator {
  return interpretedValidator(schema, facts) ?? compiledValidator(schema);
}

function compiledValidator(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  const known = validators.get(key);
  if (known) return known.validate;
  ajv ??= createAjv({ verbose: true });
  const validate = ajv.compile(schema);
  validators.set(key, { schema, validate });
  if (validators.size > MAX_VALIDATORS) {
    const [oldestKey, oldest] = validators.entries().next().value as [string, { schema: JsonSchema }];
    validators.delete(oldestKey);
    // ajv keeps every compiled schema by object identity until told otherwise.
    ajv.removeSchema(oldest.schema);
  }
  return validate;
}
