import type { Ajv, ValidateFunction } from 'ajv';
import { formatPattern, type StringFormat } from '@switchboard/runtime';
import type { JsonSchema } from '../model.js';
import { createAjv } from './ajv.js';
import { formatOf, interpretedValidator, staticAjvFacts, type AjvFacts, type ExampleValidator } from './schema-interpreter.js';

/**
 * The string formats the runtime also checks arguments with. A value passes the example check
 * when ajv's format or the runtime's rule accepts it: the check must not refuse what the generated
 * client would send. ajv's `uri` follows RFC 3986 and refused Stripe's documented `success_url`
 * with `{CHECKOUT_SESSION_ID}` in it, which Stripe and the runtime take. Where the runtime is the
 * stricter one (a `urn:uuid:` prefix), the client check that follows refuses it in the runtime's
 * words. (`e164` becomes a `pattern` in the schema, so it needs no format here.)
 */
const RUNTIME_FORMATS: readonly StringFormat[] = ['date-time', 'date', 'uri', 'email', 'uuid'];

function eitherFormats(ajvFacts: AjvFacts): Record<string, (data: string) => boolean> {
  return Object.fromEntries(
    RUNTIME_FORMATS.map((name) => {
      const runtime = new RegExp(formatPattern(name));
      const ajvTest = formatOf(name, ajvFacts)?.test;
      return [name, (data: string) => runtime.test(data) || (ajvTest?.(data) ?? false)];
    }),
  );
}

const base = staticAjvFacts();
const runtimeOrAjv = eitherFormats(base);
const facts = { ...base, formats: { ...base.formats, ...runtimeOrAjv } };
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
  ajv ??= withRuntimeFormats(createAjv({ verbose: true }));
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

function withRuntimeFormats(instance: Ajv): Ajv {
  // The same formats as the interpreter's: createAjv's instance has the formats staticAjvFacts describes.
  for (const [name, validate] of Object.entries(runtimeOrAjv)) instance.addFormat(name, { type: 'string', validate });
  return instance;
}
