import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FunctionBinding, ProviderBinding } from '@switchboard/bindings';
import * as mocks from '@switchboard/mocks';
import type { FunctionExample, ProviderExamples } from '@switchboard/testing';

const require = createRequire(import.meta.url);
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, logger: false }));
const compiled = new Map<object, ValidateFunction>();

/** An independent ajv validator for a schema (the test's own, not the code under test's). */
export function validatorOf(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

export function schemaProblems(schema: object | null, data: unknown): string[] {
  if (schema === null) return data === null || data === undefined ? [] : ['a body came back for a function that documents none'];
  const validate = validatorOf(schema);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`);
}

/** Every documented example of every provider, from the generated mocks (no provider named here). */
const allExamples: FunctionExample[] = Object.values(mocks)
  .filter((value): value is ProviderExamples => typeof value === 'object' && value !== null && 'examples' in value && 'servers' in value)
  .flatMap((data) => data.examples);

/** The documented successful examples of a function. */
export function successExamples(fn: FunctionBinding): FunctionExample[] {
  return allExamples.filter((e) => e.function === fn.qualified && e.response.status < 400);
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

type PropertySchema = {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  contentEncoding?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  properties?: Record<string, PropertySchema>;
  additionalProperties?: boolean | PropertySchema;
  items?: PropertySchema;
};

/** Another valid value for one argument, or undefined when the schema leaves no obvious other choice. */
function otherValue(schema: PropertySchema, value: unknown): unknown {
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => canonical(v) !== canonical(value));
  // A file's bytes in base64 (a file parameter's `content_base64`): other bytes, still base64.
  if (schema.contentEncoding === 'base64' && typeof value === 'string') return Buffer.concat([Buffer.from(value, 'base64'), Buffer.from('\n')]).toString('base64');
  if (typeof value === 'string' && !schema.pattern && !schema.format) {
    const other = `${value}-other`;
    return schema.maxLength !== undefined && other.length > schema.maxLength ? undefined : other;
  }
  // A constrained string (E.164, uuid, an id pattern): the same shape with its last digit changed.
  if (typeof value === 'string' && /\d/.test(value)) return value.replace(/(\d)(\D*)$/, (_m, d: string, rest: string) => `${(Number(d) + 1) % 10}${rest}`);
  if (typeof value === 'number') {
    const up = value + 1;
    if (schema.maximum === undefined || up <= schema.maximum) return up;
    const down = value - 1;
    if (schema.minimum === undefined || down >= schema.minimum) return down;
  }
  if (typeof value === 'boolean') return !value;
  // A list (Zendesk's tickets to create): the same list with its first item changed.
  if (Array.isArray(value) && value.length > 0) {
    const first = otherValue(schema.items ?? {}, value[0]);
    return first === undefined ? undefined : [first, ...value.slice(1)];
  }
  // A structured argument (a spread body): the same object with its own changeable fields changed.
  if (value && typeof value === 'object' && !Array.isArray(value) && schema.properties) {
    const changed = Object.entries(value).flatMap(([name, inner]) => {
      const other = otherValue(schema.properties![name] ?? {}, inner);
      return other === undefined ? [] : [[name, other] as const];
    });
    return changed.length > 0 ? { ...value, ...Object.fromEntries(changed) } : undefined;
  }
  // A map of any keys with typed values (HubSpot's `properties`): the same map with its first value changed.
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof schema.additionalProperties === 'object') {
    const [first] = Object.entries(value);
    const other = first === undefined ? undefined : otherValue(schema.additionalProperties, first[1]);
    return other === undefined ? undefined : { ...value, [first![0]]: other };
  }
  return undefined;
}

/** A value for an argument no example gives, or undefined when the schema asks for more than a guess. */
function freshValue(schema: PropertySchema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? Math.min(1, schema.maximum ?? 1);
  if (schema.type === 'boolean') return true;
  if (schema.type === 'string' && !schema.pattern && !schema.format) return 'other';
  return undefined;
}

/**
 * Valid arguments for `fn` that no example documents, derived from its input
 * schema and first example: every changeable argument changed, then one at a
 * time, then the required ones only, then one argument the example leaves
 * out. Null when the schema leaves no other valid choice (a function without
 * parameters).
 */
export function nonExampleArguments(fn: FunctionBinding): Record<string, unknown> | null {
  const examples = successExamples(fn);
  const base = examples[0]?.arguments ?? {};
  const properties = (fn.inputSchema.properties ?? {}) as Record<string, PropertySchema>;
  const required = new Set((fn.inputSchema.required as string[] | undefined) ?? []);
  const changes = Object.entries(base)
    .map(([name, value]) => [name, otherValue(properties[name] ?? {}, value)] as const)
    .filter(([, value]) => value !== undefined);
  // Arguments the example leaves out, each given a value its schema allows.
  const additions = Object.entries(properties)
    .filter(([name]) => !(name in base))
    .map(([name, schema]) => [name, freshValue(schema)] as const)
    .filter(([, value]) => value !== undefined);
  const candidates: Array<Record<string, unknown>> = [
    { ...base, ...Object.fromEntries(changes) },
    ...changes.map(([name, value]) => ({ ...base, [name]: value })),
    Object.fromEntries(Object.entries(base).filter(([name]) => required.has(name))),
    ...additions.map(([name, value]) => ({ ...base, [name]: value })),
  ];
  const documented = new Set(allExamples.filter((e) => e.function === fn.qualified).map((e) => canonical(e.arguments)));
  const validInput = validatorOf(fn.inputSchema);
  return candidates.find((args) => !documented.has(canonical(args)) && validInput(args)) ?? null;
}

/** Providers that have a generic helper (a path parameter taking any relative path) beside their specific functions. */
export function providersWithGenericHelpers(bindings: ProviderBinding[]): ProviderBinding[] {
  return bindings.filter((p) => p.functions.some((f) => 'params' in f.spec && f.spec.params.some((param) => param.pathStyle === 'relative_path')));
}
