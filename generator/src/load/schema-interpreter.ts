/**
 * Checks example values against a JSON Schema by walking the schema, without generating code.
 *
 * ajv compiles each schema into JavaScript, which costs about a third of a millisecond per
 * schema; a catalog's functions mostly have schemas of their own, so compiling them only to
 * check one or two examples each was the largest part of loading. This interpreter covers the
 * keywords spec schemas use (input schemas are made by toJsonSchema from a closed set; response
 * schemas are draft-07 and open, but in practice use the same few) and reports exactly the
 * errors ajv reports — same keywords, paths, params, messages and order — so every message
 * built from them stays as it was. A schema using any other keyword ajv knows, or a keyword
 * value the draft-07 meta-schema refuses, is not interpreted: `interpretedValidator` returns
 * null and the caller compiles it with ajv, which also words the refusal of an invalid schema.
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject } from 'ajv';
import { AJV_KEYWORDS, ajvFormats } from './ajv.js';
import { re2Engine } from './patterns.js';

const require = createRequire(import.meta.url);
// ajv's own helpers for the code it generates, so equality and string length agree with it exactly.
const deepEqual = (require('ajv/dist/runtime/equal') as { default: (a: unknown, b: unknown) => boolean }).default;
const ucs2length = (require('ajv/dist/runtime/ucs2length') as { default: (text: string) => number }).default;

type SchemaObject = Record<string, unknown>;
type Errors = ErrorObject[];
/** Checks one value at one place in the data, adding what is wrong to `errors`. */
type Check = (data: unknown, instancePath: string, errors: Errors) => void;

export interface ExampleValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** What the interpreter needs from the ajv instance whose behaviour it reproduces. */
export interface AjvFacts {
  /** Every keyword ajv gives a meaning to: a schema using one not handled here goes to ajv. */
  knownKeywords: ReadonlySet<string>;
  formats: Ajv['formats'];
  regExp: (pattern: string) => { test(text: string): boolean };
}

/** The facts as an ajv instance holds them (the tests' reference for `staticAjvFacts`). */
export function ajvFacts(ajv: Ajv): AjvFacts {
  return factsFrom(Object.keys(ajv.RULES.keywords), ajv.formats, ajv.opts.code.regExp);
}

/** The same facts for an instance of `createAjv`, without loading ajv. */
export function staticAjvFacts(): AjvFacts {
  return factsFrom(AJV_KEYWORDS, ajvFormats(), re2Engine);
}

function factsFrom(keywords: Iterable<string>, formats: Ajv['formats'], engine: NonNullable<Ajv['opts']['code']['regExp']>): AjvFacts {
  const compiled = new Map<string, { test(text: string): boolean }>();
  return {
    knownKeywords: new Set(keywords),
    formats,
    regExp: (pattern) => {
      let re = compiled.get(pattern);
      if (!re) compiled.set(pattern, (re = engine(pattern, 'u')));
      return re;
    },
  };
}

const SIMPLE_TYPES = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);

/**
 * Keywords with no effect on validity, and the shape draft-07's meta-schema asks of each. A Map,
 * so a schema key such as `__proto__` or `toString` finds nothing here.
 */
const ANNOTATIONS = new Map<string, (value: unknown) => boolean>([
  ['title', (v) => typeof v === 'string'],
  ['description', (v) => typeof v === 'string'],
  ['$comment', (v) => typeof v === 'string'],
  ['default', () => true],
  ['examples', (v) => Array.isArray(v)],
]);

const HANDLED = new Set(['type', 'const', 'enum', 'anyOf', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'format', 'maxItems', 'minItems', 'items', 'required', 'additionalProperties', 'properties']);

/** ajv's keyword groups by the data type they apply to (format belongs to two). */
const GROUP_KEYWORDS = {
  number: ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'format'],
  string: ['maxLength', 'minLength', 'pattern', 'format'],
  array: ['maxItems', 'minItems', 'items'],
  object: ['required', 'additionalProperties', 'properties'],
} as const;

const NUMBER = 1;
const STRING = 2;
const ARRAY = 4;
const OBJECT = 8;
const GROUP_BITS: Record<string, number> = { number: NUMBER, string: STRING, array: ARRAY, object: OBJECT };
/** The groups each handled keyword puts to use. */
const GROUP_OF: Record<string, number> = {};
for (const [group, keywords] of Object.entries(GROUP_KEYWORDS)) for (const keyword of keywords) GROUP_OF[keyword] = (GROUP_OF[keyword] ?? 0) | GROUP_BITS[group]!;

const isSchemaObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNonNegativeInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const escapeFragment = (segment: string) => encodeURIComponent(escapePointer(segment));

function allUnique(values: unknown[]): boolean {
  for (let i = 1; i < values.length; i++) for (let j = 0; j < i; j++) if (deepEqual(values[i], values[j])) return false;
  return true;
}

/** The JSON type checks ajv generates (strictNumbers off: any number, NaN and Infinity too). */
function hasType(type: string, data: unknown): boolean {
  switch (type) {
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'integer':
      return typeof data === 'number' && !((data as number) % 1) && !Number.isNaN(data);
    case 'number':
      return typeof data === 'number';
    default:
      return typeof data === type;
  }
}

/**
 * A validator for `schema` that reports what ajv (`allErrors`, `verbose`) would, or null when
 * the schema uses something outside this interpreter.
 */
export function interpretedValidator(schema: unknown, facts: AjvFacts): ExampleValidator | null {
  const check = compileSchema(schema, ROOT, facts);
  if (!check) return null;
  const validate = ((data: unknown) => {
    const errors: Errors = [];
    check(data, '', errors);
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  }) as ExampleValidator;
  validate.errors = null;
  return validate;
}

/**
 * Where a subschema sits, as a chain to the root: the `schemaPath` text is only built (and its
 * names escaped) for an error, since nearly every example is valid.
 */
interface SchemaAt {
  parent: SchemaAt | null;
  segment: string;
  /** A property name, escaped as a URI fragment in the path. */
  name: boolean;
  text: string | null;
}

const ROOT: SchemaAt = { parent: null, segment: '#', name: false, text: '#' };
const child = (parent: SchemaAt, segment: string, name = false): SchemaAt => ({ parent, segment, name, text: null });

function pathText(at: SchemaAt): string {
  if (at.text === null) at.text = `${pathText(at.parent!)}/${at.name ? escapeFragment(at.segment) : at.segment}`;
  return at.text;
}

/** One schema object being checked: what an error quotes of it. */
interface Place {
  schema: SchemaObject;
  at: SchemaAt;
}

function fail(errors: Errors, place: Place, keyword: string, instancePath: string, params: Record<string, unknown>, message: string, data: unknown): void {
  const { schema } = place;
  errors.push({ instancePath, schemaPath: `${pathText(place.at)}/${keyword}`, keyword, params, message, schema: schema[keyword], parentSchema: schema, data });
}

type Group = keyof typeof GROUP_KEYWORDS;
const GROUPS = Object.keys(GROUP_KEYWORDS) as Group[];

const NUMBER_LIMITS = [
  ['maximum', '<=', (d: number, l: number) => d > l],
  ['minimum', '>=', (d: number, l: number) => d < l],
  ['exclusiveMaximum', '<', (d: number, l: number) => d >= l],
  ['exclusiveMinimum', '>', (d: number, l: number) => d <= l],
] as const;
/** ajv checks the max before the min, for lengths and for item counts alike. */
const COUNT_LIMITS = [
  ['maxLength', true],
  ['minLength', false],
] as const;
const ITEM_LIMITS = [
  ['maxItems', true],
  ['minItems', false],
] as const;

/**
 * ajv's order: a type check up front unless the type's own keyword group will report it, then
 * the keywords of no type (const, enum, anyOf), then the number, string, array and object groups,
 * each run only on data of its type. Within a group the order is ajv's rule order, not the schema's.
 */
function compileSchema(schema: unknown, at: SchemaAt, facts: AjvFacts): Check | null {
  if (!isSchemaObject(schema)) return null;
  // A group is in use when the schema has any of its keywords, even one that accepts everything.
  let used = 0;
  // An own `__proto__` key (YAML can write one) is left to ajv, which has its own rules for it.
  if (Object.hasOwn(schema, '__proto__')) return null;
  for (const key in schema) {
    const annotation = ANNOTATIONS.get(key);
    if (annotation) {
      if (!annotation(schema[key])) return null;
    } else if (HANDLED.has(key)) {
      used |= GROUP_OF[key] ?? 0;
    } else if (facts.knownKeywords.has(key)) return null;
  }
  const types = typesOf(schema.type);
  if (!types) return null;
  const place: Place = { schema, at };
  const untyped: Check[] = [];
  const groups: Record<Group, Check[]> = { number: [], string: [], array: [], object: [] };

  if (schema.const !== undefined) {
    const value = schema.const;
    const equal = typeof value === 'object' && value !== null ? (data: unknown) => deepEqual(data, value) : (data: unknown) => data === value;
    untyped.push((data, path, errors) => {
      if (!equal(data)) fail(errors, place, 'const', path, { allowedValue: value }, 'must be equal to constant', data);
    });
  }
  if (schema.enum !== undefined) {
    const values = schema.enum;
    if (!Array.isArray(values) || values.length === 0 || !allUnique(values)) return null;
    // ajv compares primitives with ===, objects and arrays deeply.
    const primitive = values.every((v) => typeof v !== 'object' || v === null);
    const matches = primitive ? (data: unknown) => values.includes(data) && !Number.isNaN(data) : (data: unknown) => values.some((v) => (typeof v === 'object' && v !== null ? deepEqual(data, v) : data === v));
    untyped.push((data, path, errors) => {
      if (!matches(data)) fail(errors, place, 'enum', path, { allowedValues: values }, 'must be equal to one of the allowed values', data);
    });
  }
  if (schema.anyOf !== undefined) {
    const members = schema.anyOf;
    if (!Array.isArray(members) || members.length === 0) return null;
    const checks: Check[] = [];
    for (let i = 0; i < members.length; i++) {
      const check = compileSchema(members[i], child(child(at, 'anyOf'), String(i)), facts);
      if (!check) return null;
      checks.push(check);
    }
    untyped.push((data, path, errors) => {
      const before = errors.length;
      // Members are tried in order until one passes; then their errors are dropped, as ajv resets them.
      for (const check of checks) {
        const tried = errors.length;
        check(data, path, errors);
        if (errors.length === tried) {
          errors.length = before;
          return;
        }
      }
      fail(errors, place, 'anyOf', path, {}, 'must match a schema in anyOf', data);
    });
  }

  if (used & NUMBER) {
    for (const [keyword, comparison, exceeds] of NUMBER_LIMITS) {
      const limit = schema[keyword];
      if (limit === undefined) continue;
      if (typeof limit !== 'number') return null;
      groups.number.push((data, path, errors) => {
        const value = data as number;
        if (exceeds(value, limit) || Number.isNaN(value)) fail(errors, place, keyword, path, { comparison, limit }, `must be ${comparison} ${limit}`, data);
      });
    }
  }
  if (used & STRING) {
    for (const [keyword, more] of COUNT_LIMITS) {
      const limit = schema[keyword];
      if (limit === undefined) continue;
      if (!isNonNegativeInteger(limit)) return null;
      groups.string.push((data, path, errors) => {
        const length = ucs2length(data as string);
        if (more ? length > limit : length < limit) fail(errors, place, keyword, path, { limit }, `must NOT have ${more ? 'more' : 'fewer'} than ${limit} characters`, data);
      });
    }
    if (schema.pattern !== undefined) {
      const pattern = schema.pattern;
      const re = typeof pattern === 'string' ? patternOf(pattern, facts) : null;
      if (!re) return null;
      groups.string.push((data, path, errors) => {
        if (!re.test(data as string)) fail(errors, place, 'pattern', path, { pattern }, `must match pattern "${pattern}"`, data);
      });
    }
  }
  if (schema.format !== undefined) {
    const name = schema.format;
    const format = formatOf(name, facts);
    if (!format) return null;
    const test = format.test;
    if (test) {
      groups[format.type].push((data, path, errors) => {
        if (!test(data)) fail(errors, place, 'format', path, { format: name }, `must match format "${String(name)}"`, data);
      });
    }
  }
  if (used & ARRAY) {
    for (const [keyword, more] of ITEM_LIMITS) {
      const limit = schema[keyword];
      if (limit === undefined) continue;
      if (!isNonNegativeInteger(limit)) return null;
      groups.array.push((data, path, errors) => {
        const length = (data as unknown[]).length;
        if (more ? length > limit : length < limit) fail(errors, place, keyword, path, { limit }, `must NOT have ${more ? 'more' : 'fewer'} than ${limit} items`, data);
      });
    }
    if (schema.items !== undefined) {
      // The tuple form (a list of schemas) is left to ajv.
      const check = compileSchema(schema.items, child(at, 'items'), facts);
      if (!check) return null;
      groups.array.push((data, path, errors) => {
        const items = data as unknown[];
        for (let i = 0; i < items.length; i++) check(items[i], `${path}/${i}`, errors);
      });
    }
  }
  if (used & OBJECT && !objectChecks(schema, place, facts, groups.object)) return null;

  const typeError = (data: unknown, path: string, errors: Errors) => fail(errors, place, 'type', path, { type: schema.type }, `must be ${String(schema.type)}`, data);
  const single = types.length === 1 ? types[0]! : null;
  // A lone type whose group is in use is checked by that group; any other type list up front.
  const deferred = single !== null && (used & (GROUP_BITS[single] ?? 0)) !== 0;
  const upFront = types.length > 0 && !deferred;
  const typed = GROUPS.filter((type) => used & GROUP_BITS[type]!).map((type) => ({ type, checks: groups[type], reportsType: deferred && single === type }));

  if (untyped.length === 0 && typed.length === 0) {
    if (!upFront) return () => {};
    if (single !== null) return (data, path, errors) => (hasType(single, data) ? undefined : typeError(data, path, errors));
  }
  return (data, path, errors) => {
    if (upFront && !types.some((type) => hasType(type, data))) typeError(data, path, errors);
    for (const check of untyped) check(data, path, errors);
    for (const group of typed) {
      if (hasType(group.type, data)) for (const check of group.checks) check(data, path, errors);
      else if (group.reportsType) typeError(data, path, errors);
    }
  };
}

/** required, additionalProperties and properties, in that order; false when ajv must judge the schema. */
function objectChecks(schema: SchemaObject, place: Place, facts: AjvFacts, checks: Check[]): boolean {
  if (schema.required !== undefined) {
    const required = schema.required;
    if (!Array.isArray(required) || !required.every((name) => typeof name === 'string') || new Set(required).size !== required.length) return false;
    checks.push((data, path, errors) => {
      const object = data as SchemaObject;
      // ajv reads the key through the prototype chain, as `data[name] === undefined`.
      for (const name of required as string[]) {
        if (object[name] === undefined) fail(errors, place, 'required', path, { missingProperty: name }, `must have required property '${name}'`, data);
      }
    });
  }
  if (schema.properties !== undefined && (!isSchemaObject(schema.properties) || Object.hasOwn(schema.properties, '__proto__'))) return false;
  const properties = (schema.properties ?? {}) as SchemaObject;
  const additional = schema.additionalProperties;
  if (additional !== undefined && additional !== true) {
    const declared = new Set(Object.keys(properties));
    if (additional === false) {
      checks.push((data, path, errors) => {
        for (const key in data as SchemaObject) {
          if (!declared.has(key)) fail(errors, place, 'additionalProperties', path, { additionalProperty: key }, 'must NOT have additional properties', data);
        }
      });
    } else {
      const check = compileSchema(additional, child(place.at, 'additionalProperties'), facts);
      if (!check) return false;
      checks.push((data, path, errors) => {
        const object = data as SchemaObject;
        for (const key in object) if (!declared.has(key)) check(object[key], `${path}/${escapePointer(key)}`, errors);
      });
    }
  }
  if (schema.properties !== undefined) {
    const names: string[] = [];
    const segments: string[] = [];
    const propertyChecks: Check[] = [];
    const at = child(place.at, 'properties');
    for (const name in properties) {
      const check = compileSchema(properties[name], child(at, name, true), facts);
      if (!check) return false;
      names.push(name);
      segments.push(`/${escapePointer(name)}`);
      propertyChecks.push(check);
    }
    checks.push((data, path, errors) => {
      const object = data as SchemaObject;
      for (let i = 0; i < names.length; i++) {
        const value = object[names[i]!];
        if (value !== undefined) propertyChecks[i]!(value, path + segments[i], errors);
      }
    });
  }
  return true;
}

/** The types a schema's `type` names, [] when it has none, or null when draft-07 refuses the value. */
function typesOf(type: unknown): string[] | null {
  if (type === undefined) return [];
  if (typeof type === 'string') return SIMPLE_TYPES.has(type) ? [type] : null;
  if (!Array.isArray(type) || type.length === 0 || !type.every((t) => typeof t === 'string' && SIMPLE_TYPES.has(t))) return null;
  return new Set(type).size === type.length ? (type as string[]) : null;
}

/** A pattern ajv would accept (the meta-schema's `regex` format, then its engine), or null. */
function patternOf(pattern: string, facts: AjvFacts): { test(text: string): boolean } | null {
  const regex = formatOf('regex', facts);
  if (regex?.test && !regex.test(pattern)) return null;
  try {
    return facts.regExp(pattern);
  } catch {
    return null;
  }
}

/**
 * How ajv checks a format: which type of data it applies to and the test, or no test for a
 * format it accepts anything for (`true`). Null for a format ajv does not know (it would warn
 * and ignore it) or checks asynchronously: those are left to ajv.
 */
export function formatOf(name: unknown, facts: AjvFacts): { type: 'number' | 'string'; test: ((data: unknown) => boolean) | null } | null {
  if (typeof name !== 'string') return null;
  const definition = facts.formats[name] as unknown;
  if (definition === undefined) return null;
  if (definition === true) return { type: 'string', test: null };
  const asTest = (format: unknown): ((data: unknown) => boolean) | null =>
    format instanceof RegExp ? (data) => format.test(data as string) : typeof format === 'function' ? (data) => Boolean(format(data)) : null;
  if (definition instanceof RegExp || typeof definition === 'function') return { type: 'string', test: asTest(definition) };
  if (!isSchemaObject(definition) || definition.async) return null;
  const type = definition.type ?? 'string';
  const test = asTest(definition.validate);
  return (type === 'string' || type === 'number') && test ? { type, test } : null;
}
