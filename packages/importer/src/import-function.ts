import { documentedRequest } from './documented-request.js';
import { exampleFromSchema, mediaExample } from './example-values.js';
import { snakeCase, titleCase } from './names.js';
import { operationInput, type ImportedParameter } from './operation-parameters.js';
import { isNode, type Node, type OpenApiDocument } from './openapi-document.js';
import { guessPagination } from './pagination.js';
import { oneParagraph, type SpecSchema } from './parameter-schema.js';
import { unsafeIntegerPaths } from './schema-shape.js';
import type { AccountParts } from './provider-parts.js';
import type { ResponseSchemas } from './response-schema.js';
import type { SelectedOperation } from './select-operations.js';

/** One operation of the document, as a function spec and what a person must still look at. */
export interface ImportedFunction {
  name: string;
  /** `POST /messages`: how a re-import finds the function again. */
  operation: string;
  operationId?: string;
  spec: Node;
  /** Reasons the draft cannot ship yet; written into the file as `review:`. */
  review: string[];
  /** Things worth knowing that do not block it. */
  notes: string[];
}

export interface FunctionContext {
  doc: OpenApiDocument;
  account: AccountParts;
  responses: ResponseSchemas;
  serverName: string;
}

const WRITE_IDEMPOTENT = new Set(['PUT', 'DELETE']);

export function importFunction(ctx: FunctionContext, name: string, { path, method, item, op, itemFile, opFile }: SelectedOperation): ImportedFunction {
  const review: string[] = [];
  const notes: string[] = [];
  const note = (m: string) => void (notes.includes(m) || notes.push(m));
  const skipHeaders = new Set(Object.values(ctx.account.auth).flatMap((a) => (a.type === 'api_key' && a.in === 'header' ? [String(a.name).toLowerCase()] : [])));
  const input = operationInput({ doc: ctx.doc, note, review: (m) => void review.push(m), skipHeaders }, { item, itemFile, op, opFile }, method, path);
  const ownServers = [op.servers, item.servers].find((list) => Array.isArray(list) && list.length > 0) as Node[] | undefined;
  // Twilio's documents repeat the API's one server on every path item: that says nothing new.
  const providerUrl = String(ctx.account.servers[ctx.serverName]?.url ?? '');
  if (ownServers && !ownServers.every((s) => String(s.url ?? '').replace(/\/+$/, '') === providerUrl)) note(`the operation names its own server (${ownServers.map((s) => String(s.url)).join(', ')}); it is sent to the provider's '${ctx.serverName}' server: add a server and \`request.server\` if that is wrong.`);
  if (Array.isArray(op.security) && op.security.length === 0) note('the document says this operation needs no credentials; it is sent with the provider\'s auth like the others.');
  const summary = typeof op.summary === 'string' && op.summary.trim() ? oneParagraph(op.summary) : undefined;
  const about = typeof op.description === 'string' && op.description.trim() ? oneParagraph(op.description) : summary;
  const spec: Node = {
    name,
    title: summary && summary.length <= 60 ? summary.replace(/\.$/, '') : titleCase(name),
    description: about ?? `${method} ${path}.`,
    operation: method === 'GET' ? 'read' : 'write',
  };
  if (WRITE_IDEMPOTENT.has(method)) spec.idempotent = true;
  if (op.deprecated === true) spec.deprecated = { message: 'Deprecated in the OpenAPI document.' };
  const request: Node = { method, path: input.path };
  if (ctx.serverName !== 'default') request.server = ctx.serverName;
  if (input.body) request.body = input.body.encoding;
  spec.request = request;
  spec.parameters = Object.fromEntries(input.parameters.map((p) => [p.name, parameterSpec(p, method, input.path)]));

  const success = successResponse(ctx, op, opFile);
  if (success.undocumented) review.push('response: the document gives no success (2xx) response for this operation; it is taken as 200 with no body: set `response:` to what the provider answers.');
  // The status is written wherever it differs from what the loader assumes (200 with a schema, 204 without).
  const response: Node = {};
  if (success.schema || success.file ? success.status !== 200 : success.status !== 204) response.status = success.status;
  if (success.schema) response.schema = success.schema;
  if (success.file) {
    response.body = 'file';
    if (success.file.contentType !== null) response.content_type = success.file.contentType;
    review.push(`examples: the document has no file to show as this download's answer, so the example answers with a 4-byte placeholder (${success.file.contentType ?? 'application/octet-stream'}); replace it with a small real file, and its filename if the provider sends one.`);
  }
  spec.response = response;
  const paging = guessPagination(input.parameters, success.schema, ctx.responses.named);
  if (paging && 'pagination' in paging) spec.pagination = paging.pagination;
  if (paging && 'review' in paging) review.push(`pagination: ${paging.review}`);

  const example = buildExample(ctx, input.parameters, input.body, method, input.path, success, summary ?? titleCase(name));
  const unsafe = example ? unsafeIntegerPaths({ arguments: example.arguments, response: (example.response as Node).body }) : [];
  if (unsafe.length > 0) review.push(`examples: the document's example holds integers beyond ±2^53 (${unsafe.join(', ')}), which the parse has rounded and a spec cannot hold; write them as the provider sends them (a string, if the API takes and gives them as strings), or replace the example.`);
  if (example) spec.examples = [example];
  else review.push('examples: the document gives no complete example for this operation; write one with the request the provider documents for it and the response it returns.');
  return { name, operation: `${method} ${path}`, ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}), spec, review, notes };
}

/** The spec's name for an operation: its operationId in snake_case, else the method and path. */
export function functionName(method: string, path: string, op: Node): string {
  if (typeof op.operationId === 'string' && op.operationId.trim()) return snakeCase(op.operationId);
  return snakeCase(`${method} ${path.replace(/\{([^}]+)\}/g, 'by $1')}`);
}

function parameterSpec(p: ImportedParameter, method: string, path: string): SpecSchema {
  const { description, required, deprecated, ...shape } = p.spec;
  const out: SpecSchema = { ...shape, description };
  if (required) out.required = true;
  const defaultIn = path.includes(`{${p.name}}`) ? 'path' : method === 'GET' || method === 'DELETE' ? 'query' : 'body';
  if (p.location !== defaultIn) out.in = p.location;
  if (p.wire !== p.name && p.location !== 'path') out.wire = p.wire;
  if (deprecated) out.deprecated = deprecated;
  return out;
}

interface Success {
  status: number;
  /** The document names no 2xx response: the status is a placeholder. */
  undocumented?: boolean;
  schema?: Node;
  example?: { value: unknown; title?: string };
  /** The answer is a file (a binary or non-JSON media type): its one documented media type, or null for several or a range (`audio/*`). */
  file?: { contentType: string | null };
}

function successResponse(ctx: FunctionContext, op: Node, opFile: string): Success {
  const responses = isNode(op.responses) ? op.responses : {};
  const codes = Object.keys(responses).filter((c) => /^2(\d\d|XX)$/i.test(c)).sort();
  const code = codes[0];
  if (!code) return { status: 200, undocumented: true };
  const status = /XX/i.test(code) ? 200 : Number(code);
  const { node, file } = ctx.doc.resolve(responses[code], opFile);
  const content = isNode(node.content) ? node.content : {};
  const type = Object.keys(content).find((t) => /^application\/(.+\+)?json\b/i.test(t) || t === '*/*');
  const files = type === undefined && status !== 204 ? Object.keys(content).filter((t) => isFileMedia(t, content[t] as Node)) : [];
  if (files.length > 0) return { status, file: { contentType: files.length === 1 && MEDIA_TYPE.test(files[0]!) && !files[0]!.includes('*') ? files[0]! : null } };
  if (!type || status === 204) return { status: type ? status : status === 200 ? 204 : status };
  const media = content[type] as Node;
  if (media.schema === undefined) return { status };
  const schema = ctx.responses.convert(media.schema, file);
  const example = mediaExample(ctx.doc, media, file) ?? exampleFromSchema(ctx.doc, media.schema, file);
  return { status, schema, ...(example ? { example } : {}) };
}

const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Whether a success media type is a file to download: bytes by its schema (`format: binary`, a 3.1
 * `contentMediaType`), or a type that is neither JSON nor plain text (a PDF, an image, a CSV export).
 */
function isFileMedia(type: string, media: Node): boolean {
  const schema = isNode(media?.schema) ? media.schema : {};
  if (schema.format === 'binary' || typeof schema.contentMediaType === 'string') return true;
  return !/^text\/plain\b/i.test(type) && !/json/i.test(type);
}

function buildExample(ctx: FunctionContext, parameters: ImportedParameter[], body: { encoding: 'json' | 'form' | 'multipart' | 'binary'; example?: { value: unknown } } | undefined, method: string, path: string, success: Success, title: string): Node | undefined {
  if (success.schema && !success.example) return undefined;
  const args: Record<string, unknown> = {};
  const bodyExample = body?.example && isNode(body.example.value) ? (body.example.value as Node) : undefined;
  for (const p of parameters) {
    // A document's body example has no file bytes (at most a name): a file takes its placeholder.
    const isFile = p.spec.type === 'file' || (p.spec.items as { type?: string } | undefined)?.type === 'file';
    const value = p.location === 'body' && bodyExample && !isFile ? bodyExample[p.wire] : p.example?.value ?? (p.spec.required ? p.fallbackExample?.value : undefined);
    if (value !== undefined) args[p.name] = value;
    else if (p.spec.required) return undefined;
  }
  const serverUrl = exampleServerUrl(ctx);
  const credential = ctx.account.credentials[ctx.account.serverAuth[ctx.serverName] ?? ''];
  const request = documentedRequest({ method, serverUrl, path, parameters, args, ...(body ? { encoding: body.encoding } : {}), credential });
  return {
    title: success.example?.title ?? title,
    arguments: args,
    request: { method: request.method, url: request.url, ...(Object.keys(request.headers).length ? { headers: request.headers } : {}), ...(request.body !== undefined ? { body: request.body } : {}) },
    response: { status: success.status, ...(success.file ? { body: placeholderFile(success.file.contentType) } : success.example ? { body: success.example.value } : {}) },
  };
}

function exampleServerUrl(ctx: FunctionContext): string {
  const url = String(ctx.account.servers[ctx.serverName]?.url ?? '');
  return url.replace(/\{([a-z0-9_]+)\}/g, (whole, key: string) => String(ctx.account.fields[key]?.example ?? whole));
}

/** A download's example answer when the document shows none: four marked bytes, for the author to replace (a review item says so). */
function placeholderFile(contentType: string | null): Node {
  return { content_type: contentType ?? 'application/octet-stream', content_base64: 'AAECAw==' };
}
