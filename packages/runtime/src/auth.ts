/**
 * What a server's auth scheme adds to a request. Values come resolved (and
 * known to the redactor); this only decides where they go.
 */

import { base64Utf8 } from './base64.js';
import { SwitchboardError } from './errors.js';
import type { Pairs } from './query.js';
import type { AuthSpec } from './spec.js';

export interface AuthParts {
  headers: Record<string, string>;
  query: Pairs;
}

/**
 * `accessToken` is the OAuth2 token of a client-credentials server (fetched by `Core`, or a stand-in
 * for dry runs and example checks); other kinds ignore it.
 */
export function authParts(auth: AuthSpec, values: Record<string, string>, accessToken: string | null = null): AuthParts {
  const field = (key: string): string => values[key] ?? '';
  switch (auth.kind) {
    case 'bearer':
      return { headers: { authorization: `Bearer ${field(auth.tokenField)}` }, query: [] };
    case 'basic':
      return { headers: { authorization: `Basic ${base64Utf8(`${field(auth.usernameField)}:${field(auth.passwordField)}`)}` }, query: [] };
    case 'api_key':
      return auth.in === 'header'
        ? { headers: { [auth.keyName.toLowerCase()]: field(auth.valueField) }, query: [] }
        : { headers: {}, query: [[auth.keyName, field(auth.valueField)]] };
    case 'none':
      return { headers: {}, query: [] };
    case 'oauth2_client_credentials':
      // Never send the request unauthenticated: a missing token is a bug in the caller of the builder.
      if (accessToken === null) throw new SwitchboardError('An OAuth2 request was built without an access token.');
      return { headers: { authorization: `Bearer ${accessToken}` }, query: [] };
  }
}
