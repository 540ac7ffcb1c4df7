import { snakeCase, titleCase, unique } from './names.js';
import { isNode, type Node, type OpenApiDocument } from './openapi-document.js';
import { oneParagraph } from './parameter-schema.js';

export type Field = Record<string, unknown>;

/** What a provider.yaml says about credentials and base URLs, taken from the document. */
export interface AccountParts {
  fields: Record<string, Field>;
  auth: Record<string, Node>;
  servers: Record<string, Node>;
  /** Example values of the credential fields by auth scheme, to write the documented requests. */
  credentials: Record<string, { kind: 'bearer'; token: string } | { kind: 'basic'; user: string; password: string } | { kind: 'api_key'; in: 'header' | 'query'; name: string; value: string } | { kind: 'none' }>;
  /** Server name → its auth scheme's name. */
  serverAuth: Record<string, string>;
  review: string[];
  notes: string[];
  /** An OAuth2 token URL, placed as a server once the servers are known (it may be relative to them). */
  pendingTokenUrl?: string;
}

/**
 * Security schemes become auth schemes whose credentials are secret fields (one field per
 * credential, shared when two schemes ask for the same kind of key); servers and their
 * variables become servers whose `{placeholders}` are account fields.
 */
export function accountParts(doc: OpenApiDocument, providerId: string): AccountParts {
  const parts: AccountParts = { fields: {}, auth: {}, servers: {}, credentials: {}, serverAuth: {}, review: [], notes: [] };
  const schemes = isNode(doc.root.components) && isNode(doc.root.components.securitySchemes) ? doc.root.components.securitySchemes : {};
  const used = usedSchemes(doc);
  const chosen = used.find((name) => supported(doc.resolve(schemes[name], doc.rootFile).node));
  // Without a supported scheme the review below says it all: "one way per server" would not be why.
  for (const name of chosen ? used.filter((n) => n !== chosen) : []) parts.notes.push(`security scheme '${name}' is not imported: the provider authenticates one way per server; add it by hand if some functions need it.`);
  const authName = chosen ? addScheme(parts, snakeCase(chosen), doc.resolve(schemes[chosen], doc.rootFile).node, providerId) : undefined;
  if (!authName) {
    parts.auth.none = { type: 'none' };
    parts.credentials.none = { kind: 'none' };
    parts.review.push(
      used.length > 0
        ? `the document's security schemes (${used.join(', ')}) are of kinds the format cannot say; write the auth scheme and its fields by hand.`
        : 'the document declares no security scheme: say how the API authenticates (auth and its secret fields), or confirm it needs none and describe the placeholder field.',
    );
    parts.fields.api_key = { label: 'API key', description: 'Placeholder: the document declares no credentials.', secret: true, example: `${providerId}_test_key` };
  }
  addServers(parts, doc, authName ?? 'none');
  if (parts.pendingTokenUrl !== undefined && authName) addTokenServer(parts, authName);
  return parts;
}

function usedSchemes(doc: OpenApiDocument): string[] {
  const names: string[] = [];
  const add = (security: unknown) => {
    if (Array.isArray(security)) for (const requirement of security) if (isNode(requirement)) for (const key of Object.keys(requirement)) if (!names.includes(key)) names.push(key);
  };
  add(doc.root.security);
  for (const raw of Object.values(doc.root.paths as Node)) {
    const { node: item, file } = doc.resolve(raw, doc.rootFile);
    for (const op of Object.values(item)) if (isNode(op)) add(doc.resolve(op, file).node.security);
  }
  return names;
}

function supported(scheme: Node): boolean {
  if (scheme.type === 'http') return scheme.scheme === 'bearer' || scheme.scheme === 'basic' || String(scheme.scheme).toLowerCase() === 'bearer';
  if (scheme.type === 'apiKey') return scheme.in === 'header' || scheme.in === 'query';
  return clientCredentialsFlow(scheme) !== undefined;
}

/** The client-credentials flow of an oauth2 scheme, when it names its token URL. */
function clientCredentialsFlow(scheme: Node): Node | undefined {
  const flow = scheme.type === 'oauth2' && isNode(scheme.flows) && isNode(scheme.flows.clientCredentials) ? scheme.flows.clientCredentials : undefined;
  return flow && typeof flow.tokenUrl === 'string' ? flow : undefined;
}

function addScheme(parts: AccountParts, name: string, scheme: Node, providerId: string): string {
  const about = typeof scheme.description === 'string' && scheme.description.trim() ? oneParagraph(scheme.description) : undefined;
  const example = `${providerId.replace(/-/g, '_')}_test_key`;
  if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') {
    parts.fields.api_key = { label: 'API key', description: about ?? 'The bearer token the API expects.', secret: true, example };
    parts.auth[name] = { type: 'bearer', token: 'api_key' };
    parts.credentials[name] = { kind: 'bearer', token: example };
  } else if (scheme.type === 'http') {
    parts.fields.username = { label: 'User name', description: about ?? 'HTTP Basic user name.', example: 'test_user' };
    parts.fields.password = { label: 'Password', description: 'HTTP Basic password.', secret: true, example: 'test_password' };
    parts.auth[name] = { type: 'basic', username: 'username', password: 'password' };
    parts.credentials[name] = { kind: 'basic', user: 'test_user', password: 'test_password' };
  } else if (clientCredentialsFlow(scheme)) {
    const flow = clientCredentialsFlow(scheme)!;
    parts.fields.client_id = { label: 'Client id', description: about ?? 'OAuth2 client id.', example: `${providerId.replace(/-/g, '_')}_client` };
    parts.fields.client_secret = { label: 'Client secret', description: 'OAuth2 client secret.', secret: true, example: `${providerId.replace(/-/g, '_')}_client_secret` };
    parts.pendingTokenUrl = String(flow.tokenUrl);
    parts.auth[name] = { type: 'oauth2_client_credentials', client_id: 'client_id', client_secret: 'client_secret', token_server: 'token', token_path: '/' };
    parts.auth.token_endpoint = { type: 'none' };
    // The sandbox's token endpoint hands out this token, so examples document it.
    parts.credentials[name] = { kind: 'bearer', token: 'example-access-token' };
    if (isNode(flow.scopes) && Object.keys(flow.scopes).length > 0) parts.notes.push(`OAuth2 scopes are not requested (${Object.keys(flow.scopes).join(', ')}); add \`scopes:\` to auth.${name} if the token endpoint needs them.`);
  } else {
    const wire = String(scheme.name);
    parts.fields.api_key = { label: 'API key', description: about ?? `The key sent as ${wire}.`, secret: true, example };
    parts.auth[name] = { type: 'api_key', in: scheme.in, name: wire, value: 'api_key' };
    // An Authorization header holds a scheme word and the key (Discord's `Bot …`, PagerDuty's `Token token=…`), which OpenAPI's apiKey cannot say.
    if (scheme.in === 'header' && wire.toLowerCase() === 'authorization') parts.review.push(`auth.${name}: the key goes in the Authorization header, where APIs expect a scheme word before it, which an OpenAPI apiKey scheme cannot say${about ? ` (the document says: "${about.length > 120 ? `${about.slice(0, 117)}…` : about}")` : ''}; write \`value: { template: "<Word> {api_key}" }\` as the provider documents it, or confirm the bare key.`);
    parts.credentials[name] = { kind: 'api_key', in: scheme.in as 'header' | 'query', name: wire, value: example };
  }
  return name;
}

function addServers(parts: AccountParts, doc: OpenApiDocument, auth: string): void {
  const servers = Array.isArray(doc.root.servers) ? doc.root.servers.filter(isNode) : [];
  if (servers.length === 0) {
    parts.servers.default = { url: 'https://api.example.com', auth };
    parts.serverAuth.default = auth;
    parts.review.push("the document names no server: replace the placeholder URL of server 'default'.");
    return;
  }
  const taken = new Set<string>();
  servers.forEach((server, i) => {
    const name = unique(i === 0 ? 'default' : snakeCase(typeof server.description === 'string' ? server.description : `server_${i + 1}`).slice(0, 40), taken);
    parts.servers[name] = { url: serverUrl(parts, server), auth, ...(typeof server.description === 'string' && server.description.trim() ? { description: oneParagraph(server.description) } : {}) };
    parts.serverAuth[name] = auth;
  });
  // Functions use `default` unless their spec names another server; alternative hosts of one API
  // (PayPal's sandbox and live) are one server whose URL a field chooses.
  const others = Object.keys(parts.servers).filter((name) => name !== 'default');
  if (others.length > 0) {
    parts.review.push(`servers: the document lists ${others.length + 1} servers, and a function uses 'default' unless the document gives it servers of its own; if ${others.map((n) => `'${n}'`).join(', ')} ${others.length === 1 ? 'is another environment' : 'are other environments'} of the same API (sandbox, live, a region), make 'default' one server whose url is \`by_field\` of an account field (specs/paypal/provider.yaml does), or remove ${others.length === 1 ? 'it' : 'them'}.`);
  }
}

/** A server URL whose variables are account fields (`{region}`), each with its default as the example. */
function serverUrl(parts: AccountParts, server: Node): string {
  const variables = isNode(server.variables) ? server.variables : {};
  let url = String(server.url ?? '');
  for (const [variable, spec] of Object.entries(variables)) {
    if (!isNode(spec)) continue;
    const key = snakeCase(variable);
    const values = Array.isArray(spec.enum) ? spec.enum.map(String) : undefined;
    const fallback = spec.default === undefined ? values?.[0] ?? variable : String(spec.default);
    parts.fields[key] = {
      label: titleCase(key),
      description: typeof spec.description === 'string' && spec.description.trim() ? oneParagraph(spec.description) : `Server variable ${variable}.`,
      example: fallback,
      default: fallback,
      ...(values ? { enum: values } : {}),
    };
    url = url.split(`{${variable}}`).join(`{${key}}`);
  }
  if (!/^https?:\/\//.test(url)) {
    parts.review.push(`server URL '${url}' is relative; write the absolute URL the API is served from.`);
    url = `https://api.example.com${url.startsWith('/') ? url : `/${url}`}`;
  }
  return url.replace(/\/+$/, '');
}

/** The token endpoint as a server of its own (origin) and a path on it, as the format wants. */
function addTokenServer(parts: AccountParts, authName: string): void {
  let url: URL;
  try {
    url = new URL(parts.pendingTokenUrl!, `${String(parts.servers.default?.url ?? 'https://api.example.com')}/`);
  } catch {
    parts.review.push(`auth: the OAuth2 token URL '${parts.pendingTokenUrl!}' is not an absolute URL here; set the 'token' server's URL and auth.${authName}.token_path by hand.`);
    url = new URL('https://auth.example.com/oauth/token');
  }
  parts.servers.token = { url: url.origin, auth: 'token_endpoint' };
  parts.serverAuth.token = 'token_endpoint';
  parts.auth[authName] = { ...parts.auth[authName], token_path: url.pathname };
  delete parts.pendingTokenUrl;
}
