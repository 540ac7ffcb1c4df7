/** HTTP Basic auth, and the Basic token as a secret of its own. */

import { credentialFields, credentialValue, type AuthCode, type AuthOf } from './auth.js';
import { base64Utf8 } from './base64.js';

/** The Basic-auth token of a pair: a secret too, since it contains neither part verbatim. */
export const basicToken = (username: string, password: string): string => base64Utf8(`${username}:${password}`);

export const basicAuth: AuthCode<AuthOf<'basic'>> = {
  fields: (auth) => credentialFields([auth.username, auth.password]),
  parts: (auth, values) => ({ headers: { authorization: `Basic ${basicToken(credentialValue(auth.username, values), credentialValue(auth.password, values))}` }, query: [], body: [] }),
  secrets(auth, values) {
    const known = credentialFields([auth.username, auth.password]).every((key) => values[key] !== undefined);
    return known ? [basicToken(credentialValue(auth.username, values), credentialValue(auth.password, values))] : [];
  },
};
