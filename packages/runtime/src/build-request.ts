/**
 * From validated arguments to the exact HTTP request: URL (server, path,
 * query), headers and body. Pure: no I/O, no clock, so a dry run and a real
 * call build byte-identical requests. Every argument problem found here is
 * collected and thrown as one ValidationError.
 */

import type { AuthCode, AuthParts } from './auth.js';
import type { SelectedEndpoint } from './endpoint.js';
import { ArgumentValueError, SwitchboardError, ValidationError, type ValidationIssue } from './errors.js';
import { takesFiles } from './file-kind.js';
import type { BuiltBinary } from './binary-body.js';
import type { FilePart } from './file-value.js';
import type { BuiltMultipart } from './multipart-body.js';
import { partOf } from './part-of.js';
import { planOf, sendsNull, type QueryEntry, type ResolvedParam } from './param-plan.js';
import { serializePairs, type Pairs } from './query.js';
import type { HttpMethod, OperationSpec, ServerSpec } from './spec.js';
import { applyTransforms } from './transforms.js';
import { RUNTIME_VERSION } from './version.js';

/** An HTTP request ready for a transport; `prepare()` shows it with credentials redacted (`ShownRequest`). */
export interface PreparedRequest {
  method: HttpMethod;
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The exact body: text (JSON or form-encoded, or a binary body's text), a multipart or binary body's bytes, or null when nothing is sent. */
  body: string | Blob | null;
  /** A multipart body's fields, and its text with each file's bytes shown as their count (what a dry run shows). */
  multipart?: Pick<BuiltMultipart, 'fields' | 'preview'>;
  /** The file a binary body is (`body: 'binary'`): its bytes, name and media type. */
  file?: FilePart;
  /** `bytes`: the answer is a file, so the transport hands over its body's bytes, not text. Absent: text. */
  readAs?: 'bytes';
}

/** A request as a dry run shows it (`Core.prepare`): credentials redacted, a multipart body as its preview text. */
export interface ShownRequest extends Omit<PreparedRequest, 'body' | 'multipart' | 'file' | 'readAs'> {
  body: string | null;
}

export interface BuildInput {
  op: OperationSpec;
  args: Record<string, unknown>;
  server: ServerSpec;
  /** The server URL template to use (ServerSpec.url or a baseURL override). */
  serverUrl: string;
  /** The code of the server's auth kind (`authCodeOf`). */
  authCode: AuthCode;
  /** Values of the fields the server URL and auth need. */
  fieldValues: Record<string, string>;
  /** The provider's headers, filled for this account (see account-parts.ts); none when omitted. */
  accountHeaders?: Record<string, string>;
  /** Client defaultHeaders, then per-request headers: later wins. */
  extraHeaders: Array<Record<string, string> | undefined>;
  /** The OAuth2 access token, for a server whose auth is `oauth2_client_credentials`. */
  accessToken?: string;
}


export function buildRequest(input: BuildInput): PreparedRequest {
  const { op } = input;
  const template = templateOf(op);
  // Only a selected endpoint needs code of its own (`parts.endpoint`): a fixed one is its method and path.
  const selector = template.fixed === null ? partOf(op, 'endpoint') : null;
  const selected: SelectedEndpoint | ValidationIssue[] = selector === null ? template.fixed! : selector.select(op, input.args);
  if (Array.isArray(selected)) throw new ValidationError(op.id, selected);
  const issues: ValidationIssue[] = selector === null ? [] : selector.appliesToIssues(op, input.args, selected);
  // What the caller gave, then what the spec sends in place of an omitted parameter (`parts.omitted`): from here on both are sent alike.
  const plan = planOf(op);
  const args = plan.sendsWhenOmitted ? partOf(op, 'omitted')(op, input.args, selected.case) : input.args;

  // Made only when a parameter needs them: most calls have no path or query parameters, and no refusals.
  let pathValues: Map<string, unknown> | undefined;
  let queryParams: QueryEntry[] | undefined;
  let refused: Set<string> | undefined;
  // Body parameters and their values side by side, in the caller's order.
  const bodyParams: ResolvedParam[] = [];
  const bodyValues: unknown[] = [];
  // A download asks for the file's media type; everything else for JSON.
  const accept = op.download === undefined ? 'application/json' : op.download.accept;
  const headers: Record<string, string> = PLATFORM_USER_AGENT === undefined ? { accept } : { accept, 'user-agent': PLATFORM_USER_AGENT };

  // In the caller's argument order, so the query reads as the call was written (and as the specs' examples show).
  const { params, byName } = plan;
  const names = Object.keys(args);
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const raw = args[name];
    const param = byName.get(name);
    // null is "no value" for a parameter, as validation counts it: never sent as the text "null".
    // A nullable one (the loader allows it in JSON bodies only) sends JSON null, untransformed.
    if (param === undefined || name === selected.selector || raw === undefined) continue;
    if (raw === null) {
      if (sendsNull(op, param)) {
        bodyParams.push(param);
        bodyValues.push(null);
      }
      continue;
    }
    try {
      const value = param.transforms.length === 0 ? raw : applyTransforms(raw, param.transforms, partOf(op, 'transforms'));
      switch (param.in) {
        case 'path':
          (pathValues ??= new Map()).set(param.name, value); // encoded by the path part, which fills the template
          break;
        case 'query':
          (queryParams ??= []).push({ param, key: param.wire, pairs: partOf(op, 'pairs')(param.wire, value, param.arrayFormat) });
          break;
        case 'header':
          if (value !== null) headers[param.wire.toLowerCase()] = String(value);
          break;
        case 'body':
          // Surfaces unsendable values here, with the parameter's name.
          if (op.body === 'form' || (op.body === 'multipart' && !takesFiles(op.args.properties[param.name]))) partOf(op, 'pairs')(param.wire, value, param.arrayFormat);
          bodyParams.push(param);
          bodyValues.push(value);
          break;
      }
    } catch (error) {
      if (error instanceof ArgumentValueError) {
        issues.push({ path: param.name, problem: error.message });
        (refused ??= new Set()).add(param.name);
      } else throw error;
    }
  }

  // Only a path with placeholders needs code of its own (`parts.path`); its parameters' values were set aside above.
  const path = selected.path.includes('{') ? partOf(op, 'path')(selected.path, params, pathValues, refused, issues) : selected.path;
  if (issues.length > 0) throw new ValidationError(op.id, issues);
  // Constants first: they are part of what the endpoint is (Telnyx `filter[record_type]=messaging`), as the examples show.
  const query: Pairs = template.query.length > 0 ? template.query.slice() : [];
  if (queryParams !== undefined) query.push(...partOf(op, 'query')(op, queryParams));

  const route = routeTemplate(input);
  const { authCode, server } = input;
  const auth = input.accessToken === undefined ? (route.auth ??= authCode.parts(server.auth, input.fieldValues, null)) : authCode.parts(server.auth, input.fieldValues, input.accessToken);
  if (auth.query.length > 0) query.push(...auth.query);
  if (auth.body.length > 0 && (op.body === undefined || op.body === 'binary')) {
    // The loader refuses such specs; a hand-written OperationSpec must not silently drop the credentials.
    throw new SwitchboardError(`${op.id} has ${op.body === undefined ? 'no body' : 'a body that is one file'}, but its server's auth puts credentials in the body.`);
  }

  const built = buildBody(op, bodyParams, bodyValues, auth.body);
  const body = built === null || typeof built === 'string' ? built : built.body;
  if (built !== null) headers['content-type'] = typeof built !== 'string' ? built.contentType : op.body === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  // Account headers first: an operation's fixed headers describe the endpoint, and credentials always win.
  if (input.accountHeaders) Object.assign(headers, input.accountHeaders);
  // A download's declared media type describes the endpoint, as its fixed headers do: it wins over a provider-wide Accept.
  if (op.download !== undefined && op.download.accept !== '*/*') headers.accept = op.download.accept;
  if (template.headers !== null) Object.assign(headers, template.headers);
  Object.assign(headers, auth.headers);
  for (const extra of input.extraHeaders) if (extra) Object.assign(headers, lowerKeys(extra));

  const base = route.serverUrl === input.serverUrl ? route.base : filledBase(input.serverUrl, input.fieldValues);
  const search = serializePairs(query);
  const url = `${base}${path.startsWith('/') ? '' : '/'}${path}${search ? `?${search}` : ''}`;
  const request: PreparedRequest = { method: selected.method, url, headers, body };
  if (built !== null && typeof built !== 'string') {
    if ('fields' in built) request.multipart = { fields: built.fields, preview: built.preview };
    else request.file = built.file;
  }
  if (op.download !== undefined) request.readAs = 'bytes';
  return request;
}

/**
 * What every request of one operation shares, worked out on its first request: the fixed
 * endpoint, the constant query pairs and the constant headers with lower-case names.
 */
interface OperationTemplate {
  fixed: SelectedEndpoint | null;
  query: Pairs;
  headers: Record<string, string> | null;
}

const templates = new WeakMap<OperationSpec, OperationTemplate>();

function templateOf(op: OperationSpec): OperationTemplate {
  let template = templates.get(op);
  if (template === undefined) {
    const endpoint = op.endpoint;
    template = {
      fixed: endpoint.kind === 'fixed' ? { method: endpoint.method, path: endpoint.path, case: null, selector: null } : null,
      query: op.constants?.query ? Object.entries(op.constants.query).map(([key, value]) => [key, String(value)]) : [],
      headers: op.constants?.header ? lowerKeys(op.constants.header) : null,
    };
    templates.set(op, template);
  }
  return template;
}

/**
 * What every request to one server with one account's field values shares: the filled base URL
 * and the credentials' parts (an OAuth2 token is per request). Keyed by the field values object,
 * which `Core` keeps per server, so a client's calls work it out once.
 */
interface RouteTemplate {
  server: ServerSpec;
  serverUrl: string;
  base: string;
  auth?: AuthParts;
}

const routeTemplates = new WeakMap<Record<string, string>, RouteTemplate>();

function routeTemplate(input: BuildInput): RouteTemplate {
  let route = routeTemplates.get(input.fieldValues);
  if (route === undefined || route.server !== input.server) {
    route = { server: input.server, serverUrl: input.serverUrl, base: filledBase(input.serverUrl, input.fieldValues) };
    routeTemplates.set(input.fieldValues, route);
  }
  return route;
}

function filledBase(serverUrl: string, values: Record<string, string>): string {
  const filled = fillServerUrl(serverUrl, values);
  return filled.endsWith('/') ? filled.replace(/\/+$/, '') : filled;
}

/** `https://{region}.sms.api.sinch.com` → `https://us.sms.api.sinch.com`; each value is percent-encoded. */
export function fillServerUrl(template: string, values: Record<string, string>): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{([^{}]+)\}/g, (_, key: string) => encodeURIComponent(values[key] ?? ''));
}

/** `values[i]` is the value of `params[i]`. */
function buildBody(op: OperationSpec, params: ResolvedParam[], values: unknown[], credentials: Pairs): string | BuiltMultipart | BuiltBinary | null {
  if (op.body === undefined) return null;
  if (op.body === 'binary') return partOf(op, 'binary')(op, params, values);
  // Spread objects first, so a named parameter of the same wire name wins; constants last, as the spec fixes them.
  const root: Record<string, unknown> = {};
  for (let i = 0; i < params.length; i++) if ((params[i] as ResolvedParam).spread) Object.assign(root, values[i] as object);
  if (op.body === 'json') {
    // The loader lets two JSON parameters share a key only with disjoint applies_to, so at most one is here.
    for (let i = 0; i < params.length; i++) {
      const param = params[i] as ResolvedParam;
      if (param.spread) continue;
      if (param.bodyPath.length === 0) root[param.wire] = values[i];
      else partOf(op, 'nesting').setAt(root, [...param.bodyPath, param.wire], values[i]);
    }
    if (op.constants?.body) partOf(op, 'nesting').merge(root, op.constants.body);
    // Credentials last, so no argument of the same name can replace them.
    for (let i = 0; i < credentials.length; i++) {
      const [name, value] = credentials[i] as [string, string];
      root[name] = value;
    }
    return JSON.stringify(root);
  }
  return op.body === 'multipart' ? partOf(op, 'multipart')(op, params, values, root, credentials) : partOf(op, 'form')(op, params, values, root, credentials);
}

/**
 * What a request says it is, under Node (and runtimes that pass as Node): node:http sends no
 * User-Agent of its own, and GitHub refuses a request without one (403). A browser's fetch sets its
 * own and would make a CORS preflight of ours, so none is added there. The caller's headers
 * (`defaultHeaders`, a request's `headers`) and a spec's constant header replace it.
 */
const PLATFORM_USER_AGENT: string | undefined = (() => {
  const node = (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node;
  return typeof node === 'string' ? `switchboard/${RUNTIME_VERSION} (node ${node})` : undefined;
})();

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}
