/**
 * What a server's auth scheme adds to a request. Values come resolved (and
 * known to the redactor); this only decides where they go.
 */

import { base64Utf8 } from './base64.js';
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
  }
}

export function authParts(auth: AuthSpec, values: Record<string, string>): AuthParts {
  const none: AuthParts = { headers: {}, query: [], body: [] };
  switch (auth.kind) {
    case 'bearer':
      return { ...none, headers: { authorization: `Bearer ${values[auth.tokenField] ?? ''}` } };
    case 'basic':
      return { ...none, headers: { authorization: `Basic ${base64Utf8(`${credentialValue(auth.username, values)}:${credentialValue(auth.password, values)}`)}` } };
    case 'api_key': {
      const pairs: Pairs = auth.params.map((p) => [p.name, credentialValue(p.value, values)]);
      if (auth.in === 'header') return { ...none, headers: Object.fromEntries(pairs.map(([name, value]) => [name.toLowerCase(), value])) };
      return auth.in === 'query' ? { ...none, query: pairs } : { ...none, body: pairs };
    }
  }
}
