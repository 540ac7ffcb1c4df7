/** A server on OAuth2 client credentials: the access token `Core` fetched, as a bearer token. */

import type { AuthCode, AuthOf } from './auth.js';
import { basicToken } from './auth-basic.js';
import { SwitchboardError } from './errors.js';

export const oauth2Auth: AuthCode<AuthOf<'oauth2_client_credentials'>> = {
  fields: (auth) => [auth.clientIdField, auth.clientSecretField],
  parts(_auth, _values, accessToken) {
    // Never send the request unauthenticated: a missing token is a bug in the caller of the builder.
    if (accessToken === null) throw new SwitchboardError('An OAuth2 request was built without an access token.');
    return { headers: { authorization: `Bearer ${accessToken}` }, query: [], body: [] };
  },
  tokenRoute(core, operation, auth, apiServer) {
    // A provider with an OAuth2 server carries the token handling (`ProviderSpec.oauth2`) beside this part.
    const support = core.provider.oauth2;
    if (!support) throw new SwitchboardError(`${core.provider.id} has a server with OAuth2 client-credentials auth, but its ProviderSpec lacks \`oauth2\` (regenerate its client).`);
    return support.tokenRoute(core, operation, auth, apiServer);
  },
  secrets(auth, values) {
    if (auth.clientAuth !== 'basic') return [];
    // The token request's Basic credentials are form-encoded first (RFC 6749 §2.3.1).
    const id = values[auth.clientIdField];
    const secret = values[auth.clientSecretField];
    return id !== undefined && secret !== undefined ? [basicToken(encodeURIComponent(id), encodeURIComponent(secret))] : [];
  },
};
