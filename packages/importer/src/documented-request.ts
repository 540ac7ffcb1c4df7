import { jsonEncodeTransform } from '@switchboard/runtime';
import type { AccountParts } from './provider-parts.js';
import type { ImportedParameter } from './operation-parameters.js';

export interface DocumentedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * The request an example's arguments make, written out as a person would read it in the
 * provider's reference: the server URL with the fields' examples, path values encoded as
 * one segment each, the query in parameter order, the credential and the body by wire names.
 * `validate` then checks that the runtime builds exactly this.
 */
export function documentedRequest(input: {
  method: string;
  serverUrl: string;
  path: string;
  parameters: ImportedParameter[];
  args: Record<string, unknown>;
  encoding?: 'json' | 'form' | 'multipart' | 'binary';
  credential: AccountParts['credentials'][string] | undefined;
}): DocumentedRequest {
  const { parameters, args } = input;
  let path = input.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const given = args[parameter.name];
    if (given === undefined || given === null) continue;
    // JSON text as the runtime writes it (in a header, ASCII only), so `validate` finds the same request.
    const value = parameter.spec.transform === 'json_encode' ? jsonEncodeTransform(given, parameter.location === 'header' ? { kind: 'json_encode', asciiOnly: true } : { kind: 'json_encode' }) : given;
    if (parameter.location === 'path') path = path.split(`{${parameter.name}}`).join(encodeURIComponent(String(value)));
    else if (parameter.location === 'query') {
      if (Array.isArray(value)) {
        if (parameter.spec.array_format === 'repeat') for (const item of value) query.append(parameter.wire, String(item));
        else query.append(parameter.wire, value.map(String).join(','));
      } else query.append(parameter.wire, typeof value === 'object' ? JSON.stringify(value) : String(value));
    } else if (parameter.location === 'header') headers[parameter.wire.toLowerCase()] = String(value);
    else body[parameter.wire] = value;
  }
  const credential = input.credential;
  if (credential?.kind === 'bearer') headers.authorization = `Bearer ${credential.token}`;
  if (credential?.kind === 'basic') headers.authorization = `Basic ${Buffer.from(`${credential.user}:${credential.password}`).toString('base64')}`;
  if (credential?.kind === 'api_key' && credential.in === 'header') headers[credential.name.toLowerCase()] = credential.value;
  if (credential?.kind === 'api_key' && credential.in === 'query') query.append(credential.name, credential.value);
  const sendsBody = input.encoding !== undefined;
  const search = query.toString();
  const url = `${input.serverUrl}${path}${search ? `?${search}` : ''}`;
  if (input.encoding === 'binary') {
    // A binary body is documented as the file it is (the one body argument), sent with its media type.
    const file = (Object.values(body)[0] ?? {}) as { content_type?: string };
    headers['content-type'] = file.content_type ?? 'application/octet-stream';
    return { method: input.method, url, headers, body: file };
  }
  if (sendsBody) headers['content-type'] = input.encoding === 'form' ? 'application/x-www-form-urlencoded' : input.encoding === 'multipart' ? 'multipart/form-data' : 'application/json';
  return { method: input.method, url, headers, ...(sendsBody ? { body } : {}) };
}
