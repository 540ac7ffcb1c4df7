/**
 * What a server's auth scheme adds to a request. Values come resolved (and
 * known to the redactor); this only decides where they go.
 */

import { base64Utf8 } from './base64.js';
import { SwitchboardError } from './errors.js';
import type { Pairs } from './query.js';
import type { AuthSpec, CredentialSpec } from './spec.js';

export interface AuthParts {
  headers: Record<string, string>;
  query: Pairs;
  /** Wire names and values merged into the request body (`in: body`). */
  body: Pairs;
}

/** A credential's value: the field's (from `values`), or the one the spec fixes. */
export function credentialValue(credential: CredentialSpec, values: Record<string, string | undefined>): string {
  return 'literal' in credential ? credential.literal : values[credential.field] ?? '';
}

/** Field keys a scheme reads, in declaration order. */
export function credentialFields(auth: AuthSpec): string[] {
  const fields = (list: CredentialSpec[]) => list.flatMap((c) => ('field' in c ? [c.field] : []));
  switch (auth.kind) {
    case 'bearer':
      return [auth.tokenField];
    case 'basic':
      return fields([auth.username, auth.password]);
    case 'api_key':
      return fields(auth.params.map((p) => p.value));
    case 'oauth2_client_credentials':
      return [auth.clientIdField, auth.clientSecretField];
    case 'none':
      return [];
  }
}

/**
 * `accessToken` is the OAuth2 token of a client-credentials server (fetched by `Core`, or a stand-in
 * for dry runs and example checks); other kinds ignore it.
 */
export function authParts(auth: AuthSpec, values: Record<string, string>, accessToken: string | null = null): AuthParts {
  // Each case builds its whole result: a spread of a shared empty one is slower on every call.
  switch (auth.kind) {
    case 'bearer':
      return { headers: { authorization: `Bearer ${values[auth.tokenField] ?? ''}` }, query: [], body: [] };
    case 'basic':
      return { headers: { authorization: `Basic ${base64Utf8(`${credentialValue(auth.username, values)}:${credentialValue(auth.password, values)}`)}` }, query: [], body: [] };
    case 'api_key': {
      const pairs: Pairs = auth.params.map((p) => [p.name, credentialValue(p.value, values)]);
      if (auth.in === 'header') return { headers: Object.fromEntries(pairs.map(([name, value]) => [name.toLowerCase(), value])), query: [], body: [] };
      return auth.in === 'query' ? { headers: {}, query: pairs, body: [] } : { headers: {}, query: [], body: pairs };
    }
    case 'none':
      return { headers: {}, query: [], body: [] };
    case 'oauth2_client_credentials':
      // Never send the request unauthenticated: a missing token is a bug in the caller of the builder.
      if (accessToken === null) throw new SwitchboardError('An OAuth2 request was built without an access token.');
      return { headers: { authorization: `Bearer ${accessToken}` }, query: [], body: [] };
  }
}
