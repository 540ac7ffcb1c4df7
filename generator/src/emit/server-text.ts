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
  switch (credential.kind) {
    case 'field':
      return `field ${mdCode(credential.field)}`;
    case 'literal':
      return `the fixed value ${mdCode(credential.value)}`;
    case 'template': {
      const fields = credential.pieces.flatMap((p) => (p.kind === 'field' ? [mdCode(p.field)] : []));
      return `${mdCode(credential.template)}, filled from ${fields.length === 1 ? 'field' : 'fields'} ${fields.join(', ')}`;
    }
  }
}

/** Where a scheme puts the credentials: `HTTP Basic: user the fixed value api, password field api_key`. */
export function authText(auth: Exclude<AuthScheme, { kind: 'oauth2_client_credentials' | 'none' }>): string {
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

/** One line per server: what its requests carry, in words; OAuth2 says where the token comes from and how it is kept. */
export function authenticationLines(provider: Provider): string[] {
  return provider.servers.map((server) => {
    const auth = server.auth;
    const where = mdCode(server.name);
    switch (auth.kind) {
      case 'none': {
        const tokenFor = provider.servers.filter((s) => s.auth.kind === 'oauth2_client_credentials' && s.auth.tokenServer === server.name).map((s) => mdCode(s.name));
        return `${where}: no credentials${tokenFor.length ? `; the OAuth2 token endpoint of ${tokenFor.join(', ')}` : ''}.`;
      }
      case 'oauth2_client_credentials': {
        const tokenServer = provider.servers.find((s) => s.name === auth.tokenServer);
        const tokenUrl = mdCode(`POST ${tokenServer ? defaultTemplate(tokenServer, provider.fields) : ''}${auth.tokenPath}`);
        const clientAuth = auth.clientAuth === 'basic' ? 'HTTP Basic' : 'form fields';
        const scopes = auth.scopes.length ? `, scopes ${auth.scopes.map(mdCode).join(', ')}` : '';
        return (
          `${where}: OAuth2 client credentials: ${mdCode('Authorization: Bearer')} with a token from ${tokenUrl} (client id field ${mdCode(auth.clientIdField)}, secret field ${mdCode(auth.clientSecretField)} as ${clientAuth}${scopes}). ` +
          `The token is fetched on the first call, shared by concurrent calls, and renewed shortly before it expires; a 401 fetches a new one and sends the request once more. ` +
          `A base-URL override of ${mdCode(auth.tokenServer)} moves the token endpoint; ${mdCode('--dry-run')} shows the header as ${mdCode('Bearer [REDACTED]')} and fetches no token; the sandbox hands out ${mdCode(auth.exampleToken)}.`
        );
      }
      default:
        return `${where}: ${authText(auth)}.`;
    }
  });
}

/** `DP-Company-ID: {company_id}` (left out when `company_id` is unset). */
export function accountHeaderText(header: AccountHeader, fields: Field[]): string {
  const optional = header.fields.filter((key) => fields.find((f) => f.key === key)?.required === false);
  // What an account that sets nothing sends: Notion-Version 2022-06-28.
  const defaults = header.fields.flatMap((key) => {
    const value = fields.find((f) => f.key === key)?.default;
    return value === null || value === undefined ? [] : [`${mdCode(key)} defaults to ${mdCode(value)}`];
  });
  const notes = [...defaults, ...(optional.length > 0 ? [`left out when ${optional.map(mdCode).join(' or ')} is unset`] : [])];
  return `${mdCode(`${header.name}: ${header.template}`)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

/** One docs line per server's URL (the Authentication section says what it carries), then the account headers. */
export function serverLines(provider: Provider): string[] {
  return [
    ...provider.servers.map((s) => `Server ${mdCode(s.name)}: ${serverUrlText(s, provider.fields)}.`),
    ...provider.headers.map((h) => `Every request sends ${accountHeaderText(h, provider.fields)}.`),
  ];
}
