/**
 * The request parts an account decides beyond its credentials: which URL a server has when
 * the spec gives one per value of a field (Mailgun's US or EU host), and the provider's
 * headers filled from fields (`DP-Company-ID: {company_id}`). A provider with either carries
 * `accountParts` (`ProviderSpec.parts.accounts`); no other program bundles this.
 */

import { SwitchboardError } from './errors.js';
import { placeholdersOf } from './fields.js';
import type { AccountParts, ProviderSpec, ServerUrlSpec } from './spec.js';

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** A field value that cannot be used as it is; raised before any request. The value is never quoted. */
export class InvalidFieldError extends SwitchboardError {
  static override get errorName(): string {
    return 'InvalidFieldError';
  }

  constructor(
    readonly provider: string,
    /** The field's key, e.g. `region`. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${provider} field '${field}' ${problem}. No request was made.`);
  }
}

/** The field a server's URL is chosen by, if any. */
export function choosingField(url: ServerUrlSpec): string | null {
  return typeof url === 'string' ? null : url.byField;
}

/** The URL template for the account: the only one, or the one its field value names. */
export function chooseServerUrl(provider: ProviderSpec, url: ServerUrlSpec, value: string | undefined): string {
  if (typeof url === 'string') return url;
  const choices = Object.keys(url.urls);
  const chosen = value === undefined ? undefined : url.urls[value];
  // `in` on a plain record would also find Object.prototype keys; own keys only.
  if (chosen === undefined || !Object.hasOwn(url.urls, value!)) {
    throw new InvalidFieldError(provider.name, url.byField, `must be one of ${choices.join(', ')} (it chooses the server URL)`);
  }
  return chosen;
}

/** Fields the provider's headers need on every request: those not declared optional. */
export function requiredHeaderFields(provider: ProviderSpec): string[] {
  const optional = new Set(provider.fields.filter((f) => f.optional).map((f) => f.key));
  return Object.values(provider.headers ?? {}).flatMap(placeholdersOf).filter((key) => !optional.has(key));
}

/** The provider's headers (lower-case names) with fields filled in; a header missing a field value is left out. */
export function accountHeaders(provider: ProviderSpec, value: (key: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(provider.headers ?? {})) {
    const keys = placeholdersOf(template);
    if (keys.some((key) => value(key) === undefined)) continue;
    for (const key of keys) {
      // fetch would refuse the header anyway, with a message quoting the value.
      if (/[\r\n\0]/.test(value(key)!)) throw new InvalidFieldError(provider.name, key, `contains a line break or NUL, so it cannot go in the ${name} header`);
    }
    out[name.toLowerCase()] = template.replace(PLACEHOLDER, (_, key: string) => value(key)!);
  }
  return out;
}

/** The code behind server URLs chosen by a field and the provider's headers (`ProviderSpec.parts.accounts`). */
export const accountParts: AccountParts = { chooseServerUrl, headerFields: requiredHeaderFields, headers: accountHeaders };
