import type { AuthScheme, Field, Provider, Server } from '../model.js';
import { didYouMean, show, type Diagnostic } from './diagnostics.js';
import { camelCase, pascalCase, upperSnake } from './names.js';
import type { ParsedFile } from './parse.js';
import { patternMatches, patternProblem } from './patterns.js';
import type { RawAuthScheme, RawProvider } from './spec-types.js';
import type { JsonSchema } from '../model.js';
import { resolveProviderSchemas } from './named-schemas.js';
import { schemaPatternProblems } from './patterns.js';

export type ProviderShell = Omit<Provider, 'functions'>;

const PLACEHOLDER = /\{([^{}]+)\}/g;

/**
 * The access token the generated mocks' token endpoint hands out, and so the one examples of
 * OAuth2 functions document (`authorization: Bearer example-access-token`): the sandbox then
 * sends exactly the documented request.
 */
export const OAUTH2_EXAMPLE_TOKEN = 'example-access-token';

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

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
  const fieldKeys = Object.keys(raw.fields);
  const checkField = (path: Array<string | number>, key: string) => {
    if (!raw.fields[key]) report(path, `field '${key}' is not declared under 'fields'.${didYouMean(key, fieldKeys)}`);
  };

  for (const [key, field] of Object.entries(raw.fields)) {
    if (field.default !== undefined && field.enum && !field.enum.includes(field.default)) {
      report(['fields', key, 'default'], `default ${show(field.default)} is not one of the field's enum values: ${field.enum.join(', ')}.`);
    }
    if (field.enum && !field.enum.includes(field.example)) {
      report(['fields', key, 'example'], `example ${show(field.example)} is not one of the field's enum values: ${field.enum.join(', ')}.`);
    }
    const patternIssue = field.pattern !== undefined ? patternProblem(field.pattern) : null;
    if (patternIssue) report(['fields', key, 'pattern'], patternIssue);
    else if (field.pattern !== undefined && !patternMatches(field.pattern, field.example)) {
      report(['fields', key, 'example'], `example ${show(field.example)} does not match the field's pattern /${field.pattern}/.`);
    }
  }

  const schemes = new Map<string, AuthScheme>();
  for (const [name, scheme] of Object.entries(raw.auth)) {
    for (const [role, key] of fieldRefs(scheme)) checkField(['auth', name, role], key);
    schemes.set(name, toAuthScheme(name, scheme));
  }

  for (const [name, scheme] of Object.entries(raw.auth)) {
    if (scheme.type !== 'oauth2_client_credentials') continue;
    checkOAuth2(name, scheme, raw, schemes, report);
  }

  const servers: Server[] = [];
  for (const [name, server] of Object.entries(raw.servers)) {
    const urlFields = placeholders(server.url);
    for (const key of urlFields) checkField(['servers', name, 'url'], key);
    const auth = schemes.get(server.auth);
    if (!auth) {
      report(['servers', name, 'auth'], `auth scheme '${server.auth}' is not declared under 'auth'.${didYouMean(server.auth, schemes.keys())}`);
      continue;
    }
    if (server.url.endsWith('/')) {
      report(['servers', name, 'url'], `server URL must not end with '/': function paths start with one.`);
    }
    servers.push({ name, urlTemplate: server.url, urlFields, auth, description: server.description ?? null });
  }

  const schemas = resolveProviderSchemas((raw.schemas ?? {}) as Record<string, JsonSchema>, (path, message) => report(path, message));
  for (const [name, schema] of Object.entries(raw.schemas ?? {})) {
    for (const problem of schemaPatternProblems(schema, ['schemas', name])) report(problem.path, problem.message, problem.target);
  }

  if (diagnostics.length > 0) return { provider: null, diagnostics };

  const envPrefix = raw.env_prefix ?? upperSnake(raw.id);
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
    enum: field.enum ?? null,
    pattern: field.pattern ?? null,
  }));

  return {
    diagnostics,
    provider: {
      id: raw.id,
      namespace: raw.namespace ?? raw.id.replace(/-/g, '_'),
      name: raw.name,
      className: raw.class_name ?? pascalCase(raw.id),
      packageName: `@switchboard/${raw.id}`,
      category: raw.category,
      description: raw.description.trim(),
      docsUrl: raw.docs_url,
      apiVersion: raw.api_version ?? null,
      envPrefix,
      fields,
      servers,
      errors: { messagePaths: raw.errors.message, codePaths: raw.errors.code ?? [], example: raw.errors.example },
      rateLimit: raw.rate_limit
        ? {
            limit: raw.rate_limit.limit_header ?? null,
            remaining: raw.rate_limit.remaining_header ?? null,
            reset: raw.rate_limit.reset_header ?? null,
          }
        : null,
      requestIdHeader: raw.request_id_header ?? null,
      schemas,
      source: { file: parsed.file },
    },
  };
}

function fieldRefs(scheme: RawAuthScheme): Array<[string, string]> {
  switch (scheme.type) {
    case 'bearer':
      return [['token', scheme.token]];
    case 'basic':
      return [
        ['username', scheme.username],
        ['password', scheme.password],
      ];
    case 'api_key':
      return [['value', scheme.value]];
    case 'oauth2_client_credentials':
      return [
        ['client_id', scheme.client_id],
        ['client_secret', scheme.client_secret],
      ];
    case 'none':
      return [];
  }
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

function toAuthScheme(name: string, scheme: RawAuthScheme): AuthScheme {
  switch (scheme.type) {
    case 'bearer':
      return { kind: 'bearer', name, tokenField: scheme.token };
    case 'basic':
      return { kind: 'basic', name, usernameField: scheme.username, passwordField: scheme.password };
    case 'api_key':
      return { kind: 'api_key', name, in: scheme.in, keyName: scheme.name, valueField: scheme.value };
    case 'oauth2_client_credentials':
      return {
        kind: 'oauth2_client_credentials',
        name,
        clientIdField: scheme.client_id,
        clientSecretField: scheme.client_secret,
        tokenServer: scheme.token_server,
        tokenPath: scheme.token_path,
        scopes: scheme.scopes ?? [],
        clientAuth: scheme.client_auth ?? 'basic',
        exampleToken: OAUTH2_EXAMPLE_TOKEN,
      };
    case 'none':
      return { kind: 'none', name };
  }
}
