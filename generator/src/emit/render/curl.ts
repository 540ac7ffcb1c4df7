/**
 * The curl command of an example: exactly its documented request (method, URL, headers, body),
 * with the account's secret values read from their environment variables, so the command can
 * be pasted into a shell as it is. A test runs each one with the real curl and compares what
 * a server receives with the documented request.
 */

import type { Example, Field, Func, OAuth2ClientCredentials, Provider, ServerUrl } from '../../model.js';
import { fileKeysOf } from '../../shared/value-types.js';
import { savedFileName } from '../../shared/returns.js';
import { uploadedFileName } from '../../shared/documented-files.js';
import { multipartFields } from './documented-multipart.js';
import { formPairs } from './form-pairs.js';
import { shellWord, withVariables, type ShellPart } from '../escape/shell.js';

export interface CurlCommand {
  /** The command as the docs show it, one option per line; an OAuth2 server's first fetches the access token. */
  text: string;
  /** The variables it reads and the example values that make it send the documented request. */
  env: Record<string, string>;
  /** With OAuth2: where the first command asks for the token, and the token the sandbox's endpoint answers with. */
  token?: { url: string; accessToken: string };
  /** Files the command uploads (`-F key=@name`, `--data-binary @name`), by name, with their bytes in base64: the reader's own files, in the docs. */
  files?: Record<string, string>;
}

/** The shell variable the token command fills and the request reads. */
const TOKEN_VARIABLE = 'ACCESS_TOKEN';

/** A file name in curl's `-F` syntax: quoted when it has a character curl reads as syntax (`;`, `,`, `"`, spaces). */
function curlFormValue(name: string): string {
  return /^[A-Za-z0-9._-]+$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/** The account values the example's request carries, by the variable that holds each for its account. */
function secretVariables(provider: Provider, example: Example): Array<{ value: string; env: string; field: Field }> {
  const account = (example.account ?? '').toUpperCase().replace(/-/g, '_');
  return provider.fields
    .filter((f) => f.secret)
    .map((f) => ({ field: f, value: example.fields[f.key] ?? f.example, env: example.account ? f.accountEnvTemplate.replace('{ACCOUNT}', account) : f.env }));
}

/** `Basic base64(user:password)` written as curl's `--user`, when it is exactly that. */
function basicUser(provider: Provider, func: Func, example: Example, header: string | undefined): ShellPart[] | null {
  if (func.binding.kind !== 'http' || func.binding.server.auth.kind !== 'basic' || !header?.startsWith('Basic ')) return null;
  const auth = func.binding.server.auth;
  const variables = secretVariables(provider, example);
  const fieldPart = (key: string): ShellPart => {
    const secret = variables.find((v) => v.field.key === key);
    return secret ? { env: secret.env } : { literal: example.fields[key] ?? provider.fields.find((f) => f.key === key)?.example ?? '' };
  };
  const parts = (credential: typeof auth.username): ShellPart[] => {
    if (credential.kind === 'literal') return [{ literal: credential.value }];
    if (credential.kind === 'field') return [fieldPart(credential.field)];
    return credential.pieces.map((p) => (p.kind === 'text' ? { literal: p.text } : fieldPart(p.field)));
  };
  const user = parts(auth.username);
  const password = parts(auth.password);
  const valueOf = (list: ShellPart[]) => list.map((p) => ('literal' in p ? p.literal : variables.find((v) => v.env === p.env)!.value)).join('');
  if (Buffer.from(`${valueOf(user)}:${valueOf(password)}`).toString('base64') !== header.slice('Basic '.length)) return null;
  return [...user, { literal: ':' }, ...password];
}

export function curlCommand(provider: Provider, func: Func, example: Example): CurlCommand {
  const request = example.request;
  const oauth2 = func.binding.kind === 'http' && func.binding.server.auth.kind === 'oauth2_client_credentials' ? func.binding.server.auth : null;
  // The documented request carries the sandbox's token; a reader needs their own, so the command fetches it first.
  const fetchesToken = oauth2 !== null && request.headers['authorization'] === `Bearer ${oauth2.exampleToken}`;
  const variables = [...secretVariables(provider, example), ...(fetchesToken ? [{ value: oauth2.exampleToken, env: TOKEN_VARIABLE }] : [])];
  const used = new Set<string>();
  const word = (text: string): string => {
    const parts = withVariables(text, variables);
    for (const p of parts) if ('env' in p) used.add(p.env);
    return shellWord(parts);
  };
  // --globoff: URLs such as `?page[size]=2` are sent as written, not expanded as curl globs.
  const lines: string[] = [`curl --globoff ${word(request.url)}`];
  // A download is saved to a file, after any redirect to where the provider keeps it (curl sends no
  // credentials header to another host, as the clients do not).
  const saved = savedFileName(func, example);
  if (saved !== null) lines.push(`--location --output ${shellWord([{ literal: saved }])}`);
  const type = request.headers['content-type']?.split(';')[0]?.trim();
  const body = request.body;
  const hasBody = (body !== null && body !== undefined) || request.file !== undefined;
  if (!(request.method === 'GET' && !hasBody) && !(request.method === 'POST' && hasBody)) lines.push(`-X ${request.method}`);
  const multipart = type === 'multipart/form-data' && typeof body === 'object' && body !== null;
  for (const [name, value] of Object.entries(request.headers)) {
    // curl writes a multipart body's content-type itself, with the boundary it chose.
    if (multipart && name === 'content-type') continue;
    const user = name === 'authorization' ? basicUser(provider, func, example, value) : null;
    if (user) {
      for (const p of user) if ('env' in p) used.add(p.env);
      lines.push(`--user ${shellWord(user)}`);
    } else lines.push(`-H ${word(`${name}: ${value}`)}`);
  }
  const files: Record<string, string> = {};
  if (request.file) {
    // curl would call the bytes a form (`application/x-www-form-urlencoded`) unless told their type.
    if (request.headers['content-type'] === undefined) lines.push(`-H ${word(`content-type: ${request.file.contentType}`)}`);
    const name = uploadedFileName(func, request.file);
    files[name] = request.file.base64;
    lines.push(`--data-binary ${shellWord([{ literal: `@${name}` }])}`);
  } else if (multipart) {
    for (const [key, value] of multipartFields(body, fileKeysOf(func))) {
      if (typeof value === 'string') lines.push(`--form-string ${word(`${key}=${value}`)}`);
      else {
        files[value.filename] = value.base64;
        lines.push(`-F ${word(`${key}=@${curlFormValue(value.filename)};type=${value.contentType}`)}`);
      }
    }
  } else if (hasBody) {
    if (type === 'application/x-www-form-urlencoded' && typeof body === 'string') lines.push(`--data-raw ${word(body)}`);
    else if (type === 'application/x-www-form-urlencoded') {
      for (const [key, value] of formPairs(body)) {
        // curl reads `name@file` as a file and encodes only what follows `=`: keys with either are encoded here.
        lines.push(/^[A-Za-z0-9_.[\]-]+$/.test(key) ? `--data-urlencode ${word(`${key}=${value}`)}` : `--data-raw ${word(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`)}`);
      }
    } else lines.push(`--data-raw ${word(typeof body === 'string' && type !== 'application/json' ? body : JSON.stringify(body))}`);
  }
  if (!fetchesToken) {
    const env = Object.fromEntries(variables.filter((v) => used.has(v.env)).map((v) => [v.env, v.value]));
    return { text: lines.join(' \\\n  '), env, ...(Object.keys(files).length > 0 ? { files } : {}) };
  }
  const token = tokenCommand(provider, oauth2, example, word);
  used.delete(TOKEN_VARIABLE);
  const env = Object.fromEntries(variables.filter((v) => used.has(v.env)).map((v) => [v.env, v.value]));
  return { text: `${token.text}\n\n${lines.join(' \\\n  ')}`, env, token: { url: token.url, accessToken: oauth2.exampleToken }, ...(Object.keys(files).length > 0 ? { files } : {}) };
}

/**
 * The client-credentials request the client makes itself (RFC 6749 §4.4), as the runtime sends
 * it, with the token read from the JSON answer into a shell variable (sed, so nothing beyond a
 * POSIX shell and curl is needed).
 */
function tokenCommand(provider: Provider, auth: OAuth2ClientCredentials, example: Example, word: (text: string) => string): { text: string; url: string } {
  const server = provider.servers.find((s) => s.name === auth.tokenServer)!;
  const url = `${exampleServerUrl(server.url, provider.fields, example)}${auth.tokenPath}`;
  const value = (key: string) => example.fields[key] ?? provider.fields.find((f) => f.key === key)?.example ?? '';
  const lines = [`${TOKEN_VARIABLE}=$(curl --silent ${word(url)}`];
  if (auth.clientAuth === 'basic') lines.push(`--user ${word(`${value(auth.clientIdField)}:${value(auth.clientSecretField)}`)}`);
  lines.push(`--data-urlencode ${word('grant_type=client_credentials')}`);
  if (auth.scopes.length > 0) lines.push(`--data-urlencode ${word(`scope=${auth.scopes.join(' ')}`)}`);
  if (auth.clientAuth === 'form') lines.push(`--data-urlencode ${word(`client_id=${value(auth.clientIdField)}`)}`, `--data-urlencode ${word(`client_secret=${value(auth.clientSecretField)}`)}`);
  lines.push(`| sed -n 's/.*"access_token" *: *"\\([^"]*\\)".*/\\1/p')`);
  return { text: `# First, an access token (the generated clients fetch and renew theirs themselves)\n${lines.join(' \\\n  ')}`, url };
}

/** A server's URL for the example's account: the URL its fields choose, with their values in the placeholders. */
function exampleServerUrl(url: ServerUrl, fields: Field[], example: Example): string {
  const value = (key: string) => example.fields[key] ?? fields.find((f) => f.key === key)?.example ?? '';
  const chosen = url.kind === 'fixed' ? url : (url.choices.find((c) => c.value === (example.fields[url.field] ?? fields.find((f) => f.key === url.field)?.default ?? value(url.field)))?.url ?? url.choices[0]!.url);
  return chosen.template.replace(/\{([^{}]+)\}/g, (_, key: string) => encodeURIComponent(value(key)));
}
