import { binaryBodyProblems, fileProblems } from './check-files.js';
import { buildReturns, exampleAnswer } from './build-returns.js';
import { documentedBytes } from './documented-bytes.js';
import type {
  Endpoint,
  EndpointChoice,
  Example,
  Func,
  HttpBinding,
  Parameter,
  ParameterLocation,
  Returns,
  Server,
  Transform,
  UnavailableBinding,
} from '../model.js';
import { didYouMean, show, type Diagnostic } from './diagnostics.js';
import * as runtime from '@switchboard/runtime';
import { camelCase, deriveNames, languageNameProblem, moduleNames, RESERVED_FUNCTION_NAMES } from './names.js';
import type { ParsedFile } from './parse.js';
import { buildIdempotency } from './build-idempotency.js';
import { buildPagination } from './build-pagination.js';
import { placeholders, type ProviderShell } from './build-provider.js';
import { constantHeaderClashes, wireOwnerClash } from './check-wire-owners.js';
import type { RawFunction, RawParameter, RawRequest, RawTransform, RawValueSchema } from './spec-types.js';
import { patternProblem, schemaPatternProblems } from './patterns.js';
import { schemaKeywordProblems } from './schema-keywords.js';
import { inputSchemaOf, toValueSchema } from './value-schema.js';
import { buildRequiredGroups, requiredGroupsSchema } from './build-required-groups.js';
import { resolveRefs } from './named-schemas.js';
import { checkRenames, toRenamedFrom } from './check-renames.js';
import { unionProblems, writtenTypes } from './check-unions.js';

export type Report = (path: Array<string | number>, message: string, target?: 'key' | 'value') => void;

const BODYLESS = new Set(['GET', 'DELETE']);

/**
 * What a function's own problems make unreliable to check further: its examples' requests
 * (a problem in the request, or anywhere it cannot be pinned to one parameter), the examples
 * that pass a parameter with a problem, and its response schema. Everything else is still
 * checked, so one problem does not hide others, and nothing is reported that only follows from it.
 */
export interface Taint {
  requests: boolean;
  parameters: Set<string>;
  response: boolean;
}

export interface BuiltFunction {
  /** Null when there is no HTTP binding or unavailability to build on. */
  func: Func | null;
  diagnostics: Diagnostic[];
  taint: Taint;
}

/** Build one function of `provider` from its validated file: a function only sound when there are no diagnostics. */
export function buildFunction(parsed: ParsedFile, stem: string, provider: ProviderShell): BuiltFunction {
  const written = parsed.data as RawFunction;
  const diagnostics: Diagnostic[] = [];
  const taint: Taint = { requests: false, parameters: new Set(), response: false };
  const report: Report = (path, message, target = 'value') => {
    diagnostics.push({ file: parsed.file, ...parsed.locate(path, target), message });
    const [top, name] = path;
    if (top === 'parameters' && typeof name === 'string') taint.parameters.add(name);
    else if (top === 'response') taint.response = true;
    else if (top !== 'pagination' && top !== 'name' && top !== 'aliases') taint.requests = true;
  };
  // Refs to provider schemas are inlined first, so every later check sees the schema as if copied here.
  const raw = withResolvedResponse(written, provider, report);

  if (raw.name !== stem) report(['name'], `name ${show(raw.name)} must equal the file name '${stem}.yaml'.`);
  if (RESERVED_FUNCTION_NAMES.has(raw.name)) report(['name'], `'${raw.name}' is reserved: app.integrations.<provider>.default names the default account.`);
  const nameProblem = languageNameProblem(raw.name, 'name', provider.namespace);
  if (nameProblem) report(['name'], nameProblem);
  // The generated module imports runtime functions by their own names; any runtime export may be one of them.
  const runtimeClash = moduleNames(camelCase(raw.name), true).find((name) => Object.hasOwn(runtime, name));
  if (runtimeClash) report(['name'], `name '${raw.name}' gives the TypeScript name '${runtimeClash}', which the generated client imports from @switchboard/runtime; choose another name.`);
  for (const [i, alias] of (raw.aliases ?? []).entries()) {
    if (alias === raw.name) report(['aliases', i], `alias '${alias}' repeats the function's own name.`);
    if (RESERVED_FUNCTION_NAMES.has(alias)) report(['aliases', i], `'${alias}' is reserved for the default account.`);
    const aliasProblem = languageNameProblem(alias, 'alias', provider.namespace);
    if (aliasProblem) report(['aliases', i], aliasProblem);
  }

  checkRenames(raw, provider.namespace, report);
  const binding = raw.unavailable ? unavailableBinding(raw, report) : httpBinding(raw, provider, report);
  const parameters = buildParameters(raw, binding, report);
  const requiredGroups = buildRequiredGroups(raw.required_groups, parameters, report);
  if (binding?.kind === 'http') {
    for (const parameter of parameters) {
      const clash = wireOwnerClash(parameter, binding, provider.headers);
      if (!clash) continue;
      // At the key that names what is sent, when the spec writes one; else at the parameter.
      const written = raw.parameters[parameter.name];
      const key = written?.wire !== undefined ? 'wire' : written?.body_path !== undefined ? 'body_path' : null;
      report(key ? ['parameters', parameter.name, key] : ['parameters', parameter.name], clash, key ? 'value' : 'key');
    }
  }
  if (binding?.kind === 'http') {
    for (const [name, owner] of constantHeaderClashes(binding, provider.headers)) {
      report(['request', 'constants', 'header', name], `'${name}' is also sent by ${owner}; the constant would replace that value on every call. Remove one of them.`, 'key');
    }
  }
  if (binding?.kind === 'http') checkPathPlaceholders(raw, binding, parameters, report);
  for (const problem of [...schemaKeywordProblems(written.response?.schema, ['response', 'schema']), ...schemaPatternProblems(written.response?.schema, ['response', 'schema'])]) report(problem.path, problem.message, problem.target);
  // A file answer has no pages (buildReturns says so once): nothing in its pagination is checked further.
  const pagination = binding?.kind === 'http' && raw.pagination && raw.response?.body !== 'file' ? buildPagination(raw, binding, parameters, report) : null;
  const idempotencyKey = binding ? buildIdempotency(raw, binding, parameters, report) : null;

  // A documented success that carries the provider's failure marker is an error the client would raise, not a result.
  const marker = provider.errors.failureInBody ?? undefined;
  for (const [i, example] of (raw.examples ?? []).entries()) {
    if (marker && runtime.marksFailure(marker, example.response.body)) {
      report(['examples', i, 'response', 'body'], `this answer has ${marker.path} = ${JSON.stringify(marker.equals)}, which errors.failure_in_body makes a failure: the call raises an error instead of returning it. Document a successful answer, and the failure as the provider's errors.example.`);
    }
    // The docs show what the Lua example prints, and the reference-examples test runs it: a snippet that only asserts shows a reader nothing.
    if (example.lua !== undefined && example.response.status < 400 && !SHOWS_OUTPUT.test(example.lua)) {
      report(['examples', i, 'lua'], `this Lua example prints nothing: show what the call returns with print(…) or dump(…), e.g. print(result.id).`, 'key');
    }
  }

  const returns = buildReturns(raw, report);
  if (!binding) return { func: null, diagnostics, taint };
  if (binding.kind === 'http') binding.pagination = pagination;
  if (binding.kind === 'http') binding.idempotencyKey = idempotencyKey;

  const operation = raw.operation;
  const method = binding.kind === 'http' && binding.endpoint.kind === 'fixed' ? binding.endpoint.endpoint.method : null;
  const func: Func = {
    name: raw.name,
    aliases: raw.aliases ?? [],
    renamedFrom: (raw.renamed_from ?? []).map((old) => ({ ...toRenamedFrom(old), names: deriveNames(provider, old.name, []) })),
    providerId: provider.id,
    names: deriveNames(provider, raw.name, raw.aliases ?? []),
    title: raw.title,
    description: raw.description.trim(),
    operation,
    idempotent: runtime.declaredIdempotent({ operation, idempotent: raw.idempotent }),
    destructive: raw.destructive ?? method === 'DELETE',
    deprecated: raw.deprecated ? { since: raw.deprecated.since ?? null, message: raw.deprecated.message } : null,
    differences: raw.differences ?? [],
    parameters,
    requiredGroups,
    inputSchema: { ...inputSchemaOf(parameters), ...requiredGroupsSchema(requiredGroups) },
    returns,
    binding,
    examples: (raw.examples ?? []).map((example, i) => toExample(example, binding, provider, returns, ['examples', i], report)),
    source: { file: parsed.file },
  };
  return { func, diagnostics, taint };
}

function withResolvedResponse(raw: RawFunction, provider: ProviderShell, report: Report): RawFunction {
  if (!raw.response?.schema) return raw;
  const resolved = resolveRefs(raw.response.schema, ['response', 'schema'], provider.schemas, (path, message) => report(path, message));
  return resolved === null ? raw : { ...raw, response: { ...raw.response, schema: resolved as Record<string, unknown> } };
}

function unavailableBinding(raw: RawFunction, report: Report): UnavailableBinding {
  for (const key of ['request', 'pagination', 'response', 'examples'] as const) {
    if (raw[key] !== undefined) report([key], `an unavailable function has no '${key}': remove it, or remove 'unavailable'.`, 'key');
  }
  return { kind: 'unavailable', reason: raw.unavailable!.reason.trim(), alternative: raw.unavailable!.alternative?.trim() ?? null };
}

function httpBinding(raw: RawFunction, provider: ProviderShell, report: Report): HttpBinding | null {
  const request = raw.request;
  if (!request) {
    report([], "a function needs either 'request' (the HTTP call it makes) or 'unavailable' (why it cannot be made).");
    return null;
  }
  if (!raw.examples || raw.examples.length === 0) {
    report([], "a function needs at least one entry under 'examples', written from the provider's API reference.");
  }
  const endpoint = endpointChoice(request, raw, report);
  const serverName = request.server ?? runtime.DEFAULT_SERVER;
  const server = provider.servers.find((s) => s.name === serverName);
  if (!server) {
    report(['request', 'server'], `server '${serverName}' is not declared in provider.yaml.${didYouMean(serverName, provider.servers.map((s) => s.name))}`);
  }
  if (server?.auth.kind === 'api_key' && server.auth.in === 'body' && (request.body === undefined || request.body === 'binary')) {
    const needs = request.body === undefined ? 'needs one: set request.body to json, form or multipart' : 'cannot send its body as one file (request.body: binary has no place for them)';
    report(request.body === undefined ? ['request'] : ['request', 'body'], `server '${serverName}' sends its credentials in the body (auth '${server.auth.name}' has in: body), so this function ${needs}.`);
  }
  if (request.body === 'binary' && request.constants?.body !== undefined) {
    report(['request', 'constants', 'body'], 'a binary body is one file and nothing else, so it has no constant keys: remove constants.body, or send them in the query or a header.', 'key');
  }
  if (!endpoint || !server) return null;
  const status = raw.response?.status ?? (raw.response?.schema || raw.response?.body === 'file' ? 200 : 204);
  return {
    kind: 'http',
    server,
    endpoint,
    bodyEncoding: request.body ?? 'none',
    constants: { query: request.constants?.query ?? {}, header: request.constants?.header ?? {}, body: request.constants?.body ?? {} },
    successStatus: status,
    pagination: null,
    idempotencyKey: null,
  };
}

function endpointChoice(request: RawRequest, raw: RawFunction, report: Report): EndpointChoice | null {
  const fixed = request.method !== undefined || request.path !== undefined;
  if (fixed && request.select) {
    report(['request', 'select'], "give either 'method' and 'path', or 'select', not both.", 'key');
    return null;
  }
  if (request.select) {
    const selector = raw.parameters[request.select.parameter];
    const cases = Object.entries(request.select.cases).map(([value, endpoint]) => ({ value, endpoint: endpoint as Endpoint }));
    if (!selector) {
      report(['request', 'select', 'parameter'], `'${request.select.parameter}' is not a parameter of this function.${didYouMean(request.select.parameter, Object.keys(raw.parameters))}`);
    } else {
      const values = (selector.enum ?? []).map(String);
      const caseValues = cases.map((c) => c.value);
      if (values.length !== caseValues.length || !values.every((v) => caseValues.includes(v))) {
        report(['request', 'select', 'cases'], `cases ${caseValues.join(', ')} must be exactly the enum values of parameter '${request.select.parameter}': ${values.join(', ') || '(none)'}.`);
      }
      // A parameter's default documents what the provider does without it; the selector never reaches the provider.
      if (selector.default !== undefined) {
        report(['parameters', request.select.parameter, 'default'], `'default' documents what the provider assumes, but the selector '${request.select.parameter}' is never sent, so nothing would apply it and a call without it fails; drop 'default' and give required: true.`);
      } else if (selector.required !== true) {
        report(['parameters', request.select.parameter], `the selector '${request.select.parameter}' chooses the endpoint, so every call needs it: give required: true.`, 'key');
      }
    }
    return { kind: 'selected', parameter: request.select.parameter, cases };
  }
  if (request.method === undefined || request.path === undefined) {
    report(['request'], `'request' needs both 'method' and 'path' (or 'select').`);
    return null;
  }
  return { kind: 'fixed', endpoint: { method: request.method, path: request.path } };
}

function endpointsOf(binding: HttpBinding): Endpoint[] {
  return binding.endpoint.kind === 'fixed' ? [binding.endpoint.endpoint] : binding.endpoint.cases.map((c) => c.endpoint);
}

function buildParameters(raw: RawFunction, binding: HttpBinding | UnavailableBinding | null, report: Report): Parameter[] {
  const http = binding?.kind === 'http' ? binding : null;
  const endpoints = http ? endpointsOf(http) : [];
  const inPath = new Set(endpoints.flatMap((e) => placeholders(e.path)));
  const allBodyless = endpoints.length > 0 && endpoints.every((e) => BODYLESS.has(e.method));
  const caseValues = http?.endpoint.kind === 'selected' ? http.endpoint.cases.map((c) => c.value) : null;
  const selector = http?.endpoint.kind === 'selected' ? http.endpoint.parameter : null;
  const wireClaims: Array<{ name: string; location: ParameterLocation; wireName: string; appliesTo: string[] | null }> = [];
  const parameters: Parameter[] = [];

  for (const [name, p] of Object.entries(raw.parameters)) {
    const at = (key: string) => ['parameters', name, key];
    // With request.select, the cases the parameter is sent with decide its default: a parameter of GET cases only goes to the query.
    const appliesTo = p.applies_to;
    const sentWith = appliesTo && http?.endpoint.kind === 'selected' ? http.endpoint.cases.filter((c) => appliesTo.includes(c.value)) : null;
    const ownBodyless = sentWith ? sentWith.length > 0 && sentWith.every((c) => BODYLESS.has(c.endpoint.method)) : allBodyless;
    const location: ParameterLocation = p.in ?? (inPath.has(name) ? 'path' : ownBodyless ? 'query' : 'body');
    // Sent as one JSON text, whatever its type: none of the rules for lists and objects on the wire apply.
    const sentAsJson = [p.transform ?? []].flat().includes('json_encode');
    if (http) {
      if (location === 'path' && !inPath.has(name)) report(at('in'), `parameter '${name}' is in the path, but no endpoint path has '{${name}}'.`);
      if (location === 'path' && p.required !== true) report(['parameters', name], `path parameter '${name}' must be required: true.`, 'key');
      // A body parameter must not be sent with a GET case (the selector itself is never sent).
      const bodylessCase = location === 'body' && !allBodyless && http.endpoint.kind === 'selected' && name !== selector ? (sentWith ?? http.endpoint.cases).find((c) => BODYLESS.has(c.endpoint.method)) : undefined;
      if (location === 'body' && ownBodyless) report(['parameters', name], `parameter '${name}' goes in the body, but a ${(sentWith?.[0]?.endpoint ?? endpoints[0]!).method} request has none. Use in: query.`, 'key');
      else if (bodylessCase) {
        report(['parameters', name], `parameter '${name}' goes in the body, but with ${selector}: ${bodylessCase.value} the request is a ${bodylessCase.endpoint.method}, which has none; limit it with applies_to to the cases with a body, and give a second parameter with in: query for the others.`, 'key');
      }
      // A header carries text: a string, or a value json_encode turns into JSON text.
      if (location === 'header' && !sentAsJson && (p.one_of || p.type !== 'string')) report(at(p.one_of ? 'one_of' : 'type'), `header parameter '${name}' must be a string (or an object or array with transform: json_encode).`);
    }
    if (p.spread && !(p.type === 'object' && location === 'body')) report(at('spread'), `'spread' applies to object parameters in the body only.`);
    const bodyPath = p.body_path === undefined ? [] : p.body_path.split('.');
    if (p.body_path !== undefined && location !== 'body') report(at('body_path'), `'body_path' applies to body parameters only; '${name}' goes in the ${location}.`);
    const index = bodyPath.find((segment) => /^\d+$/.test(segment));
    if (index !== undefined) {
      report(at('body_path'), `'body_path' names object keys, so '${index}' would be sent as the key "${index}", not as a position in a list: a parameter cannot be put into a list's item. Take the list as one parameter of type array instead.`);
    }
    if (p.body_path !== undefined && p.spread) report(at('body_path'), `give either 'spread' (merge into the body's root) or 'body_path' (nest under keys), not both.`);
    // A multipart body carries the fields a form does, in the same keys (and files besides).
    const formBody = location === 'body' && (http?.bodyEncoding === 'form' || http?.bodyEncoding === 'multipart');
    if (p.array_format && sentAsJson) report(at('array_format'), `'array_format' does not apply with transform: json_encode, which sends the whole list as JSON text.`);
    else if (p.array_format && !(writtenTypes(p).includes('array') && (location === 'query' || formBody))) {
      report(at('array_format'), `'array_format' applies to array parameters in the query or in a form body (request.body: form or multipart).`);
    }
    // Only indexed pairs can carry a list of objects (k[0][name]=x); any other format fails on every call that gives one.
    const objectItems = (p.type === 'array' && p.items?.type === 'object') || (p.one_of ?? []).some((m) => m.type === 'array' && m.items?.type === 'object');
    if (objectItems && !sentAsJson && (location === 'query' || formBody) && (p.array_format ?? 'comma') !== 'indexed') {
      report(p.array_format ? at('array_format') : ['parameters', name], `parameter '${name}' is a list of objects, which the ${location === 'query' ? 'query' : 'form body'} can only carry with array_format: indexed (${name}[0][key]=value).`, p.array_format ? 'value' : 'key');
    }
    // Only JSON has a null to send: a query, path, header or form body would send the text "null".
    const jsonBody = location === 'body' && http?.bodyEncoding === 'json';
    for (const where of nullableKeys(p, ['parameters', name])) {
      if (http && !jsonBody) report(where, `'nullable' applies in a JSON body only (request.body: json): the ${formBody ? 'form body' : location} has no null to send.`);
      else if (p.spread && where.length === 3) report(where, `a spread parameter merges its properties into the body; null has none to merge. Give 'nullable' to its properties instead.`);
    }
    if (p.path_style && location !== 'path') report(at('path_style'), `'path_style' applies to path parameters only.`);
    if (p.applies_to) {
      if (!caseValues) report(at('applies_to'), `'applies_to' needs request.select: this function has one endpoint.`);
      for (const [i, value] of p.applies_to.entries()) {
        if (caseValues && !caseValues.includes(value)) report(['parameters', name, 'applies_to', i], `'${value}' is not a case of request.select: ${caseValues.join(', ')}.`);
      }
    }
    const sentProblem = p.sent_when_omitted === undefined ? null : sentWhenOmittedProblem(name, p, name === selector);
    if (sentProblem) report(at('sent_when_omitted'), sentProblem);
    for (const problem of unionProblems(p, ['parameters', name])) report(problem.path, problem.message, problem.target);
    for (const problem of fileProblems(name, p, location, http?.bodyEncoding ?? null)) report(problem.path, problem.message, problem.target);
    checkValueConstraints(p, ['parameters', name], report);
    const transforms = toTransforms(p, name, location, report);
    const wireName = location === 'body' ? [...bodyPath, p.wire ?? name].join('.') : (p.wire ?? name);
    if (!p.spread) {
      const container = location === 'body' ? wireClaims.find((c) => c.location === 'body' && (c.wireName.startsWith(`${wireName}.`) || wireName.startsWith(`${c.wireName}.`)) && overlap(c.appliesTo, p.applies_to ?? null)) : undefined;
      if (container) {
        report(at(p.body_path !== undefined ? 'body_path' : p.wire ? 'wire' : 'in'), `parameters '${container.name}' and '${name}' both send body '${container.wireName.length < wireName.length ? container.wireName : wireName}': one is an object the other is nested in; nest both with 'body_path', or give them different keys.`);
      }
      const clash = wireClaims.find((c) => c.location === location && sameWireName(location, c.wireName, wireName) && overlap(c.appliesTo, p.applies_to ?? null));
      if (clash && !repeatable(location, formBody)) {
        report(at(p.wire ? 'wire' : 'in'), `parameters '${clash.name}' and '${name}' both send ${location} '${wireName}'; ${oneValueReason(location)}`);
      }
      wireClaims.push({ name, location, wireName, appliesTo: p.applies_to ?? null });
    }
    parameters.push({
      name,
      required: p.required === true,
      schema: toValueSchema(p),
      location,
      wireName: p.wire ?? name,
      transforms,
      spread: p.spread === true,
      bodyPath: location === 'body' ? bodyPath : [],
      // A list of files repeats its key: commas cannot join files.
      arrayFormat: p.array_format ?? (p.type === 'array' && p.items?.type === 'file' ? 'repeat' : 'comma'),
      pathStyle: p.path_style ?? 'segment',
      appliesTo: p.applies_to ?? null,
      deprecated: p.deprecated ?? null,
      renamedFrom: (p.renamed_from ?? []).map(toRenamedFrom),
      // Whether the value suits the parameter's schema is checked with the examples, by the same validator.
      sentWhenOmitted: p.sent_when_omitted === undefined || sentProblem ? null : { value: p.sent_when_omitted },
    });
  }
  const unencoded = http && !allBodyless && http.bodyEncoding === 'none' ? parameters.filter((p) => p.location === 'body') : [];
  if (unencoded.length > 0) {
    report(['request'], `parameter(s) ${unencoded.map((p) => `'${p.name}'`).join(', ')} go in the body: set request.body to json, form or multipart.`);
  }
  // The selector chooses the endpoint and is never sent, so it is no second body value.
  if (http?.bodyEncoding === 'binary' && !allBodyless) for (const problem of binaryBodyProblems(raw, parameters.filter((p) => p.name !== selector))) report(problem.path, problem.message, problem.target);
  return parameters;
}

/** Why `parameter` cannot have a value sent when the caller omits it, or null when it can. */
function sentWhenOmittedProblem(name: string, parameter: RawParameter, isSelector: boolean): string | null {
  if (isSelector) return `the selector '${name}' chooses the endpoint and is never sent, so every call must give it: drop sent_when_omitted and give required: true.`;
  if (parameter.required === true) return `'${name}' is required, so it is never omitted: drop sent_when_omitted, or drop required: true to send this value when a call leaves '${name}' out.`;
  if (parameter.default !== undefined) {
    return `give either 'default' (what the provider does when '${name}' is not sent) or 'sent_when_omitted' (a value sent in its place), not both: with sent_when_omitted the provider's default never applies.`;
  }
  if (parameter.spread === true) return `a spread parameter's properties are merged into the body one by one, each only when given: sent_when_omitted does not apply to it.`;
  if (parameter.sent_when_omitted === null) return `null means "no value" for a parameter, so nothing would be sent: give a value, or drop sent_when_omitted.`;
  return null;
}

/** Where a value schema says `nullable: true`: itself, its items, properties and extra values (a union's members are refused elsewhere). */
function nullableKeys(schema: RawValueSchema, path: Array<string | number>): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = schema.nullable === true ? [[...path, 'nullable']] : [];
  if (schema.items) found.push(...nullableKeys(schema.items, [...path, 'items']));
  for (const [name, property] of Object.entries(schema.properties ?? {})) found.push(...nullableKeys(property, [...path, 'properties', name]));
  if (typeof schema.additional_properties === 'object') found.push(...nullableKeys(schema.additional_properties, [...path, 'additional_properties']));
  for (const [i, member] of (schema.one_of ?? []).entries()) found.push(...nullableKeys(member, [...path, 'one_of', i]).filter((at) => at.length > path.length + 3));
  return found;
}

/** Header names are case-insensitive: `X-Foo` and `x-foo` are one header. */
function sameWireName(location: ParameterLocation, a: string, b: string): boolean {
  return location === 'header' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * Two parameters may share a wire name where both values can be sent: the query and a form
 * body repeat the key (`date=>2026-01-01&date=<2026-02-01`, in parameter order). A path
 * placeholder, a header and a JSON body key hold one value, so there they must never be given
 * together: only with a selected endpoint and disjoint `applies_to`.
 */
function repeatable(location: ParameterLocation, formBody: boolean): boolean {
  return location === 'query' || (location === 'body' && formBody);
}

function oneValueReason(location: ParameterLocation): string {
  const holder = location === 'body' ? 'a JSON body key' : location === 'header' ? 'a header' : 'a path placeholder';
  return `${holder} holds one value, so give them disjoint 'applies_to' cases or different wire names.`;
}

/** Whether two parameters can be given in one call: null (every case) overlaps everything. */
function overlap(a: string[] | null, b: string[] | null): boolean {
  return a === null || b === null || a.some((value) => b.includes(value));
}

function checkPathPlaceholders(raw: RawFunction, binding: HttpBinding, parameters: Parameter[], report: Report): void {
  const declared = parameters.filter((p) => p.location === 'path').map((p) => p.name);
  const where: Array<string | number> = binding.endpoint.kind === 'fixed' ? ['request', 'path'] : ['request', 'select', 'cases'];
  for (const endpoint of endpointsOf(binding)) {
    for (const name of placeholders(endpoint.path)) {
      if (!declared.includes(name)) {
        report(where, `path placeholder '{${name}}' is not a declared path parameter.${didYouMean(name, Object.keys(raw.parameters))}`);
      }
    }
  }
}

function checkValueConstraints(p: RawValueSchema, path: Array<string | number>, report: Report): void {
  if (p.one_of) {
    p.one_of.forEach((member, i) => checkValueConstraints(member, [...path, 'one_of', i], report));
    return;
  }
  if (p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum) {
    report([...path, 'minimum'], `minimum ${p.minimum} is greater than maximum ${p.maximum}.`);
  }
  if (p.items && p.type !== 'array') report([...path, 'items'], `'items' applies to arrays only; this is a ${p.type}.`);
  if (p.properties && p.type !== 'object') report([...path, 'properties'], `'properties' applies to objects only; this is a ${p.type}.`);
  if (p.type === 'array' && !p.items) report([...path, 'type'], `an array needs 'items' to say what it holds.`);
  checkValuePatterns(p, path, report);
}

/** Patterns anywhere in a value schema: the parameter's own, its items', its properties'. */
function checkValuePatterns(schema: RawValueSchema, path: Array<string | number>, report: Report): void {
  if (schema.pattern !== undefined) {
    const problem = patternProblem(schema.pattern);
    if (problem) report([...path, 'pattern'], problem);
  }
  if (schema.items) checkValuePatterns(schema.items, [...path, 'items'], report);
  schema.one_of?.forEach((member, i) => checkValuePatterns(member, [...path, 'one_of', i], report));
  for (const [name, property] of Object.entries(schema.properties ?? {})) checkValuePatterns(property, [...path, 'properties', name], report);
  if (typeof schema.additional_properties === 'object') checkValuePatterns(schema.additional_properties, [...path, 'additional_properties'], report);
}

/**
 * What each transform takes. On a union a transform needs one member it applies to; the runtime's
 * transforms leave values they do not take alone, so `join` joins the array member and sends the
 * string member as it is (scalar transforms also reach into an array member's items, as for any array).
 */
const TRANSFORM_INPUT: Record<string, Array<RawParameter['type']>> = {
  seconds_to_milliseconds: ['integer', 'number'],
  strip_plus: ['string'],
  wrap_in_array: ['string', 'integer', 'number', 'boolean', 'object'],
  join: ['array'],
  datetime_format: ['string'],
  map: ['string', 'integer', 'number', 'boolean'],
  json_encode: ['object', 'array'],
};

function toTransforms(p: RawParameter, name: string, location: ParameterLocation, report: Report): Transform[] {
  const list: RawTransform[] = p.transform === undefined ? [] : Array.isArray(p.transform) ? p.transform : [p.transform];
  return list.map((raw, i) => {
    const transform = toTransform(raw, location);
    const path = Array.isArray(p.transform) ? ['parameters', name, 'transform', i] : ['parameters', name, 'transform'];
    // Only the first transform sees the declared type; later ones see what it produced.
    const types = writtenTypes(p);
    if (i === 0 && !types.some((type) => TRANSFORM_INPUT[transform.kind]!.includes(type))) {
      report(path, `transform '${transform.kind}' does not apply to ${/^[aeiou]/.test(types[0]!) ? 'an' : 'a'} ${types.join(' or ')}; it takes ${TRANSFORM_INPUT[transform.kind]!.join(' or ')}.`);
    }
    if (transform.kind === 'json_encode') {
      // Text is what it makes: nothing after it would see the value the caller gave.
      if (i !== list.length - 1) report(path, `transform 'json_encode' must come last: it turns the value into JSON text.`);
      if (location === 'path') report(path, `transform 'json_encode' does not apply to a path parameter: JSON text is no URL path segment; send it in the query, a header or the body.`);
    }
    return transform;
  });
}

function toTransform(raw: RawTransform, location: ParameterLocation): Transform {
  if (raw === 'comma_join') return { kind: 'join', separator: ',' };
  // A header value is ASCII: JSON text there writes other characters as \uXXXX (Dropbox-API-Arg asks for exactly that).
  if (raw === 'json_encode') return location === 'header' ? { kind: 'json_encode', asciiOnly: true } : { kind: 'json_encode' };
  if (typeof raw === 'string') return { kind: raw };
  if ('join' in raw) return { kind: 'join', separator: raw.join };
  if ('map' in raw) return { kind: 'map', values: raw.map };
  return { kind: 'datetime_format', format: raw.datetime_format };
}

type RawExample = NonNullable<RawFunction['examples']>[number];

/** A call of Lua's print or the host's dump: what makes a Lua example show something. */
const SHOWS_OUTPUT = /\b(print|dump)\s*[("'{[]/;

function toExample(raw: RawExample, binding: HttpBinding | UnavailableBinding, provider: ProviderShell, returns: Returns, at: Array<string | number>, report: Report): Example {
  const line = {
    method: raw.request.method,
    url: raw.request.url,
    headers: Object.fromEntries(Object.entries(raw.request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  // A body that is one file is documented as that file, as a download's answer is.
  const binary = binding.kind === 'http' && binding.bodyEncoding === 'binary';
  return {
    title: raw.title,
    arguments: raw.arguments,
    account: raw.account ?? null,
    fields: binding.kind === 'http' ? accountChoice(raw, binding.server, provider) : {},
    request: binary ? { ...line, file: documentedBytes(raw.request.body, { declared: null, holder: 'request' }, [...at, 'request', 'body'], report) } : { ...line, body: raw.request.body ?? null },
    response: exampleAnswer(raw.response, returns, [...at, 'response'], report),
    lua: raw.lua?.trimEnd() ?? null,
  };
}

/**
 * A named account's example may show a server URL other than the default account's (Mailgun's
 * EU host): the choice whose URL, filled with the fields' examples, begins the documented URL.
 */
function accountChoice(raw: RawExample, server: Server, provider: ProviderShell): Record<string, string> {
  const url = server.url;
  if (raw.account === undefined || url.kind !== 'by_field') return {};
  const examples = Object.fromEntries(provider.fields.map((f) => [f.key, f.example]));
  const fill = (template: string) => template.replace(/\{([^{}]+)\}/g, (_, key: string) => encodeURIComponent(examples[key] ?? ''));
  const documented = raw.request.url;
  const chosen = url.choices.find((c) => {
    const base = fill(c.url.template);
    return documented === base || documented.startsWith(`${base}/`) || documented.startsWith(`${base}?`);
  });
  return chosen && chosen.value !== examples[url.field] ? { [url.field]: chosen.value } : {};
}
