import type { AuthKinds } from '@switchboard/runtime';
import type { Provider } from '../../model.js';
import { CodeReference } from '../escape/ts.js';
import { rateLimitSpec } from '../../shared/runtime-spec.js';

/** The runtime constant of each auth kind with code of its own (`none` has none). */
const AUTH_CONSTANTS = {
  bearer: 'bearerAuth',
  basic: 'basicAuth',
  api_key: 'apiKeyAuth',
  oauth2_client_credentials: 'oauth2Auth',
} satisfies Record<keyof AuthKinds, string>;
const AUTH_KINDS = Object.keys(AUTH_CONSTANTS) as Array<keyof AuthKinds>;

/**
 * The runtime parts a provider's servers, fields and headers need (`ProviderSpec.parts`), as
 * references to the runtime's exports, and the names to import: the auth kinds its servers use,
 * `accountParts` only with a server URL chosen by a field or headers of the provider's own, and
 * `rateLimitParts` only with a rate limit beyond 429 and Retry-After, `failureInBodyParts` only
 * with failures answered with a success status, `errorDetailsParts` only with `errors.details`.
 * So a program of a bearer-only provider bundles no Basic, API-key or account code.
 */
export function providerParts(provider: Provider): { parts: Record<string, unknown> | null; imports: string[] } {
  const parts: Record<string, unknown> = {};
  const imports: string[] = [];
  const used = new Set(provider.servers.map((s) => s.auth.kind));
  const kinds = AUTH_KINDS.filter((kind) => used.has(kind));
  if (kinds.length > 0) {
    parts['auth'] = Object.fromEntries(kinds.map((kind) => [kind, new CodeReference(AUTH_CONSTANTS[kind])]));
    imports.push(...kinds.map((kind) => AUTH_CONSTANTS[kind]));
  }
  if (provider.headers.length > 0 || provider.servers.some((s) => s.url.kind !== 'fixed')) {
    parts['accounts'] = new CodeReference('accountParts');
    imports.push('accountParts');
  }
  // Exactly when the runtime literal carries `rateLimit`.
  if ('rateLimit' in rateLimitSpec(provider)) {
    parts['rateLimit'] = new CodeReference('rateLimitParts');
    imports.push('rateLimitParts');
  }
  // Exactly when the runtime literal carries `failureInBody`.
  if (provider.errors.failureInBody) {
    parts['failureInBody'] = new CodeReference('failureInBodyParts');
    imports.push('failureInBodyParts');
  }
  // Exactly when the runtime literal carries `errorDetails`.
  if (provider.errors.details) {
    parts['errorDetails'] = new CodeReference('errorDetailsParts');
    imports.push('errorDetailsParts');
  }
  return { parts: imports.length > 0 ? parts : null, imports };
}
