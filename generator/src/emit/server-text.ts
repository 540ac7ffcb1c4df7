/**
 * Server URLs and credentials as emitters show them: every URL a server may have (mocks
 * answer them all), the one a default account uses, and sentences for the docs.
 */

import type { AccountHeader, AuthScheme, Credential, Field, Provider, Server, ServerUrl } from '../model.js';
import { mdCode } from './escape/markdown.js';

/** Every URL template of a server, the default account's first. */
export function serverTemplates(url: ServerUrl, fields: Field[]): string[] {
  if (url.kind === 'fixed') return [url.template];
  const first = defaultChoice(url, fields);
  return [first.url.template, ...url.choices.filter((c) => c !== first).map((c) => c.url.template)];
}

/** The choice an account gets when it sets nothing: the field's default, else its example. */
function defaultChoice(url: Extract<ServerUrl, { kind: 'by_field' }>, fields: Field[]) {
  const field = fields.find((f) => f.key === url.field);
  const value = field?.default ?? field?.example;
  return url.choices.find((c) => c.value === value) ?? url.choices[0]!;
}

/** The URL template a default account uses. */
export function defaultTemplate(server: Server, fields: Field[]): string {
  return serverTemplates(server.url, fields)[0]!;
}

/** `https://api.mailgun.net` when `region` is `us` (the default), `https://api.eu.mailgun.net` when it is `eu`. */
export function serverUrlText(server: Server, fields: Field[]): string {
  const url = server.url;
  if (url.kind === 'fixed') return mdCode(url.template);
  const field = fields.find((f) => f.key === url.field);
  return url.choices
    .map((c) => `${mdCode(c.url.template)} when ${mdCode(url.field)} is ${mdCode(c.value)}${field?.default === c.value ? ' (the default)' : ''}`)
    .join(', ');
}

function credentialText(credential: Credential): string {
  return credential.kind === 'field' ? `field ${mdCode(credential.field)}` : `the fixed value ${mdCode(credential.value)}`;
}

/** Where a scheme puts the credentials: `Basic auth: user the fixed value api, password field api_key`. */
export function authText(auth: AuthScheme): string {
  switch (auth.kind) {
    case 'bearer':
      return `${mdCode('Authorization: Bearer')} with field ${mdCode(auth.tokenField)}`;
    case 'basic':
      return `HTTP Basic: user ${credentialText(auth.username)}, password ${credentialText(auth.password)}`;
    case 'api_key': {
      const where = auth.in === 'header' ? 'header' : auth.in === 'query' ? 'query parameter' : 'body parameter';
      return auth.params.map((p) => `${where} ${mdCode(p.wireName)} from ${credentialText(p.value)}`).join(', ');
    }
  }
}

/** `DP-Company-ID: {company_id}` (left out when `company_id` is unset). */
export function accountHeaderText(header: AccountHeader, fields: Field[]): string {
  const optional = header.fields.filter((key) => fields.find((f) => f.key === key)?.required === false);
  return `${mdCode(`${header.name}: ${header.template}`)}${optional.length > 0 ? ` (left out when ${optional.map(mdCode).join(' or ')} is unset)` : ''}`;
}

/** One docs line per server, then the account headers. */
export function serverLines(provider: Provider): string[] {
  return [
    ...provider.servers.map((s) => `Server ${mdCode(s.name)}: ${serverUrlText(s, provider.fields)}; credentials: ${authText(s.auth)}.`),
    ...provider.headers.map((h) => `Every request sends ${accountHeaderText(h, provider.fields)}.`),
  ];
}
