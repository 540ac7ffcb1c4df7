/**
 * From validated arguments to the exact HTTP request: URL (server, path,
 * query), headers and body. Pure: no I/O, no clock, so a dry run and a real
 * call build byte-identical requests. Every argument problem found here is
 * collected and thrown as one ValidationError.
 */

import { authParts } from './auth.js';
import { appliesToIssues, selectEndpoint } from './endpoint.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { PathValueError, encodePathValue } from './path.js';
import { QueryValueError, serializePairs, toPairs, type Pairs } from './query.js';
import type { HttpMethod, OperationSpec, ParamSpec, ServerSpec } from './spec.js';
import { TransformError, applyTransforms } from './transforms.js';

/** An HTTP request ready for fetch; `prepare()` returns it with credentials redacted. */
export interface PreparedRequest {
  method: HttpMethod;
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The exact body text (JSON or form-encoded), or null when nothing is sent. */
  body: string | null;
}

export interface BuildInput {
  op: OperationSpec;
  args: Record<string, unknown>;
  server: ServerSpec;
  /** The server URL template to use (ServerSpec.url or a baseURL override). */
  serverUrl: string;
  /** Values of the fields the server URL and auth need. */
  fieldValues: Record<string, string>;
  /** Client defaultHeaders, then per-request headers: later wins. */
  extraHeaders: Array<Record<string, string> | undefined>;
}

export function buildRequest(input: BuildInput): PreparedRequest {
  const { op, args } = input;
  const selected = selectEndpoint(op, args);
  if (Array.isArray(selected)) throw new ValidationError(op.id, selected);
  const issues: ValidationIssue[] = appliesToIssues(op, args, selected);

  const pathValues = new Map<string, string>();
  // Constants first: they are part of what the endpoint is (Telnyx `filter[record_type]=messaging`), as the examples show.
  const query: Pairs = Object.entries(op.constants.query).map(([key, value]) => [key, String(value)]);
  const bodyParams: ParamSpec[] = [];
  const bodyValues = new Map<ParamSpec, unknown>();
  const headers: Record<string, string> = { accept: 'application/json' };
  const refused = new Set<string>();

  // In the caller's argument order, so the query reads as the call was written (and as the specs' examples show).
  const byName = new Map(op.params.map((p) => [p.name, p]));
  for (const [name, raw] of Object.entries(args)) {
    const param = byName.get(name);
    // null is "no value" for a parameter, as validation counts it: never sent as the text "null".
    if (param === undefined || name === selected.selector || raw === undefined || raw === null) continue;
    try {
      const value = applyTransforms(raw, param.transforms);
      switch (param.in) {
        case 'path':
          pathValues.set(param.name, encodePathValue(String(value), param.pathStyle));
          break;
        case 'query':
          query.push(...toPairs(param.wire, value, param.arrayFormat));
          break;
        case 'header':
          if (value !== null) headers[param.wire.toLowerCase()] = String(value);
          break;
        case 'body':
          if (op.body === 'form') toPairs(param.wire, value, param.arrayFormat); // surfaces unsendable values here, with the parameter's name
          bodyParams.push(param);
          bodyValues.set(param, value);
          break;
      }
    } catch (error) {
      if (error instanceof PathValueError || error instanceof TransformError || error instanceof QueryValueError) {
        issues.push({ path: param.name, problem: error.message });
        refused.add(param.name);
      } else throw error;
    }
  }

  const path = selected.path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const param = op.params.find((p) => p.in === 'path' && p.name === name) ?? op.params.find((p) => p.in === 'path' && p.wire === name);
    const value = pathValues.get(param?.name ?? name);
    if (value === undefined && !refused.has(param?.name ?? name)) issues.push({ path: param?.name ?? name, problem: 'missing' });
    return value ?? '';
  });
  if (issues.length > 0) throw new ValidationError(op.id, issues);

  const auth = authParts(input.server.auth, input.fieldValues);
  query.push(...auth.query);

  const body = buildBody(op, bodyParams, bodyValues);
  if (body !== null) headers['content-type'] = op.body === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  Object.assign(headers, lowerKeys(op.constants.header), auth.headers);
  for (const extra of input.extraHeaders) Object.assign(headers, lowerKeys(extra ?? {}));

  const base = fillServerUrl(input.serverUrl, input.fieldValues).replace(/\/+$/, '');
  const search = serializePairs(query);
  return { method: selected.method, url: `${base}${path.startsWith('/') ? '' : '/'}${path}${search ? `?${search}` : ''}`, headers, body };
}

/** `https://{region}.sms.api.sinch.com` → `https://us.sms.api.sinch.com`; each value is percent-encoded. */
export function fillServerUrl(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^{}]+)\}/g, (_, key: string) => encodeURIComponent(values[key] ?? ''));
}

function buildBody(op: OperationSpec, params: ParamSpec[], values: Map<ParamSpec, unknown>): string | null {
  if (op.body === 'none') return null;
  // Spread objects first, so a named parameter of the same wire name wins; constants last, as the spec fixes them.
  const root: Record<string, unknown> = {};
  for (const param of params) if (param.spread) Object.assign(root, values.get(param) as object);
  for (const param of params) if (!param.spread) root[param.wire] = values.get(param);
  Object.assign(root, op.constants.body);
  if (op.body === 'json') return JSON.stringify(root);
  const arrayFormat = (wire: string): ParamSpec['arrayFormat'] => params.find((p) => p.wire === wire)?.arrayFormat ?? 'repeat';
  return serializePairs(Object.entries(root).flatMap(([key, value]) => toPairs(key, value, arrayFormat(key))));
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}
