/**
 * What `Core` does for a server with OAuth2 client-credentials auth: finds the token cache of
 * the account's client in the store, waits for a token (as long as the caller does not abort)
 * and drops one a 401 refused. A generated provider whose servers use OAuth2 passes
 * `oauth2ClientCredentials` as `ProviderSpec.oauth2`; no other program bundles any of this.
 */

import type { Core } from './core.js';
import { fillServerUrl, type PreparedRequest } from './build-request.js';
import { baseUrlEnvName } from './base-url-env.js';
import { abortedBy, InvalidOptionError, SwitchboardError } from './errors.js';
import { placeholdersOf } from './fields.js';
import { fetchClientCredentialsToken, OAuth2TokenStore, type ClientCredentials, type TokenRetries } from './oauth2-token.js';
import { abortableSleep } from './sleep.js';
import { DEFAULTS, type InternalClientOptions } from './options.js';
import type { OAuth2ClientCredentialsSpec } from './spec.js';
import type { Transport } from './transport-types.js';

/** One client's tokens for one server, as a `Core` uses them. */
export interface OAuth2Session {
  /**
   * The attempts of one call of `opId`: each waits for a token (as long as the caller does not
   * abort), sends `authorized(token)` and, once per call, answers a 401 with a new token. The
   * request `Core` passes in is the dry run's (token redacted) and is not sent.
   */
  attempts(authorized: (token: string) => PreparedRequest, opId: string): Transport;
}

export interface OAuth2Support {
  newStore(now: () => number): OAuth2TokenStore;
  /** How `core` reaches the token endpoint of `auth`, for the calls of `operation` to server `apiServer` (`Core.route`). */
  tokenRoute(core: Core, operation: string, auth: OAuth2ClientCredentialsSpec, apiServer: string): OAuth2TokenRoute;
}

/** One OAuth2 server's token endpoint, as one client reaches it. */
export interface OAuth2TokenRoute {
  /** Its URL template: a base-URL override reaches the token server like any server. */
  tokenServerUrl: string;
  /** The fields its URL's placeholders name, which the session needs too. */
  fields: string[];
  /** Where the token request goes, once `fieldValues` fill the URL's placeholders (what a dry run shows). */
  tokenUrl(fieldValues: Record<string, string>): string;
  /**
   * The session of the account's client, once `fieldValues` hold the client id, the secret and
   * the token URL's placeholders. The token request runs under the client's `timeout`, never a
   * caller's signal: every waiting call shares it.
   */
  open(fieldValues: Record<string, string>): OAuth2Session;
}

function tokenRoute(core: Core, operation: string, auth: OAuth2ClientCredentialsSpec, apiServer: string): OAuth2TokenRoute {
  const server = core.provider.servers[auth.tokenServer];
  if (!server) throw new SwitchboardError(`The OAuth2 token endpoint names server '${auth.tokenServer}', which ${core.provider.id} does not define.`);
  const tokenServerUrl = core.serverUrl(operation, auth.tokenServer, server);
  refuseSecretToSpecServer(core, auth, apiServer, tokenServerUrl);
  const tokenUrl = (fieldValues: Record<string, string>) => `${fillServerUrl(tokenServerUrl, fieldValues).replace(/\/+$/, '')}${auth.tokenPath}`;
  return { tokenServerUrl, fields: placeholdersOf(tokenServerUrl), tokenUrl, open: (fieldValues) => session(core, auth, tokenUrl(fieldValues), fieldValues) };
}

/**
 * Calls sent elsewhere (a local test server, a proxy) while the token endpoint stays the spec's
 * would send the real client secret to the real provider, unseen: PayPal's token endpoint is on its
 * API host, so moving the API did not move it. Refused before any request, naming the override that
 * would move the token endpoint too; overriding it with its own URL says the secret may go there.
 */
function refuseSecretToSpecServer(core: Core, auth: OAuth2ClientCredentialsSpec, apiServer: string, tokenServerUrl: string): void {
  if (apiServer === auth.tokenServer || core.serverOverride(apiServer) === undefined || core.serverOverride(auth.tokenServer) !== undefined) return;
  const variable = baseUrlEnvName(core.provider, core.options.account ?? 'default', auth.tokenServer);
  throw new InvalidOptionError(
    'baseURL',
    'client',
    `an override of the OAuth2 token server '${auth.tokenServer}' as well (\`baseURL: { ${tsKey(auth.tokenServer)}: … }\` or ${variable}), since server '${apiServer}' is overridden and the client secret would otherwise go to ${tokenServerUrl}${auth.tokenPath}`,
    `an override of '${apiServer}' only`,
  );
}

/** An object key as a TypeScript user writes it. */
const tsKey = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

function session(core: Core, auth: OAuth2ClientCredentialsSpec, tokenUrl: string, fieldValues: Record<string, string>): OAuth2Session {
  const client: ClientCredentials = {
    tokenUrl,
    clientId: fieldValues[auth.clientIdField] ?? '',
    clientSecret: fieldValues[auth.clientSecretField] ?? '',
    scopes: auth.scopes,
    credentialsIn: auth.clientAuth,
  };
  const { log, redactor, transport } = core;
  const options = core.options as InternalClientOptions;
  const tokenLimits = { timeoutMs: options.timeout ?? DEFAULTS.timeout, startTimer: options.startTimer };
  const retries: TokenRetries = {
    maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
    maxRetryAfter: options.maxRetryAfter ?? DEFAULTS.maxRetryAfter,
    sleep: options.sleep ?? abortableSleep,
    now: options.now ?? Date.now,
    onRetry: (why, ms, retry) => log.debug(`${redactor.string(why)} Retrying the token request in ${ms} ms (retry ${retry} of ${options.maxRetries ?? DEFAULTS.maxRetries}).`),
  };
  // Core makes a session only when it has a store.
  const tokens = (core.tokenStore as OAuth2TokenStore).cacheFor(client, () => {
    log.debug(`POST ${client.tokenUrl} (OAuth2 client-credentials token)`);
    return fetchClientCredentialsToken(client, transport, tokenLimits, retries);
  });
  /** A valid token, known to the redactor from then on; waiting for it ends when `signal` aborts. */
  async function token(signal: AbortSignal | undefined, opId: string): Promise<string> {
    if (signal?.aborted) throw abortedBy(opId, signal);
    const value = await new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(abortedBy(opId, signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      tokens
        .token()
        .then(resolve, (error: unknown) => {
          // A token endpoint may echo what it was sent (`error_description` quoting the client secret).
          if (error instanceof Error) error.message = redactor.string(error.message);
          reject(error);
        })
        .finally(() => signal?.removeEventListener('abort', onAbort));
    });
    redactor.add(value);
    return value;
  }
  return {
    attempts(authorized, opId) {
      let reauthorized = false;
      return async (_dryRun, limits) => {
        const sent = await token(limits.signal, opId);
        const result = await transport(authorized(sent), limits);
        if (result.kind !== 'response' || result.status !== 401 || reauthorized) return result;
        // The token was refused (expired early, revoked): a 401 means the provider rejected the request
        // before processing it, so sending it once more with a new token cannot repeat a write. Once
        // per call, within the same attempt (not one of maxRetries): a second 401 is the credentials' fault.
        reauthorized = true;
        tokens.invalidate(sent);
        log.debug(`${opId}: HTTP 401 with an OAuth2 token; fetching a new token and sending once more.`);
        return transport(authorized(await token(limits.signal, opId)), limits);
      };
    },
  };
}

export const oauth2ClientCredentials: OAuth2Support = {
  newStore: (now) => new OAuth2TokenStore({ now }),
  tokenRoute,
};
