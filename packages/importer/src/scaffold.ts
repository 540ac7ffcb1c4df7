import { snakeCase, titleCase } from './names.js';
import { ImportError, type Node } from './openapi-document.js';
import { documentedRequest } from './documented-request.js';
import type { AccountParts } from './provider-parts.js';
import { readSpecYaml, specYaml } from './spec-yaml.js';

export type AuthKind = 'bearer' | 'basic' | 'api_key_header' | 'api_key_query' | 'none';
export const AUTH_KINDS: readonly AuthKind[] = ['bearer', 'basic', 'api_key_header', 'api_key_query', 'none'];

export interface NewProviderOptions {
  id: string;
  /** Display name; defaults to the id in title case. */
  name?: string;
  auth?: AuthKind;
  /** Base URL of the API, http(s). */
  baseUrl?: string;
  /** For api_key auth: the header or query name the key is sent as. */
  keyName?: string;
}

export interface NewFunctionOptions {
  name: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the server URL, `{placeholders}` become required path parameters. */
  path: string;
  /** Defaults from the method: GET reads, everything else writes. */
  operation?: 'read' | 'write';
}

export interface Scaffold {
  /** File name in the provider folder → its text. */
  files: Map<string, string>;
  /** What a person fills in next, one line each. */
  next: string[];
}

const PROVIDER_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const FUNCTION_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** A provider.yaml that validates as written, with placeholders where only a person knows the answer. */
export function newProvider(options: NewProviderOptions): Scaffold {
  if (!PROVIDER_ID.test(options.id)) throw new ImportError(`provider id '${options.id}' must be lower kebab-case (letters, digits, single hyphens), e.g. acme or retell-ai.`);
  const auth = options.auth ?? 'bearer';
  if (!AUTH_KINDS.includes(auth)) throw new ImportError(`auth kind '${String(auth)}' is not one of ${AUTH_KINDS.join(', ')}.`);
  const baseUrl = (options.baseUrl ?? `https://api.${options.id}.example.com`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(baseUrl)) throw new ImportError(`base URL '${baseUrl}' must be an absolute http(s) URL, e.g. https://api.acme.com/v1.`);
  const name = options.name?.trim() || titleCase(options.id.replace(/-/g, '_'));
  const example = `${options.id.replace(/-/g, '_')}_test_key`;
  const fields: Node =
    auth === 'basic'
      ? { username: { label: 'User name', description: `${name} account user name.`, example: 'test_user' }, password: { label: 'Password', description: `${name} account password.`, secret: true, example: 'test_password' } }
      : { api_key: { label: 'API key', description: `${name} API key.`, secret: true, example } };
  const keyName = options.keyName ?? (auth === 'api_key_query' ? 'api_key' : 'X-API-Key');
  const scheme: Node =
    auth === 'bearer'
      ? { type: 'bearer', token: 'api_key' }
      : auth === 'basic'
        ? { type: 'basic', username: 'username', password: 'password' }
        : auth === 'none'
          ? { type: 'none' }
          : { type: 'api_key', in: auth === 'api_key_query' ? 'query' : 'header', name: keyName, value: 'api_key' };
  const schemeName = auth === 'api_key_header' || auth === 'api_key_query' ? 'api_key' : auth;
  const spec: Node = {
    id: options.id,
    name,
    category: 'other',
    description: `${name} API.`,
    docs_url: baseUrl.startsWith('https://') ? new URL(baseUrl).origin : 'https://example.com/api-reference',
    fields,
    auth: { [schemeName]: scheme },
    servers: { default: { url: baseUrl, auth: schemeName } },
    errors: { message: ['message'], example: { status: 404, body: { message: 'Not found' } } },
  };
  return {
    files: new Map([['provider.yaml', specYaml('provider', spec)]]),
    next: [
      'description, category and docs_url: say what the API is for and link its reference.',
      `fields: describe each credential and give a fake but well-formed example value${auth === 'none' ? ' (or remove the field if the API needs none)' : ''}.`,
      "errors: the paths of the provider's error message (and code) in an error body, and a real error response as the example.",
      `then add functions: switchboard new function ${options.id} <name> --method GET --path /things`,
    ],
  };
}

/**
 * One function file that validates as written: its path placeholders as required parameters,
 * a free-form response, and a placeholder example whose request is the one the runtime builds
 * from the provider's server and credentials, for a person to replace with a documented one.
 */
export function newFunction(providerYaml: string, options: NewFunctionOptions): Scaffold {
  const providerSpec = readSpecYaml(providerYaml);
  if (!providerSpec || typeof providerSpec.id !== 'string') throw new ImportError('provider.yaml is not a provider spec (no id); fix it first, then add functions.');
  const provider = providerSpec.id;
  if (!FUNCTION_NAME.test(options.name)) throw new ImportError(`function name '${options.name}' must be lower snake_case, e.g. send_message.`);
  const method = options.method ?? 'GET';
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) throw new ImportError(`method '${method}' is not one of GET, POST, PUT, PATCH, DELETE.`);
  if (!options.path.startsWith('/')) throw new ImportError(`path '${options.path}' must start with /, e.g. /messages/{message_id}.`);
  const placeholders = [...options.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  const bad = placeholders.find((p) => snakeCase(p) !== p);
  if (bad !== undefined) throw new ImportError(`path placeholder '{${bad}}' must be a snake_case parameter name, e.g. {${snakeCase(bad)}}.`);
  const operation = options.operation ?? (method === 'GET' ? 'read' : 'write');
  const parameters = Object.fromEntries(placeholders.map((p) => [p, { type: 'string', required: true, description: `The ${p.replace(/_/g, ' ')}.` }]));
  const args = Object.fromEntries(placeholders.map((p) => [p, `example_${p}`]));
  const encoding = method === 'GET' || method === 'DELETE' ? undefined : ('json' as const);
  const server = serverOf(providerSpec);
  const request = documentedRequest({
    method,
    serverUrl: server.url,
    path: options.path,
    parameters: placeholders.map((p) => ({ name: p, location: 'path' as const, wire: p, spec: parameters[p]! })),
    args,
    ...(encoding ? { encoding } : {}),
    credential: server.credential,
  });
  const spec: Node = {
    name: options.name,
    title: titleCase(options.name),
    description: `${titleCase(options.name)}.`,
    operation,
    ...(method === 'PUT' || method === 'DELETE' ? { idempotent: true } : {}),
    request: { method, path: options.path, ...(encoding ? { body: encoding } : {}) },
    parameters,
    response: { schema: { type: 'object', additionalProperties: true } },
    examples: [
      {
        title: `Placeholder: replace with a documented ${method} ${options.path}`,
        arguments: args,
        request: { method: request.method, url: request.url, ...(Object.keys(request.headers).length ? { headers: request.headers } : {}), ...(request.body !== undefined ? { body: request.body } : {}) },
        response: { status: 200, body: {} },
      },
    ],
  };
  return {
    files: new Map([[`${options.name}.yaml`, specYaml('function', spec)]]),
    next: [
      'title and description: what the function does, in the words a script author looks for.',
      `parameters: add each ${method === 'GET' || method === 'DELETE' ? 'query' : 'body'} parameter with its type, description and constraints (wire: for the provider's own name).`,
      'response: the success status and the schema of the body it returns (the placeholder accepts any object).',
      `examples: replace the placeholder with the exact request the provider documents and a real response; \`switchboard validate\` checks the request against what the runtime builds.`,
      `then: switchboard validate, and switchboard generate (the function appears as ${provider}.${options.name}).`,
    ],
  };
}

/** The default server's URL (fields' examples filled in) and its credential, for the placeholder example. */
function serverOf(provider: Node): { url: string; credential: AccountParts['credentials'][string] | undefined } {
  const fields = (provider.fields ?? {}) as Record<string, { example?: unknown }>;
  const servers = (provider.servers ?? {}) as Record<string, { url?: unknown; auth?: unknown }>;
  const server = servers.default ?? {};
  const rawUrl = typeof server.url === 'string' ? server.url : undefined;
  if (!rawUrl) throw new ImportError("provider.yaml has no default server with a URL (a URL chosen by a field needs the example written by hand); fix it first, then add functions.");
  const url = rawUrl.replace(/\{([a-z0-9_]+)\}/g, (whole, key: string) => String(fields[key]?.example ?? whole));
  const scheme = ((provider.auth ?? {}) as Record<string, Record<string, unknown>>)[String(server.auth)] ?? {};
  const value = (credential: unknown): string | undefined =>
    typeof credential === 'string' ? (fields[credential]?.example as string | undefined) : typeof credential === 'object' && credential !== null ? String((credential as { value?: unknown }).value) : undefined;
  if (scheme.type === 'bearer') return { url, credential: { kind: 'bearer', token: value(scheme.token) ?? '' } };
  if (scheme.type === 'oauth2_client_credentials') return { url, credential: { kind: 'bearer', token: 'example-access-token' } };
  if (scheme.type === 'basic') return { url, credential: { kind: 'basic', user: value(scheme.username) ?? '', password: value(scheme.password) ?? '' } };
  if (scheme.type === 'api_key' && typeof scheme.name === 'string' && (scheme.in === 'header' || scheme.in === 'query')) return { url, credential: { kind: 'api_key', in: scheme.in, name: scheme.name, value: value(scheme.value) ?? '' } };
  return { url, credential: undefined };
}
