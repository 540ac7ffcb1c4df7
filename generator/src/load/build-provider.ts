import { INITIAL_PACKAGE_VERSION } from './names.js';
import type { AuthScheme, Field, Provider, Server } from '../model.js';
import { buildAccountHeaders, buildAuthScheme, buildServerUrl, FieldRefs } from './build-account-parts.js';
import type { RawAuthScheme } from './spec-types.js';
import { didYouMean, show, type Diagnostic } from './diagnostics.js';
import { camelCase, mockExports, pascalCase, upperSnake } from './names.js';
import type { ParsedFile } from './parse.js';
import { patternMatches, patternProblem } from './patterns.js';
import type { RawProvider } from './spec-types.js';
import type { JsonSchema } from '../model.js';
import { resolveProviderSchemas } from './named-schemas.js';
import { providerNameProblems } from './check-provider-names.js';
import { baseUrlEnvName, firstText, marksFailure, readErrorDetails, type EnvNamedProvider } from '@switchboard/runtime';
import { schemaPatternProblems } from './patterns.js';
import { schemaKeywordProblems } from './schema-keywords.js';

export type ProviderShell = Omit<Provider, 'functions'>;

export { OAUTH2_EXAMPLE_TOKEN, placeholders } from './build-account-parts.js';


/** Build a provider (without its functions) and check its internal references. */
export function buildProvider(
  parsed: ParsedFile,
  folder: string,
): { provider: ProviderShell | null; diagnostics: Diagnostic[] } {
  const raw = parsed.data as RawProvider;
  const diagnostics: Diagnostic[] = [];
  const report = (path: Array<string | number>, message: string, target: 'key' | 'value' = 'value') =>
    diagnostics.push({ file: parsed.file, ...parsed.locate(path, target), message });

  if (raw.id !== folder) {
    report(['id'], `id ${show(raw.id)} must equal the folder name '${folder}', so specs/<id>/ always holds provider <id>.`);
  }
  const refs = new FieldRefs(raw.fields, report);
  const namespace = raw.namespace ?? raw.id.replace(/-/g, '_');
  const className = raw.class_name ?? pascalCase(raw.id);
  for (const problem of providerNameProblems(raw, namespace, className)) report(problem.path, problem.message, problem.target);

  const envPrefix = raw.env_prefix ?? upperSnake(raw.id);
  for (const [key, field] of Object.entries(raw.fields)) {
    // `<PREFIX>_BASE_URL` (and `_BASE_URL_<SERVER>`) already tell the runtime and the CLI where to
    // send the provider's requests: a field spelt so would have its value read as a URL override.
    const spelt = upperSnake(key);
    if (spelt === 'BASE_URL' || spelt.startsWith('BASE_URL_')) {
      report(['fields', key], `field '${key}' would be read from ${envPrefix}_${spelt}, the variable that overrides the provider's server URL; name it for what it holds (api_host, instance_url).`, 'key');
    }
    if (field.default !== undefined && field.enum && !field.enum.includes(field.default)) {
      report(['fields', key, 'default'], `default ${show(field.default)} is not one of the field's enum values: ${field.enum.join(', ')}.`);
    }
    if (field.enum && !field.enum.includes(field.example)) {
      report(['fields', key, 'example'], `example ${show(field.example)} is not one of the field's enum values: ${field.enum.join(', ')}.`);
    }
    if (field.required === false && field.default !== undefined) {
      report(['fields', key, 'required'], `a field with a default always has a value: remove 'required: false' or the default.`);
    }
    const patternIssue = field.pattern !== undefined ? patternProblem(field.pattern) : null;
    if (patternIssue) report(['fields', key, 'pattern'], patternIssue);
    else if (field.pattern !== undefined && !patternMatches(field.pattern, field.example)) {
      report(['fields', key, 'example'], `example ${show(field.example)} does not match the field's pattern /${field.pattern}/.`);
    }
  }

  const schemes = new Map<string, AuthScheme>();
  for (const [name, scheme] of Object.entries(raw.auth)) {
    const built = buildAuthScheme(name, scheme, refs, report);
    if (built) schemes.set(name, built);
  }

  for (const [name, scheme] of Object.entries(raw.auth)) {
    if (scheme.type !== 'oauth2_client_credentials') continue;
    checkOAuth2(name, scheme, raw, schemes, report);
  }

  const servers: Array<Omit<Server, 'baseUrlEnv' | 'accountBaseUrlEnvTemplate'>> = [];
  for (const [name, server] of Object.entries(raw.servers)) {
    const url = buildServerUrl(server.url, ['servers', name, 'url'], refs, report);
    const auth = schemes.get(server.auth);
    if (!auth) {
      if (!(server.auth in raw.auth)) report(['servers', name, 'auth'], `auth scheme '${server.auth}' is not declared under 'auth'.${didYouMean(server.auth, Object.keys(raw.auth))}`);
      continue;
    }
    servers.push({ name, url, auth, description: server.description ?? null });
  }
  // Only a scheme some server sends can clash with a provider header.
  const usedSchemes = new Set(Object.values(raw.servers).map((server) => server.auth));
  const headers = buildAccountHeaders(raw.headers ?? {}, [...schemes.values()].filter((s) => usedSchemes.has(s.name)), refs, report);

  const schemas = resolveProviderSchemas((raw.schemas ?? {}) as Record<string, JsonSchema>, (path, message) => report(path, message));
  for (const [name, schema] of Object.entries(raw.schemas ?? {})) {
    for (const problem of [...schemaKeywordProblems(schema, ['schemas', name]), ...schemaPatternProblems(schema, ['schemas', name])]) report(problem.path, problem.message, problem.target);
  }

  // Read the way the runtime reads a live error body, so the mocks and contract tests show what callers will see.
  const documentedMessage = firstText(raw.errors.example.body, raw.errors.message);
  const documentedCode = raw.errors.code === undefined ? null : firstText(raw.errors.example.body, raw.errors.code);
  if (documentedMessage === null) {
    report(['errors', 'message'], `no path of errors.message (${raw.errors.message.join(', ')}) finds text in errors.example.body, so the spec's own error would reach callers with no provider message; fix the paths or the example.`);
  }
  const documentedRequestId = raw.errors.request_id === undefined ? null : firstText(raw.errors.example.body, raw.errors.request_id);
  if (raw.errors.request_id !== undefined && documentedRequestId === null) {
    report(['errors', 'request_id'], `no path of errors.request_id (${raw.errors.request_id.join(', ')}) finds a value in errors.example.body; fix the paths or the example, or leave errors.request_id out.`);
  }
  if (raw.errors.code !== undefined && documentedCode === null) {
    report(['errors', 'code'], `no path of errors.code (${raw.errors.code.join(', ')}) finds a value in errors.example.body; fix the paths or the example, or leave errors.code out.`);
  }

  const details = raw.errors.details ?? null;
  const detailProblems = details ? errorDetailsProblems(details) : [];
  for (const problem of detailProblems) report(['errors', 'details', ...problem.at], problem.message);
  const documentedDetails = details ? readErrorDetails(details, raw.errors.example.body) : [];
  if (details !== null && detailProblems.length === 0 && documentedDetails.length === 0) {
    report(['errors', 'details'], `errors.details finds no detail in errors.example.body (entries at '${details.each}', read as ${details.text.map((t) => JSON.stringify(t)).join(' or ')}); give an example whose answer lists field-level reasons, or fix 'each' and 'text'.`, 'key');
  }

  const failureInBody = raw.errors.failure_in_body ?? null;
  const exampleStatus = raw.errors.example.status;
  if (exampleStatus < 400 && failureInBody === null) {
    report(['errors', 'example', 'status'], `status ${exampleStatus} is a success; an error example needs 400 to 599, or errors.failure_in_body for a provider that answers failures with a success status.`);
  } else if (exampleStatus < 400 && failureInBody !== null && !marksFailure(failureInBody, raw.errors.example.body)) {
    report(['errors', 'example', 'body'], `the example answers with status ${exampleStatus}, so its body must show the failure marker: ${failureInBody.path} = ${JSON.stringify(failureInBody.equals)}.`);
  }

  const rateLimit = raw.rate_limit;
  if (rateLimit?.exhausted && rateLimit.remaining_header === undefined) {
    report(['rate_limit', 'exhausted'], `'exhausted' needs 'remaining_header': a status there is a rate limit only when that header says 0 requests are left.`, 'key');
  }
  if (rateLimit?.exhausted?.includes(429)) report(['rate_limit', 'exhausted'], `429 is always a rate limit; list only the other statuses that can mean one (GitHub's 403).`);
  if (rateLimit?.reset !== undefined && rateLimit.reset_header === undefined) report(['rate_limit', 'reset'], `'reset' says how to read 'reset_header', which is missing.`, 'key');

  if (diagnostics.length > 0 || documentedMessage === null) return { provider: null, diagnostics };

  const fields: Field[] = Object.entries(raw.fields).map(([key, field]) => ({
    key,
    label: field.label,
    description: field.description,
    secret: field.secret === true,
    option: camelCase(key),
    env: `${envPrefix}_${upperSnake(key)}`,
    accountEnvTemplate: `${envPrefix}_{ACCOUNT}_${upperSnake(key)}`,
    example: field.example,
    default: field.default ?? null,
    required: field.required !== false,
    enum: field.enum ?? null,
    pattern: field.pattern ?? null,
  }));

  return {
    diagnostics,
    provider: {
      id: raw.id,
      namespace,
      name: raw.name,
      className,
      packageName: `@switchboard/${raw.id}`,
      packageDir: `packages/clients/${raw.id}`,
      mockExports: mockExports(namespace),
      version: INITIAL_PACKAGE_VERSION,
      category: raw.category,
      description: raw.description.trim(),
      docsUrl: raw.docs_url,
      apiVersion: raw.api_version ?? null,
      envPrefix,
      fields,
      servers: servers.map((server) => ({ ...server, ...baseUrlVariables({ id: raw.id, fields }, server.name) })),
      headers,
      errors: { messagePaths: raw.errors.message, codePaths: raw.errors.code ?? [], requestIdPaths: raw.errors.request_id ?? [], failureInBody, details, example: raw.errors.example, documented: { message: documentedMessage, code: documentedCode, requestId: documentedRequestId, details: documentedDetails } },
      rateLimit: raw.rate_limit
        ? {
            limit: raw.rate_limit.limit_header ?? null,
            remaining: raw.rate_limit.remaining_header ?? null,
            reset: raw.rate_limit.reset_header ?? null,
            resetFormat: raw.rate_limit.reset ?? null,
            exhaustedStatuses: raw.rate_limit.exhausted ?? [],
          }
        : null,
      requestIdHeader: raw.request_id_header ?? null,
      schemas,
      source: { file: parsed.file },
    },
  };
}

type OAuth2Raw = Extract<RawAuthScheme, { type: 'oauth2_client_credentials' }>;

/** The client secret is a secret, and the token endpoint is on a declared server that needs no auth of its own. */
function checkOAuth2(name: string, scheme: OAuth2Raw, raw: RawProvider, schemes: Map<string, AuthScheme>, report: (path: Array<string | number>, message: string) => void): void {
  const secret = raw.fields[scheme.client_secret];
  if (secret && secret.secret !== true) {
    report(['auth', name, 'client_secret'], `field '${scheme.client_secret}' holds the OAuth2 client secret, so it must be declared with 'secret: true'.`);
  }
  const tokenServer = raw.servers[scheme.token_server];
  if (!tokenServer) {
    report(['auth', name, 'token_server'], `server '${scheme.token_server}' is not declared under 'servers'.${didYouMean(scheme.token_server, Object.keys(raw.servers))}`);
    return;
  }
  const tokenServerAuth = schemes.get(tokenServer.auth);
  if (tokenServerAuth && tokenServerAuth.kind !== 'none') {
    report(
      ['auth', name, 'token_server'],
      `the token endpoint's server '${scheme.token_server}' uses auth '${tokenServer.auth}' (${tokenServerAuth.kind}); it must use a scheme of 'type: none', since the client credentials are what authenticates a token request.`,
    );
  }
}

/** The variables overriding a server's URL, as the runtime names them (the CLI and the clients read them). */
function baseUrlVariables(provider: EnvNamedProvider, server: string): Pick<Server, 'baseUrlEnv' | 'accountBaseUrlEnvTemplate'> {
  return { baseUrlEnv: baseUrlEnvName(provider, 'default', server), accountBaseUrlEnvTemplate: baseUrlEnvName(provider, '{ACCOUNT}', server) };
}

/** What in `errors.details` cannot read any answer: an empty step in `each`, a template that names no path or leaves a brace open. */
function errorDetailsProblems(details: { each: string; text: string[] }): Array<{ at: Array<string | number>; message: string }> {
  const problems: Array<{ at: Array<string | number>; message: string }> = [];
  if (details.each.split('.').some((step) => step.trim() === '')) {
    problems.push({ at: ['each'], message: `'${details.each}' has an empty step: write dotted keys (errors, details.*), with * for every item or value.` });
  }
  details.text.forEach((template, i) => {
    const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
    const stray = template.replace(/\{[^{}]*\}/g, '').match(/[{}]/);
    if (names.length === 0) problems.push({ at: ['text', i], message: `'${template}' names no field of an entry, so every entry would read the same: write the fields in braces, e.g. "{field}: {message}".` });
    else if (names.some((name) => name.trim() === '') || stray) problems.push({ at: ['text', i], message: `'${template}' has an empty or unclosed brace: each {…} names a dotted path in an entry, e.g. {field} or {source.pointer}.` });
  });
  return problems;
}
