import { snakeCase, unique } from './names.js';
import { isNode, type Node, type OpenApiDocument } from './openapi-document.js';
import { describedAs, parameterSchema, type ParameterSchemaContext, type SpecSchema } from './parameter-schema.js';
import { flatten, ownExample } from './schema-shape.js';

/** One imported parameter: its spec, where it goes on the wire, and the document's example for it. */
export interface ImportedParameter {
  name: string;
  location: 'path' | 'query' | 'header' | 'body';
  wire: string;
  spec: SpecSchema;
  example?: { value: unknown };
  /** The schema's example: used only where a required value has no example of its own. */
  fallbackExample?: { value: unknown };
}

export interface BodyShape {
  /** `binary`: the body is one file's bytes, the `file` parameter. */
  encoding: 'json' | 'form' | 'multipart' | 'binary';
  /** The body's own documented example, keyed by wire name. */
  example?: { value: unknown };
}

export interface OperationInput {
  parameters: ImportedParameter[];
  body?: BodyShape;
  /** The path with `{placeholders}` renamed to parameter names. */
  path: string;
}

const SKIPPED_HEADERS = new Set(['authorization', 'content-type', 'accept', 'content-length']);

/**
 * Path, query and header parameters, then the body's members, as spec parameters with
 * snake_case names and the document's names as `wire`. deepObject query objects
 * (`filter[status]`) become one parameter per member, the way their wire names read.
 */
export function operationInput(ctx: ParameterSchemaContext & { review: (m: string) => void; skipHeaders: Set<string> }, { item, itemFile, op, opFile }: { item: Node; itemFile: string; op: Node; opFile: string }, method: string, path: string): OperationInput {
  const taken = new Set<string>();
  const parameters: ImportedParameter[] = [];
  const declared = new Map<string, { node: Node; file: string }>();
  for (const [list, file] of [[item.parameters, itemFile], [op.parameters, opFile]] as const) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const { node, file: at } = ctx.doc.resolve(raw, file);
      declared.set(`${String(node.in)}:${String(node.name)}`, { node, file: at });
    }
  }
  let renamedPath = path;
  const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const ordered = [...declared.values()].sort((a, b) => rank(a.node, pathNames) - rank(b.node, pathNames));
  for (const { node, file: at } of ordered) {
    const wire = String(node.name);
    const where = `parameter '${wire}'`;
    const location = node.in;
    if (location === 'cookie') {
      ctx.note(`${where} is a cookie, which the format cannot send; left out.`);
      continue;
    }
    if (location === 'header' && (SKIPPED_HEADERS.has(wire.toLowerCase()) || ctx.skipHeaders.has(wire.toLowerCase()))) continue;
    if (location !== 'path' && location !== 'query' && location !== 'header') continue;
    // A parameter with `content` instead of `schema` is serialized in that media type: for JSON,
    // JSON text, which the format's json_encode writes (Box's `mdfilters`); never exploded into members.
    const media = node.schema === undefined ? onlyMedia(node.content) : undefined;
    const schema = node.schema ?? media?.schema;
    const inJson = media !== undefined && /json/i.test(media.type);
    const flattened = flatten(ctx.doc, schema, at).schema;
    const isObject = !inJson && location === 'query' && isNode(flattened.properties) && (node.style === 'deepObject' || node.style === undefined || node.style === 'form');
    if (isObject) {
      for (const member of objectMembers(ctx, flattened, at, wire, node.style === 'deepObject', node.required === true)) {
        parameters.push({ ...member, name: unique(member.name, taken) });
      }
      continue;
    }
    const name = unique(snakeCase(wire), taken);
    const spec = parameterSchema(ctx, schema ?? { type: 'string' }, at, where);
    let asText = (value: unknown) => value;
    const jsonText = inJson && location !== 'path' && (spec.type === 'object' || spec.type === 'array');
    if (jsonText) spec.transform = 'json_encode';
    else if (location === 'header' && (spec.type === 'object' || spec.type === 'array' || spec.one_of)) {
      ctx.note(`${where}: a header holds one value; taken as a string.`);
      for (const key of Object.keys(spec)) delete spec[key];
      spec.type = 'string';
    } else if (location === 'header' && spec.type !== 'string') {
      // The format's headers are strings: a boolean or number header is the text it is sent as.
      const typed = spec.type;
      asText = (value) => (typeof value === 'boolean' || typeof value === 'number' ? String(value) : value);
      const values = Array.isArray(spec.enum) ? spec.enum.map(String) : typed === 'boolean' ? ['true', 'false'] : undefined;
      const fallback = spec.default;
      for (const key of Object.keys(spec)) delete spec[key];
      spec.type = 'string';
      if (values) spec.enum = values;
      else if (typed === 'integer') spec.pattern = '^-?[0-9]+$';
      if (fallback !== undefined) spec.default = String(fallback);
    }
    if (location === 'query' && spec.type === 'array' && !jsonText) spec.array_format = arrayFormat(ctx, spec, where, node.explode === false ? 'comma' : 'repeat');
    if (location === 'query' && (node.style === 'spaceDelimited' || node.style === 'pipeDelimited')) ctx.note(`${where}: style ${String(node.style)} is sent comma-separated; check the provider accepts it.`);
    const description = describedAs(ctx.doc, node, at) ?? describedAs(ctx.doc, schema, at);
    const out: SpecSchema = { ...spec, description: description ?? undescribed(ctx, wire) };
    if (node.required === true || location === 'path') out.required = true;
    if (node.deprecated === true) out.deprecated = 'Deprecated in the OpenAPI document.';
    if (location === 'path') renamedPath = renamedPath.split(`{${wire}}`).join(`{${name}}`);
    const example = ownExample(node);
    const fallback = example ? undefined : schemaExample(ctx, schema, at).fallbackExample;
    parameters.push({ name, location, wire, spec: out, ...(example ? { example: { value: asText(example.value) } } : {}), ...(fallback ? { fallbackExample: { value: asText(fallback.value) } } : {}) });
  }
  for (const missing of [...renamedPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).filter((p) => !parameters.some((q) => q.name === p && q.location === 'path'))) {
    const name = unique(snakeCase(missing), taken);
    renamedPath = renamedPath.split(`{${missing}}`).join(`{${name}}`);
    ctx.note(`path parameter '${missing}' is not declared; taken as a required string.`);
    parameters.push({ name, location: 'path', wire: missing, spec: { type: 'string', description: undescribed(ctx, missing), required: true } });
  }
  const body = method === 'GET' || method === 'DELETE' ? undefined : bodyParameters(ctx, op, opFile, taken, parameters);
  return { parameters, path: renamedPath, ...(body ? { body } : {}) };
}

function rank(node: Node, pathNames: string[]): number {
  if (node.in === 'path') return pathNames.indexOf(String(node.name));
  return 1000;
}

function objectMembers(ctx: ParameterSchemaContext & { review: (m: string) => void }, schema: Node, file: string, prefix: string, deep: boolean, parentRequired: boolean): ImportedParameter[] {
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const out: ImportedParameter[] = [];
  for (const [key, value] of Object.entries(schema.properties as Node)) {
    const wire = deep ? `${prefix}[${key}]` : key;
    const member = flatten(ctx.doc, value, file).schema;
    if (deep && isNode(member.properties) && !member.oneOf && !member.anyOf) {
      out.push(...objectMembers(ctx, member, file, wire, true, parentRequired && required.has(key)));
      continue;
    }
    const spec = parameterSchema(ctx, value, file, `parameter '${wire}'`);
    if (spec.type === 'object') {
      ctx.note(`parameter '${wire}': an object in the query; taken as free-form, check how the provider wants it sent.`);
    }
    if (spec.type === 'array') spec.array_format = arrayFormat(ctx, spec, `parameter '${wire}'`, 'repeat');
    const name = snakeCase(deep ? `${prefix}_${key}` : key);
    const description = describedAs(ctx.doc, value, file);
    out.push({
      name,
      location: 'query',
      wire,
      spec: { ...spec, description: description ?? undescribed(ctx, wire), ...(parentRequired && required.has(key) ? { required: true } : {}) },
      ...schemaExample(ctx, value, file),
    });
  }
  return out;
}

function bodyParameters(ctx: ParameterSchemaContext & { review: (m: string) => void }, op: Node, file: string, taken: Set<string>, parameters: ImportedParameter[]): BodyShape | undefined {
  if (op.requestBody === undefined) return undefined;
  const { node: body, file: at } = ctx.doc.resolve(op.requestBody, file);
  const content = isNode(body.content) ? body.content : {};
  const types = Object.keys(content);
  const jsonType = types.find((t) => /^application\/(.+\+)?json\b/i.test(t));
  const formType = types.find((t) => /^application\/x-www-form-urlencoded\b/i.test(t));
  const multipartType = types.find((t) => /^multipart\/form-data\b/i.test(t));
  // A multipart body when it is the only form the document gives, or the only one that carries its files.
  const uploads = multipartType !== undefined && hasFileMembers(ctx.doc, content[multipartType] as Node, at);
  const chosen = jsonType ?? (formType && !uploads ? formType : (multipartType ?? formType));
  if (!chosen) {
    const binaryType = types.find((t) => isFileBody(ctx.doc, t, content[t] as Node, at));
    if (binaryType !== undefined) return binaryBody(ctx, body, content[binaryType] as Node, binaryType, at, taken, parameters);
    if (types.length > 0) ctx.review(`the request body is ${types.join(' or ')}, which the format cannot send (JSON, URL-encoded forms, multipart/form-data and one file's bytes only); describe it by hand or mark the function unavailable.`);
    return undefined;
  }
  const encoding: BodyShape['encoding'] = chosen === jsonType ? 'json' : chosen === multipartType ? 'multipart' : 'form';
  const media = content[chosen] as Node;
  const { schema, file: schemaFile } = flatten(ctx.doc, media.schema, at);
  if (!isNode(schema.properties)) {
    if (media.schema !== undefined) ctx.review(`the request body is not an object with named members, which the format cannot send as parameters; describe it by hand.`);
    return { encoding };
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  for (const [wire, value] of Object.entries(schema.properties)) {
    const resolved = ctx.doc.resolve(value, schemaFile).node;
    if (resolved.readOnly === true) continue;
    const where = `body member '${wire}'`;
    let name = snakeCase(wire);
    if (taken.has(name)) name = `body_${name}`;
    name = unique(name, taken);
    const file = encoding === 'multipart' ? fileShape(ctx.doc, value, schemaFile) : null;
    if (file) {
      // Files have no example bytes in a document: a required one gets a placeholder, said so for review.
      const placeholder = { filename: `${wire.replace(/[^A-Za-z0-9._-]/g, '_')}.bin`, content_type: 'application/octet-stream', content_base64: 'AAECAw==' };
      const description = describedAs(ctx.doc, value, schemaFile);
      const out: SpecSchema = { ...(file === 'list' ? { type: 'array', items: { type: 'file' } } : { type: 'file' }), description: description ?? undescribed(ctx, wire) };
      if (required.has(wire)) {
        out.required = true;
        ctx.review(`${where} is a file; the example uploads a 4-byte placeholder (${placeholder.filename}): give it a real name, media type and content.`);
      }
      parameters.push({ name, location: 'body', wire, spec: out, fallbackExample: { value: file === 'list' ? [placeholder] : placeholder } });
      continue;
    }
    const spec = parameterSchema({ ...ctx, nullsSent: jsonType !== undefined }, value, schemaFile, where);
    // A form field the document encodes as JSON (`encoding: {field: {contentType: application/json}}`) is JSON text, as Mailgun's `t:variables` is.
    const fieldType = jsonType ? undefined : formFieldContentType(media, wire);
    const asJsonText = fieldType !== undefined && /json/i.test(fieldType) && (spec.type === 'object' || spec.type === 'array');
    if (asJsonText) spec.transform = 'json_encode';
    else if (!jsonType && spec.type === 'array') spec.array_format = arrayFormat(ctx, spec, where, 'repeat');
    const description = describedAs(ctx.doc, value, schemaFile);
    const out: SpecSchema = { ...spec, description: description ?? undescribed(ctx, wire) };
    if (required.has(wire)) out.required = true;
    if (resolved.deprecated === true) out.deprecated = 'Deprecated in the OpenAPI document.';
    const example = ownExample(resolved);
    parameters.push({ name, location: 'body', wire, spec: out, ...(example ? { example } : {}) });
  }
  const example = ownExample(media);
  return { encoding, ...(example ? { example } : {}) };
}

/**
 * Whether a request body of `type` is one file's bytes: a binary schema (`format: binary`, a 3.1
 * `contentMediaType`), or no schema at all, under any media type that is not text or structured
 * data (`application/octet-stream`, `image/png`, `*\/*`). XML and plain text are not files here.
 */
function isFileBody(doc: OpenApiDocument, type: string, media: Node, file: string): boolean {
  const { schema } = flatten(doc, isNode(media) ? media.schema : undefined, file);
  if (schema.type === 'string' && (schema.format === 'binary' || (typeof schema.contentMediaType === 'string' && schema.contentEncoding === undefined))) return true;
  const textual = /^text\/|json|xml|x-www-form-urlencoded|multipart\//i.test(type);
  return !textual && (!isNode(media) || media.schema === undefined || (schema.type === 'string' && schema.format !== 'byte'));
}

/**
 * A body that is one file (`request.body: binary`): one required `file` parameter, its example a
 * placeholder of the documented media type for the author to replace (said so for review).
 */
function binaryBody(ctx: ParameterSchemaContext & { review: (m: string) => void }, body: Node, media: Node, type: string, file: string, taken: Set<string>, parameters: ImportedParameter[]): BodyShape {
  const name = unique('file', taken);
  const concrete = /^[\w.+-]+\/[\w.+-]+$/.test(type) && !type.includes('*');
  const placeholder = { content_type: concrete ? type : 'application/octet-stream', content_base64: 'AAECAw==' };
  const description = describedAs(ctx.doc, body, file) ?? (isNode(media) ? describedAs(ctx.doc, media.schema, file) : undefined) ?? `The file to upload, sent as the whole request body (${type}).`;
  ctx.review(`the request body is one file (${type}); the example uploads a 4-byte placeholder: give it a real media type and content${concrete ? '' : ', and say in the description which media types the provider takes'}.`);
  parameters.push({ name, location: 'body', wire: name, spec: { type: 'file', required: true, description }, fallbackExample: { value: placeholder } });
  return { encoding: 'binary' };
}

/**
 * Whether a multipart member is a file (`format: binary`, or a 3.1 `contentMediaType` without a
 * text encoding), a list of files, or neither.
 */
function fileShape(doc: OpenApiDocument, schema: unknown, file: string): 'file' | 'list' | null {
  const { schema: node, file: at } = flatten(doc, schema, file);
  const isBinary = (n: Node) => n.type === 'string' && (n.format === 'binary' || (typeof n.contentMediaType === 'string' && n.contentEncoding === undefined));
  if (isBinary(node)) return 'file';
  if (node.type === 'array' && node.items !== undefined && isBinary(flatten(doc, node.items, at).schema)) return 'list';
  return null;
}

function hasFileMembers(doc: OpenApiDocument, media: Node, file: string): boolean {
  const { schema } = flatten(doc, media.schema, file);
  return isNode(schema.properties) && Object.values(schema.properties).some((member) => fileShape(doc, member, file) !== null);
}

/**
 * How a list goes into the query or a form body. A list of objects has no serialization OpenAPI
 * defines (form style leaves it undefined): it is written with indexes, the only way the format
 * carries one, and a person must check that the API reads it that way.
 */
function arrayFormat(ctx: { review: (m: string) => void }, spec: SpecSchema, where: string, scalars: 'comma' | 'repeat'): string {
  const items = (spec.items ?? {}) as SpecSchema;
  if (items.type !== 'object') return scalars;
  ctx.review(`${where} is a list of objects, which the document does not say how to send (OpenAPI defines no serialization for it); it is written \`array_format: indexed\` (${where.replace(/^[^']*'|'$/g, '')}[0][key]=value): keep that if the API reads it so, or take the parameter as a string if the API wants JSON text.`);
  return 'indexed';
}

/** A schema's own example, kept apart: it completes a required value, but does not put an optional one in an example. */
function schemaExample(ctx: ParameterSchemaContext, schema: unknown, file: string): { fallbackExample?: { value: unknown } } {
  if (schema === undefined) return {};
  const found = ownExample(ctx.doc.resolve(schema, file).node);
  return found ? { fallbackExample: found } : {};
}

/** The content type a form body's `encoding` gives one field, or undefined. */
function formFieldContentType(media: Node, field: string): string | undefined {
  const encoding = isNode(media.encoding) ? media.encoding[field] : undefined;
  return isNode(encoding) && typeof encoding.contentType === 'string' ? encoding.contentType : undefined;
}

/** The media type a parameter's `content` names (it holds exactly one) and its schema, or undefined. */
function onlyMedia(content: unknown): { type: string; schema: unknown } | undefined {
  if (!isNode(content)) return undefined;
  const [entry] = Object.entries(content);
  return entry === undefined ? undefined : { type: entry[0], schema: isNode(entry[1]) ? entry[1].schema : undefined };
}

function undescribed(ctx: ParameterSchemaContext, wire: string): string {
  ctx.note(`'${wire}' has no description in the document.`);
  return `${wire} (not described in the OpenAPI document).`;
}
