/**
 * The parts of a request an account decides: the server URL (fixed, or chosen by an enum
 * field), the auth scheme's credentials (fields or fixed values) and provider-level headers.
 * Each builder checks its references to fields and reports at the spec's own position.
 */

import type { AccountHeader, ApiKeyParam, AuthScheme, Credential, CredentialTemplate, ServerUrl, UrlTemplate } from '../model.js';
import { didYouMean, show } from './diagnostics.js';
import type { RawAuthScheme, RawCredential, RawField, RawServerUrl } from './spec-types.js';

/**
 * The access token the generated mocks' token endpoint hands out, and so the one examples of
 * OAuth2 functions document (`authorization: Bearer example-access-token`): the sandbox then
 * sends exactly the documented request.
 */
export const OAUTH2_EXAMPLE_TOKEN = 'example-access-token';

export type Path = Array<string | number>;
export type Report = (path: Path, message: string, target?: 'key' | 'value') => void;

const PLACEHOLDER = /\{([^{}]+)\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Field lookups shared by the builders: declared, and usable where a value is needed on every request. */
export class FieldRefs {
  constructor(
    private readonly fields: Record<string, RawField>,
    private readonly report: Report,
  ) {}

  /** Reports an undeclared field; true when it is declared. */
  declared(path: Path, key: string): boolean {
    if (this.fields[key]) return true;
    this.report(path, `field '${key}' is not declared under 'fields'.${didYouMean(key, Object.keys(this.fields))}`);
    return false;
  }

  /** A field a request cannot do without (a server URL or a credential): declared and not `required: false`. */
  needed(path: Path, key: string, use: string): void {
    // An optional field with a default is reported once, at the field itself.
    if (this.declared(path, key) && this.fields[key]!.required === false && this.fields[key]!.default === undefined) {
      this.report(path, `field '${key}' is optional (required: false), so it cannot be used in ${use}: every request needs it. Only provider headers may use optional fields.`);
    }
  }

  get(key: string): RawField | undefined {
    return this.fields[key];
  }
}

function urlTemplate(template: string, path: Path, refs: FieldRefs, report: Report): UrlTemplate {
  const fields = placeholders(template);
  for (const key of fields) refs.needed(path, key, 'a server URL');
  if (template.endsWith('/')) report(path, `server URL must not end with '/': function paths start with one.`);
  return { template, fields };
}

/** A server's URL: one template, or one per value of an enum field. */
export function buildServerUrl(raw: RawServerUrl, path: Path, refs: FieldRefs, report: Report): ServerUrl {
  if (typeof raw === 'string') return { kind: 'fixed', ...urlTemplate(raw, path, refs, report) };
  const fieldPath = [...path, 'by_field'];
  const choices = Object.entries(raw.urls).map(([value, url]) => ({ value, url: urlTemplate(url, [...path, 'urls', value], refs, report) }));
  const byField = { kind: 'by_field' as const, field: raw.by_field, choices };
  refs.needed(fieldPath, raw.by_field, 'a server URL');
  const field = refs.get(raw.by_field);
  if (!field || (field.required === false && field.default === undefined)) return byField;
  if (!field.enum) {
    report(fieldPath, `field '${raw.by_field}' has no enum: a URL chosen by a field needs the field's values listed under 'enum', one URL each.`);
    return byField;
  }
  const keys = Object.keys(raw.urls);
  for (const key of keys) {
    if (!field.enum.includes(key)) report([...path, 'urls', key], `'${key}' is not a value of field '${raw.by_field}' (${field.enum.join(', ')}).${didYouMean(key, field.enum)}`, 'key');
  }
  const missing = field.enum.filter((value) => !keys.includes(value));
  if (missing.length > 0) {
    report([...path, 'urls'], `field '${raw.by_field}' can be ${missing.map((v) => `'${v}'`).join(', ')}, which has no URL here: give one URL per enum value.`, 'key');
  }
  return byField;
}

/** A `{name}` in a fixed credential: sent as written, where a template would fill it from a field. */
const TEMPLATE_NAME = /\{[A-Za-z_][A-Za-z0-9_]*\}/;

function credential(raw: RawCredential, path: Path, refs: FieldRefs, report: Report): Credential {
  if (typeof raw === 'string') {
    refs.needed(path, raw, 'auth');
    return { kind: 'field', field: raw };
  }
  const text = 'template' in raw ? raw.template : raw.value;
  // Headers cannot carry a line break (fetch and node:http refuse it when sending); no provider wants one elsewhere.
  if (/[\r\n]/.test(text)) report([...path, 'template' in raw ? 'template' : 'value'], `a credential cannot hold a line break: it is sent in a header, the query or the body as one line.`);
  if ('template' in raw) return credentialTemplate(raw.template, [...path, 'template'], refs, report);
  // Sent byte for byte: a Basic user name written as {email}/token would reach the provider as
  // those literal characters and every call would fail with a 401 far from this line.
  const placeholder = TEMPLATE_NAME.exec(raw.value)?.[0];
  if (placeholder !== undefined) {
    report([...path, 'value'], `a fixed credential is sent as written, and '${placeholder}' would reach the provider literally. To fill it from a field, write { template: ${JSON.stringify(raw.value)} }.`);
  }
  return { kind: 'literal', value: raw.value };
}

/** `App {api_key}`: fixed text and fields, each field one every request has. */
function credentialTemplate(template: string, path: Path, refs: FieldRefs, report: Report): CredentialTemplate {
  const pieces: CredentialTemplate['pieces'] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) pieces.push({ kind: 'text', text: template.slice(last, match.index) });
    refs.needed(path, match[1]!, 'auth');
    pieces.push({ kind: 'field', field: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < template.length) pieces.push({ kind: 'text', text: template.slice(last) });
  if (!pieces.some((p) => p.kind === 'field')) {
    report(path, `this template has no {field} in it, so it is a fixed value: write { value: ${JSON.stringify(template)} }, or name a field as {api_key}.`);
  }
  return { kind: 'template', template, pieces };
}

export function buildAuthScheme(name: string, raw: RawAuthScheme, refs: FieldRefs, report: Report): AuthScheme | null {
  const at = (...rest: Path): Path => ['auth', name, ...rest];
  switch (raw.type) {
    case 'bearer':
      refs.needed(at('token'), raw.token, 'auth');
      return { kind: 'bearer', name, tokenField: raw.token };
    case 'basic':
      return { kind: 'basic', name, username: credential(raw.username, at('username'), refs, report), password: credential(raw.password, at('password'), refs, report) };
    case 'api_key': {
      const single = raw.name !== undefined || raw.value !== undefined;
      if (single && raw.params !== undefined) {
        report(at('params'), "give either 'name' and 'value' (one credential), or 'params' (several), not both.", 'key');
        return null;
      }
      let params: ApiKeyParam[];
      if (raw.params !== undefined) {
        params = Object.entries(raw.params).map(([wireName, value]) => ({ wireName, value: credential(value, at('params', wireName), refs, report) }));
      } else if (raw.name !== undefined && raw.value !== undefined) {
        params = [{ wireName: raw.name, value: credential(raw.value, at('value'), refs, report) }];
      } else {
        const has = raw.name !== undefined ? "'name' but no 'value'" : raw.value !== undefined ? "'value' but no 'name'" : "neither 'name' and 'value' nor 'params'";
        report(at(), `api_key auth has ${has}: give 'name' and 'value' for one credential, or 'params' for several.`);
        return null;
      }
      for (const param of params) {
        if (raw.in === 'header' && !HEADER_NAME.test(param.wireName)) {
          report(raw.params ? at('params', param.wireName) : at('name'), `${show(param.wireName)} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~).`, raw.params ? 'key' : 'value');
        }
      }
      return { kind: 'api_key', name, in: raw.in, params };
    }
    case 'oauth2_client_credentials':
      refs.needed(at('client_id'), raw.client_id, 'auth');
      refs.needed(at('client_secret'), raw.client_secret, 'auth');
      return {
        kind: 'oauth2_client_credentials',
        name,
        clientIdField: raw.client_id,
        clientSecretField: raw.client_secret,
        tokenServer: raw.token_server,
        tokenPath: raw.token_path,
        scopes: raw.scopes ?? [],
        clientAuth: raw.client_auth ?? 'basic',
        exampleToken: OAUTH2_EXAMPLE_TOKEN,
      };
    case 'none':
      return { kind: 'none', name };
  }
}

/** Header names (lower case) an auth scheme sets, so account headers cannot replace a credential. */
export function authHeaderNames(scheme: AuthScheme): string[] {
  switch (scheme.kind) {
    case 'bearer':
    case 'basic':
      return ['authorization'];
    case 'api_key':
      return scheme.in === 'header' ? scheme.params.map((p) => p.wireName.toLowerCase()) : [];
    case 'oauth2_client_credentials':
      return ['authorization'];
    case 'none':
      return [];
  }
}

/** Provider-level headers: valid names, no clash with each other or with credentials, placeholders naming fields. */
export function buildAccountHeaders(raw: Record<string, string>, schemes: AuthScheme[], refs: FieldRefs, report: Report): AccountHeader[] {
  const headers: AccountHeader[] = [];
  const seen = new Map<string, string>();
  for (const [name, template] of Object.entries(raw)) {
    const path: Path = ['headers', name];
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) {
      report(path, `${show(name)} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~).`, 'key');
      continue;
    }
    const owner = schemes.find((s) => authHeaderNames(s).includes(lower));
    if (owner) {
      report(path, `header '${name}' carries the credentials of auth scheme '${owner.name}'; a provider header may not replace it.`, 'key');
      continue;
    }
    const earlier = seen.get(lower);
    if (earlier !== undefined) {
      report(path, `header '${name}' is header '${earlier}' again (header names ignore case).`, 'key');
      continue;
    }
    seen.set(lower, name);
    const fields = placeholders(template);
    for (const key of fields) refs.declared(path, key);
    headers.push({ name, template, fields });
  }
  return headers;
}
