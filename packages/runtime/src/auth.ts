/**
 * What a server's auth scheme adds to a request. Values come resolved (and
 * known to the redactor); this only decides where they go. Each kind is a part
 * of its own (`ProviderSpec.parts.auth`): a generated provider carries the kinds
 * its servers use (`auth-bearer.ts`, `auth-basic.ts`, `auth-api-key.ts`, `auth-oauth2.ts`), so a
 * bearer-only program bundles no Basic or API-key code.
 */

import { missingPart } from './part-of.js';
import type { Pairs } from './query.js';
import type { AuthSpec, CredentialSpec, ProviderSpec } from './spec.js';
import type { Core } from './core.js';
import type { OAuth2TokenRoute } from './oauth2-session.js';

export interface AuthParts {
  headers: Record<string, string>;
  query: Pairs;
  /** Wire names and values merged into the request body (`in: body`). */
  body: Pairs;
}

export type AuthKind = Exclude<AuthSpec['kind'], 'none'>;
export type AuthOf<K extends AuthKind> = Extract<AuthSpec, { kind: K }>;

/** The code of one auth kind. */
export interface AuthCode<A extends AuthSpec = AuthSpec> {
  /** Field keys the scheme reads, in declaration order. */
  fields(auth: A): string[];
  /**
   * `accessToken` is the OAuth2 token of a client-credentials server (fetched by `Core`, or a stand-in
   * for dry runs and example checks); other kinds ignore it.
   */
  parts(auth: A, values: Record<string, string>, accessToken: string | null): AuthParts;
  /** Secrets derived from the field values that contain none of them verbatim (a Basic token). */
  secrets?(auth: A, values: Record<string, string | undefined>): string[];
  /**
   * How `core` reaches the token endpoint, for a kind whose token `Core` fetches (OAuth2 client
   * credentials): here, so that `Core` carries no OAuth2 code of its own for the other kinds.
   */
  tokenRoute?(core: Core, operation: string, auth: A, apiServer: string): OAuth2TokenRoute;
}

/** The auth kinds a provider's servers use, each with its code (`bearerAuth`, …). */
export type AuthKinds = { [K in AuthKind]?: AuthCode<AuthOf<K>> };

/** A credential's value: the field's (from `values`), the one the spec fixes, or its template filled. */
export function credentialValue(credential: CredentialSpec, values: Record<string, string | undefined>): string {
  if ('literal' in credential) return credential.literal;
  if ('field' in credential) return values[credential.field] ?? '';
  let text = '';
  for (const piece of credential.template) text += typeof piece === 'string' ? piece : (values[piece.field] ?? '');
  return text;
}

/** Field keys among credentials, in declaration order (a literal reads none). */
export const credentialFields = (list: CredentialSpec[]): string[] => list.flatMap(fieldsOf);

function fieldsOf(credential: CredentialSpec): string[] {
  if ('field' in credential) return [credential.field];
  if ('literal' in credential) return [];
  return credential.template.flatMap((piece) => (typeof piece === 'string' ? [] : [piece.field]));
}

/** `none` adds nothing and needs no code. */
const noAuth: AuthCode = { fields: () => [], parts: () => ({ headers: {}, query: [], body: [] }) };

/**
 * The code of `auth`'s kind, from the provider's parts. A provider that lacks it is refused: sending
 * without the credentials its spec describes is never the safe answer.
 */
export function authCodeOf(provider: Pick<ProviderSpec, 'id' | 'parts'>, auth: AuthSpec): AuthCode {
  if (auth.kind === 'none') return noAuth;
  const code = provider.parts?.auth?.[auth.kind];
  if (code === undefined) throw missingPart(`${provider.id} has a server with ${auth.kind} auth, but its ProviderSpec does not carry the runtime part 'auth.${auth.kind}'`, 'allProviderParts');
  // The table is keyed by kind, so the code found takes this very kind of spec.
  return code as AuthCode;
}
