/** API keys in a header, the query or the body, under the provider's names. */

import { credentialFields, credentialValue, type AuthCode, type AuthOf } from './auth.js';
import type { Pairs } from './query.js';

export const apiKeyAuth: AuthCode<AuthOf<'api_key'>> = {
  fields: (auth) => credentialFields(auth.params.map((p) => p.value)),
  parts(auth, values) {
    const pairs: Pairs = auth.params.map((p) => [p.name, credentialValue(p.value, values)]);
    if (auth.in === 'header') return { headers: Object.fromEntries(pairs.map(([name, value]) => [name.toLowerCase(), value])), query: [], body: [] };
    return auth.in === 'query' ? { headers: {}, query: pairs, body: [] } : { headers: {}, query: [], body: pairs };
  },
};
