import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import { closest, didYouMean, show, type Diagnostic } from './diagnostics.js';
import type { ParsedFile } from './parse.js';

const require = createRequire(import.meta.url);

export type SpecKind = 'provider' | 'function';

const schemaFiles: Record<SpecKind, string> = {
  provider: '../../schema/provider.schema.json',
  function: '../../schema/function.schema.json',
};

let validators: Record<SpecKind, ValidateFunction> | null = null;

/**
 * The validators `scripts/compile-spec-schemas.mjs` wrote at build time, if they were made from
 * the schema texts on disk now (a schema edited since the build, or tests running from src/,
 * compile instead: the same ajv, the same options, the same RE2 patterns).
 */
function prebuilt(): Record<SpecKind, ValidateFunction> | null {
  let built: Partial<Record<SpecKind, ValidateFunction>> & { schemaStamp?: string };
  try {
    built = require('./spec-validators.cjs') as typeof built;
  } catch {
    return null;
  }
  const stamp = createHash('sha256').update(readFileSync(require.resolve(schemaFiles.provider))).update('\0').update(readFileSync(require.resolve(schemaFiles.function))).digest('hex');
  return built.schemaStamp === stamp && built.provider && built.function ? { provider: built.provider, function: built.function } : null;
}

function compiled(): Record<SpecKind, ValidateFunction> {
  if (!validators) {
    validators = prebuilt();
  }
  if (!validators) {
    const ajv = createAjv({ verbose: true });
    validators = {
      provider: ajv.compile(require(schemaFiles.provider)),
      function: ajv.compile(require(schemaFiles.function)),
    };
  }
  return validators;
}

/** Human names for the patterns the spec schemas use. */
const patternMeaning: Record<string, string> = {
  '^[a-z][a-z0-9]*(_[a-z0-9]+)*$': 'lower snake_case (letters, digits, single underscores)',
  '^[a-z][a-z0-9]*(-[a-z0-9]+)*$': 'lower kebab-case (letters, digits, single hyphens)',
  '^[a-z][a-z0-9_]*$': 'lower snake_case',
  '^[A-Z][A-Z0-9_]*$': 'UPPER_SNAKE_CASE',
  '^[A-Z][A-Za-z0-9]*$': 'PascalCase',
  '^https://': 'an https:// URL',
  '^https?://': 'an absolute http(s) URL',
  '^/': 'a path starting with /',
  '^[A-Za-z0-9_$@-]+(\\.[A-Za-z0-9_$@-]+)*$': 'keys joined by dots, such as data.attributes (letters, digits, _ $ @ -; no empty key)',
  // RFC 6749 §3.3 scope-token characters.
  '^[!#-\\[\\]-~]+$': 'one OAuth2 scope (visible ASCII except \\ and ", no spaces: list each scope separately)',
  '^\\d{4}-\\d{2}-\\d{2}$': 'a date YYYY-MM-DD',
};

/** Validate one file against its JSON Schema; every error becomes a positioned diagnostic. */
export function checkAgainstSchema(kind: SpecKind, parsed: ParsedFile): Diagnostic[] {
  const validate = compiled()[kind];
  if (validate(parsed.data)) return [];
  const errors = kind === 'function' ? withUnionsOpened(validate.errors ?? []) : validate.errors ?? [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const unions = errors.filter(isUnion);
  for (const error of errors) {
    // A failed union reports once, at its outermost union, rather than once per branch.
    const enclosing = unions.find((u) => u !== error && isWithin(error.instancePath, u.instancePath) && (!isUnion(error) || u.schemaPath.length < error.schemaPath.length));
    if (enclosing) continue;
    const described = describe(error);
    if (!described) continue;
    const at = parsed.locate(described.path, described.target);
    const key = `${at.line}:${at.column}:${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({ file: parsed.file, ...at, message: described.message });
  }
  return withoutEchoes(diagnostics, errors);
}

/**
 * A misspelt required key shows up twice: as unknown and as missing. Keep the
 * "unknown … did you mean" message, which already says how to fix both.
 */
function withoutEchoes(diagnostics: Diagnostic[], errors: ErrorObject[]): Diagnostic[] {
  const unknownKeys = errors.filter((e) => e.keyword === 'additionalProperties').map((e) => ({
    at: e.instancePath,
    key: String(e.params.additionalProperty),
    allowed: Object.keys(((e.parentSchema as { properties?: object })?.properties ?? {}) as object),
  }));
  // Keys refused by a `propertyNames` list (parameters, nested schemas) are misspelt keys too.
  const unlistedKeys = errors
    .filter((e) => e.keyword === 'enum' && (e as ErrorObject & { propertyName?: string }).propertyName !== undefined)
    .map((e) => ({ at: e.instancePath, key: String((e as ErrorObject & { propertyName?: string }).propertyName), allowed: (e.params.allowedValues as string[]) ?? [] }));
  const misspelt = [...unknownKeys, ...unlistedKeys].map((u) => `${u.at}\u0000${closest(u.key, u.allowed) ?? ''}`);
  const echoes = new Set(
    errors
      .filter((e) => e.keyword === 'required' && misspelt.includes(`${e.instancePath}\u0000${String(e.params.missingProperty)}`))
      .map((e) => `${label(pointerToPath(e.instancePath))} is missing the required key '${String(e.params.missingProperty)}'.`),
  );
  return diagnostics.filter((d) => !echoes.has(d.message));
}

function isUnion(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf';
}

function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function label(path: string[]): string {
  return path.length === 0 ? 'the document' : `'${path.join('.')}'`;
}

interface Described {
  path: string[];
  target: 'key' | 'value';
  message: string;
}

/**
 * `review:` is what `switchboard import openapi` leaves where the document said too little. No
 * schema allows it, so an unreviewed draft never validates; the message says what to check.
 */
function reviewMessage(data: unknown): string {
  const value = typeof data === 'object' && data !== null ? (data as { review?: unknown }).review : undefined;
  const items = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string' && v.trim() !== '');
  const what = items.length > 0 ? ` ${items.join(' ')}` : '';
  return `needs review (left by an import):${what} Resolve ${items.length > 1 ? 'these' : 'it'}, then delete 'review'.`;
}

/**
 * No spec key has a space, so one that does is nearly always the rest of a value cut short: in a
 * flow mapping (`{ description: Each tag, lower case }`) a comma ends the value and what follows
 * reads as a key. Said, since the message alone points at text the author meant as a value.
 */
function cutValueHint(key: string): string {
  return /\s/.test(key.trim()) ? ' It reads like the rest of a value cut at a comma: inside `{…}`, quote a value that has a comma or a colon.' : '';
}

function describe(error: ErrorObject): Described | null {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const keyPath = [...path, propertyName];
    if (error.keyword === 'enum') {
      const allowed = (params.allowedValues as string[]) ?? [];
      return {
        path: keyPath,
        target: 'key',
        message: `unknown key '${propertyName}' in ${label(path)}.${didYouMean(propertyName, allowed)}${cutValueHint(propertyName)} Allowed keys: ${allowed.join(', ')}.`,
      };
    }
    if (error.keyword === 'pattern') {
      return { path: keyPath, target: 'key', message: `key '${propertyName}' must be ${meaning(String(params.pattern))}.` };
    }
    return null;
  }
  switch (error.keyword) {
    case 'propertyNames':
    case 'if':
      return null;
    case 'required':
      return { path, target: 'value', message: `${label(path)} is missing the required key '${String(params.missingProperty)}'.` };
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      if (extra === 'review' && path.length === 0) return { path: [extra], target: 'key', message: reviewMessage(error.data) };
      const allowed = Object.keys(((error.parentSchema as { properties?: object })?.properties ?? {}) as object).filter((k) => k !== '$schema');
      return {
        path: [...path, extra],
        target: 'key',
        message: `unknown key '${extra}' in ${label(path)}.${didYouMean(extra, allowed)}${cutValueHint(extra)} Allowed keys: ${allowed.join(', ')}.`,
      };
    }
    case 'type':
      return { path, target: 'value', message: `${label(path)} must be ${article(String(params.type))}, found ${show(error.data)}.` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const found = String(error.data);
      return {
        path,
        target: 'value',
        message: `${label(path)} must be one of ${allowed.join(', ')}; found ${show(error.data)}.${didYouMean(found, allowed)}`,
      };
    }
    case 'const':
      return { path, target: 'value', message: `${label(path)} must be ${show(params.allowedValue)}, found ${show(error.data)}.` };
    case 'pattern':
      return { path, target: 'value', message: `${label(path)} must be ${meaning(String(params.pattern))}; found ${show(error.data)}.` };
    case 'minItems':
      return { path, target: 'value', message: `${label(path)} must not be empty.` };
    case 'minProperties': {
      const keys = Object.keys(((error.parentSchema as { properties?: object })?.properties ?? {}) as object);
      return { path, target: 'value', message: `${label(path)} must not be empty${keys.length > 0 ? `: give ${keys.length === 2 ? 'either ' : ''}${keys.join(keys.length === 2 ? ' or ' : ', ')}` : ''}.` };
    }
    case 'maxProperties': {
      const given = error.data !== null && typeof error.data === 'object' ? Object.keys(error.data) : [];
      const limit = Number(params.limit);
      return { path, target: 'value', message: `${label(path)} takes ${limit === 1 ? 'one key' : `at most ${limit} keys`}, found ${given.length}: ${given.join(', ')}.` };
    }
    case 'minLength':
      return { path, target: 'value', message: `${label(path)} must not be an empty string.` };
    case 'minimum':
    case 'maximum':
      return { path, target: 'value', message: `${label(path)} must be ${error.keyword === 'minimum' ? '>=' : '<='} ${String(params.limit)}; found ${show(error.data)}.` };
    case 'uniqueItems':
      return { path, target: 'value', message: `${label(path)} lists the same value twice (items ${String(params.j)} and ${String(params.i)}).` };
    case 'anyOf':
    case 'oneOf': {
      const allowed = forms(error.schema);
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return { path, target: 'value', message: `${label(path)} must be one of: ${allowed.join(', ')}; found ${show(error.data)}.${guess}` };
    }
    default:
      return { path, target: 'value', message: `${label(path)} ${error.message ?? 'is invalid'}.` };
  }
}

function meaning(pattern: string): string {
  return patternMeaning[pattern] ?? `text matching /${pattern}/`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The allowed forms of a union, flattened: `a`, `b`, `{join: ...}`, `a list of those`. */
function forms(branches: unknown): string[] {
  if (!Array.isArray(branches)) return ['an allowed form'];
  return branches.flatMap((branch: Record<string, unknown>): string[] => {
    const resolved = resolveRef(branch);
    if (Array.isArray(resolved.enum)) return resolved.enum.map((v) => String(v));
    if (Array.isArray(resolved.anyOf)) return forms(resolved.anyOf);
    if (Array.isArray(resolved.required) && resolved.required.length > 0) return [`{${String(resolved.required[0])}: ...}`];
    if (resolved.type === 'array') return ['a list of those'];
    if (typeof resolved.type === 'string') return [article(resolved.type)];
    return [];
  });
}

function resolveRef(schema: Record<string, unknown>): Record<string, unknown> {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return schema;
  const name = ref.slice('#/definitions/'.length);
  const root = require(schemaFiles.function) as { definitions: Record<string, Record<string, unknown>> };
  return root.definitions[name] ?? schema;
}

/**
 * A failed union over a list or an object whose shape picks exactly one branch (a list of
 * transforms, `{join: ...}`) is replaced by that branch's own errors, so every wrong item is
 * reported where it is rather than once as "must be one of" over the whole value. Scalars
 * keep the union's summary, which lists every allowed form.
 */
function withUnionsOpened(errors: ErrorObject[], depth = 0): ErrorObject[] {
  if (depth > 8) return errors;
  const opened = new Map<ErrorObject, ErrorObject[]>();
  for (const error of errors) {
    if (!isUnion(error) || error.data === null || typeof error.data !== 'object' || !Array.isArray(error.schema)) continue;
    if (errors.some((u) => u !== error && isUnion(u) && isWithin(error.instancePath, u.instancePath) && u.schemaPath.length < error.schemaPath.length)) continue;
    const branch = branchFor(error.data, error.schema as Array<Record<string, unknown>>);
    const validate = branch ? branchValidator(branch) : null;
    if (!validate || validate(error.data)) continue;
    opened.set(error, withUnionsOpened((validate.errors ?? []).map((e) => ({ ...e, instancePath: `${error.instancePath}${e.instancePath}` })), depth + 1));
  }
  if (opened.size === 0) return errors;
  // Inside an opened union's value, every branch's errors are replaced by the chosen branch's.
  const replaced = [...opened.keys()];
  const kept = errors.filter((e) => !replaced.some((u) => isWithin(e.instancePath, u.instancePath)));
  return [...kept, ...[...opened.values()].flat()];
}

/** The one branch a list or object can mean: by JSON type, then for objects by the key a branch requires. */
function branchFor(data: object, branches: Array<Record<string, unknown>>): Record<string, unknown> | null {
  const type = Array.isArray(data) ? 'array' : 'object';
  let candidates = branches.filter((b) => resolveRef(b).type === type);
  if (type === 'object' && candidates.length > 1) {
    candidates = candidates.filter((b) => {
      const required = resolveRef(b).required;
      return Array.isArray(required) && required.some((key) => typeof key === 'string' && key in data);
    });
  }
  return candidates.length === 1 ? candidates[0]! : null;
}

const branchValidators = new Map<Record<string, unknown>, ValidateFunction>();

function branchValidator(branch: Record<string, unknown>): ValidateFunction {
  let validate = branchValidators.get(branch);
  if (!validate) {
    const root = require(schemaFiles.function) as { definitions: unknown };
    validate = createAjv({ verbose: true }).compile({ ...branch, definitions: root.definitions });
    branchValidators.set(branch, validate);
  }
  return validate;
}
