/**
 * What `Core` does for a server with OAuth2 client-credentials auth: finds the token cache of
 * the account's client in the store, waits for a token (as long as the caller does not abort)
 * and drops one a 401 refused. A generated provider whose servers use OAuth2 passes
 * `oauth2ClientCredentials` as `ProviderSpec.oauth2`; no other program bundles any of this.
 */

import { abortedBy } from './errors.js';
import type { Log } from './logger.js';
import { fetchClientCredentialsToken, OAuth2TokenStore, type ClientCredentials } from './oauth2-token.js';
import type { Redactor } from './redact.js';
import type { OAuth2ClientCredentialsSpec } from './spec.js';
import type { StartTimer, Transport } from './transport-types.js';

/** One client's tokens for one server, as a `Core` uses them. */
export interface OAuth2Session {
  /** A valid token, known to the redactor from then on; waiting for it ends when `signal` aborts. */
  token(signal: AbortSignal | undefined, opId: string): Promise<string>;
  /** Drops `token`, which a 401 refused, so that the next `token()` fetches a new one. */
  refused(token: string): void;
}

/** What a session needs from the `Core` that opens it; fixed for the client's lifetime. */
export interface OAuth2SessionContext {
  auth: OAuth2ClientCredentialsSpec;
  /** The token server's URL, its placeholders filled. */
  tokenServerUrl: string;
  fieldValues: Record<string, string>;
  store: OAuth2TokenStore;
  transport: Transport;
  log: Log;
  redactor: Redactor;
  /** The client's `timeout`: the token request is shared by every waiting call, so no caller's signal aborts it. */
  timeoutMs: number;
  /** Injected attempt timers (tests); absent, the transport's own. */
  startTimer: StartTimer | undefined;
}

export interface OAuth2Support {
  newStore(now: () => number): OAuth2TokenStore;
  session(context: OAuth2SessionContext): OAuth2Session;
}

function session(c: OAuth2SessionContext): OAuth2Session {
  const client: ClientCredentials = {
    tokenUrl: `${c.tokenServerUrl.replace(/\/+$/, '')}${c.auth.tokenPath}`,
    clientId: c.fieldValues[c.auth.clientIdField] ?? '',
    clientSecret: c.fieldValues[c.auth.clientSecretField] ?? '',
    scopes: c.auth.scopes,
    credentialsIn: c.auth.clientAuth,
  };
  const tokens = c.store.cacheFor(client, () => {
    c.log.debug(`POST ${client.tokenUrl} (OAuth2 client-credentials token)`);
    return fetchClientCredentialsToken(client, c.transport, { timeoutMs: c.timeoutMs, startTimer: c.startTimer });
  });
  return {
    async token(signal, opId) {
      if (signal?.aborted) throw abortedBy(opId);
      const token = await new Promise<string>((resolve, reject) => {
        const onAbort = () => reject(abortedBy(opId));
        signal?.addEventListener('abort', onAbort, { once: true });
        tokens
          .token()
          .then(resolve, (error: unknown) => {
            // A token endpoint may echo what it was sent (`error_description` quoting the client secret).
            if (error instanceof Error) error.message = c.redactor.string(error.message);
            reject(error);
          })
          .finally(() => signal?.removeEventListener('abort', onAbort));
      });
      c.redactor.add(token);
      return token;
    },
    refused: (token) => tokens.invalidate(token),
  };
}

export const oauth2ClientCredentials: OAuth2Support = {
  newStore: (now) => new OAuth2TokenStore({ now }),
  session,
};
