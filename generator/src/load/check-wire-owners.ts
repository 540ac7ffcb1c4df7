import type { AccountHeader, AuthScheme, HttpBinding, Parameter } from '../model.js';

/** What else in a request sets a header, query key or body key, in the words an error uses. */
interface WireOwner {
  location: 'header' | 'query' | 'body';
  /** Lower case for headers, whose names are case-insensitive; a dotted path for body keys. */
  key: string;
  owner: string;
}

/**
 * A parameter may not send what the runtime sets itself. Credentials, account headers, the
 * spec's constants and the body's content-type are applied after the caller's arguments
 * (runtime build-request.ts), so a header argument would be dropped without a word, and a query
 * or body one sent beside the fixed value, or replaced by it.
 */
export function wireOwnerClash(parameter: Parameter, binding: HttpBinding, accountHeaders: AccountHeader[]): string | null {
  if (parameter.spread || parameter.location === 'path') return null;
  const key = parameter.location === 'header' ? parameter.wireName.toLowerCase() : parameter.location === 'body' ? [...parameter.bodyPath, parameter.wireName].join('.') : parameter.wireName;
  const owner = ownersOf(binding, accountHeaders).find((o) => o.location === parameter.location && (o.key === key || (o.location === 'body' && key.startsWith(`${o.key}.`))));
  if (!owner) return null;
  const sent = parameter.location === 'body' ? `body key '${key}'` : `${parameter.location} '${parameter.wireName}'`;
  const effect = { header: "the caller's value would never be sent", query: 'the provider would get both values and read one of them', body: "the caller's value would be replaced" }[parameter.location];
  return `parameter '${parameter.name}' sends the ${sent}, which ${owner.owner} already sets; ${effect}. Remove the parameter or send it under another name.`;
}

function ownersOf(binding: HttpBinding, accountHeaders: AccountHeader[]): WireOwner[] {
  const owners = accountOwners(binding, accountHeaders);
  for (const name of Object.keys(binding.constants.header)) owners.push({ location: 'header', key: name.toLowerCase(), owner: `request.constants.header` });
  for (const name of Object.keys(binding.constants.query)) owners.push({ location: 'query', key: name, owner: `request.constants.query` });
  for (const path of leafPaths(binding.constants.body)) owners.push({ location: 'body', key: path, owner: `request.constants.body` });
  if (binding.bodyEncoding !== 'none') owners.push({ location: 'header', key: 'content-type', owner: `the runtime (for request.body: ${binding.bodyEncoding})` });
  return owners;
}

/** What the account sets on every request of the server: its credentials and the provider's account headers. */
function accountOwners(binding: HttpBinding, accountHeaders: AccountHeader[]): WireOwner[] {
  return [
    ...authOwners(binding.server.auth, binding.server.name),
    ...accountHeaders.map((header): WireOwner => ({ location: 'header', key: header.name.toLowerCase(), owner: `the provider's account header '${header.name}'` })),
  ];
}

function authOwners(auth: AuthScheme, serverName: string): WireOwner[] {
  const owner = `auth '${auth.name}' of server '${serverName}'`;
  switch (auth.kind) {
    case 'bearer':
    case 'basic':
    case 'oauth2_client_credentials':
      return [{ location: 'header', key: 'authorization', owner }];
    case 'api_key':
      return auth.params.map((p) => ({ location: auth.in, key: auth.in === 'header' ? p.wireName.toLowerCase() : p.wireName, owner }));
    case 'none':
      return [];
  }
}

/** The dotted path of every non-object value in a constant body: what the runtime merges into the body last. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix === '' ? [] : [prefix];
  return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

/**
 * The constant headers that replace a header the account or the credentials set: the runtime
 * applies constants after account headers, so `Notion-Version` as a constant overrides the
 * account's own version without a word. As `[spec name of the constant, what it overrides]`.
 */
export function constantHeaderClashes(binding: HttpBinding, accountHeaders: AccountHeader[]): Array<[string, string]> {
  const owners = accountOwners(binding, accountHeaders);
  return Object.keys(binding.constants.header).flatMap((name): Array<[string, string]> => {
    const owner = owners.find((o) => o.location === 'header' && o.key === name.toLowerCase());
    return owner ? [[name, owner.owner]] : [];
  });
}
