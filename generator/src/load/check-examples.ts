import type { ErrorObject } from 'ajv';
import { validatorFor } from './example-validators.js';
import type { Func, JsonSchema } from '../model.js';
import { dataSchemaOf } from '../shared/returns.js';
import type { Taint } from './build-function.js';
import { show, type Diagnostic } from './diagnostics.js';
import type { ParsedFile } from './parse.js';
import { undeclaredExampleKeys } from './check-example-keys.js';
import { groupProblems, isGroupError } from './build-required-groups.js';

/**
 * A value that fails a union fails every member. Members have disjoint JSON types, so the one
 * of the value's type says what is wrong ("must match pattern"); with no such member, one line
 * names the shapes the value may have ("dst must be string or array, found 3").
 */
function withUnionsSummarised(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const chosen = new Map(unions.map((u) => [u, memberOfType(u)]));
  return errors.filter((e) => {
    const union = unions.find((u) => u !== e && e.schemaPath.startsWith(`${u.schemaPath}/`));
    if (union) return chosen.get(union) !== null && e.schemaPath.startsWith(`${union.schemaPath}/${chosen.get(union)}/`);
    return !(e.keyword === 'anyOf' && chosen.get(e) !== null);
  });
}

function memberOfType(error: ErrorObject): number | null {
  const members = Array.isArray(error.schema) ? (error.schema as Array<{ type?: unknown }>) : [];
  const data = error.data;
  const type = Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data;
  const index = members.findIndex((m) => (m.type === 'integer' ? 'number' : m.type) === type);
  return index >= 0 ? index : null;
}

function unionTypes(error: ErrorObject): string {
  const members = Array.isArray(error.schema) ? (error.schema as Array<{ type?: unknown }>) : [];
  return members.map((m) => String(m.type ?? 'a value')).join(' or ');
}

function explain(errors: ErrorObject[] | null | undefined): string {
  return withUnionsSummarised(errors ?? [])
    .slice(0, 3)
    .map((e) => {
      const where = e.instancePath === '' ? '' : `${e.instancePath.slice(1).replace(/\//g, '.')} `;
      if (e.keyword === 'additionalProperties') return `${where}has unknown key '${String(e.params.additionalProperty)}'`.trim();
      if (e.keyword === 'enum') return `${where}must be one of ${(e.params.allowedValues as unknown[]).map(String).join(', ')}, found ${show(e.data)}`;
      if (e.keyword === 'required') return `${where}is missing required '${String(e.params.missingProperty)}'`.trim();
      if (e.keyword === 'type') return `${where}must be ${String(e.params.type)}, found ${show(e.data)}`;
      if (e.keyword === 'anyOf') return `${where}must be ${unionTypes(e)}, found ${show(e.data)}`;
      return `${where}${e.message ?? 'is invalid'}`;
    })
    .join('; ');
}

/**
 * Examples are executed by tests and shown in docs, so each must be valid
 * against the function's own schemas: arguments against the input schema,
 * a success response against the response schema.
 */
function withoutParameters(schema: JsonSchema, names: Set<string>): JsonSchema {
  if (names.size === 0) return schema;
  const properties = Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, unknown>).filter(([name]) => !names.has(name)));
  return { ...schema, properties };
}

/**
 * A value sent in place of an omitted parameter must be one the caller could have given: checked
 * by the validator the examples' arguments are checked by. An example that leaves such a parameter
 * out would send the refused value, so its request is not built.
 */
function checkSentValues(func: Func, taint: Taint, report: (path: Array<string | number>, message: string) => void, unbuildable: Set<number>): void {
  const properties = (func.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  for (const { name, sentWhenOmitted } of func.parameters) {
    const schema = properties[name];
    if (!sentWhenOmitted || !schema || taint.parameters.has(name)) continue;
    const validate = validatorFor(schema);
    if (validate(sentWhenOmitted.value)) continue;
    report(['parameters', name, 'sent_when_omitted'], `${show(sentWhenOmitted.value)} is not a value '${name}' takes: it ${explain(validate.errors)}.`);
    func.examples.forEach((example, i) => {
      if (example.arguments[name] === undefined) unbuildable.add(i);
    });
  }
}

export interface ExampleFindings {
  diagnostics: Diagnostic[];
  /** Examples whose arguments or method are wrong in themselves: building their request would only repeat that. */
  unbuildable: Set<number>;
}

export function checkExamples(parsed: ParsedFile, func: Func, taint: Taint): ExampleFindings {
  const diagnostics: Diagnostic[] = [];
  // An example passing a parameter with a problem of its own would only echo that problem.
  const unbuildable = new Set(
    func.examples.flatMap((example, i) => (taint.requests || Object.keys(example.arguments).some((name) => taint.parameters.has(name)) ? [i] : [])),
  );
  const report = (path: Array<string | number>, message: string, target: 'key' | 'value' = 'value') =>
    diagnostics.push({ file: parsed.file, ...parsed.locate(path, target), message });

  // A parameter with a problem may not even compile (a pattern RE2 refuses); no example checked here passes it.
  const validateInput = validatorFor(withoutParameters(func.inputSchema, taint.parameters));
  let validateResponse: ReturnType<typeof validatorFor> | null = null;
  const responseSchema = dataSchemaOf(func.returns);
  if (responseSchema && !taint.response) {
    try {
      validateResponse = validatorFor(responseSchema);
    } catch (error) {
      report(['response', 'schema'], `response schema is not valid JSON Schema: ${(error as Error).message}.`);
    }
  }
  checkSentValues(func, taint, report, unbuildable);
  if (func.binding.kind !== 'http') return { diagnostics, unbuildable };
  const binding = func.binding;

  func.examples.forEach((example, i) => {
    if (!unbuildable.has(i) && !validateInput(example.arguments)) {
      const errors = (validateInput.errors ?? []).filter((e) => !isGroupError(e, func.requiredGroups));
      const problems = [...groupProblems(func.requiredGroups, example.arguments), ...(errors.length > 0 ? [explain(errors)] : [])];
      report(['examples', i, 'arguments'], `example arguments are invalid: ${problems.join('; ')}.`);
      unbuildable.add(i);
    }
    const endpoint =
      binding.endpoint.kind === 'fixed'
        ? binding.endpoint.endpoint
        : binding.endpoint.cases.find((c) => c.value === String(example.arguments[(binding.endpoint as { parameter: string }).parameter]))?.endpoint;
    if (endpoint && endpoint.method !== example.request.method && !taint.requests) {
      report(['examples', i, 'request', 'method'], `example request method ${example.request.method} differs from the endpoint's ${endpoint.method}.`);
      unbuildable.add(i);
    }
    const success = example.response.status >= 200 && example.response.status < 300;
    if (success && example.response.status !== binding.successStatus) {
      report(['examples', i, 'response', 'status'], `example status ${example.response.status} differs from the function's success status ${binding.successStatus} (set response.status).`);
    }
    if (success && validateResponse && !validateResponse(example.response.body)) {
      report(['examples', i, 'response', 'body'], `example response does not match the response schema: ${explain(validateResponse.errors)}.`);
    }
    if (success && responseSchema && !taint.response) {
      for (const key of undeclaredExampleKeys(example.response.body, responseSchema)) {
        report(['examples', i, 'response', 'body', ...key.path], key.message, 'key');
      }
    }
    if (success && func.returns.kind === 'nothing' && example.response.body !== null) {
      report(['examples', i, 'response', 'body'], `example response has a body ${show(example.response.body)} but the function declares no response schema.`);
    }
  });
  return { diagnostics, unbuildable };
}
