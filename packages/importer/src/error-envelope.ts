import { exampleFromSchema, mediaExample } from './example-values.js';
import { isNode, type Node, type OpenApiDocument } from './openapi-document.js';
import { flatten } from './schema-shape.js';

/** Where providers commonly put the message and code of an error body, most specific first. */
const MESSAGE_PATHS = ['errors.0.detail', 'errors.0.message', 'error.message', 'message', 'detail', 'error_message', 'error_description', 'error', 'title'];
const CODE_PATHS = ['errors.0.code', 'error.code', 'code', 'error_code'];

export interface ErrorEnvelope {
  errors: Node;
  review?: string;
}

/**
 * The provider's error envelope from the first error response of the imported operations
 * that describes a JSON body. A documented example is taken as it is; a body made up from
 * the schema is marked for review, since mocks and contract tests replay it as real.
 */
export function errorEnvelope(doc: OpenApiDocument, operations: ReadonlyArray<{ op: Node; opFile: string }>): ErrorEnvelope {
  for (const { op, opFile } of operations) {
    const responses = isNode(op.responses) ? op.responses : {};
    for (const code of Object.keys(responses).filter((c) => /^[45]/.test(c) || c === 'default').sort()) {
      const { node, file } = doc.resolve(responses[code], opFile);
      const media = isNode(node.content) ? (Object.entries(node.content).find(([t]) => /json/i.test(t))?.[1] as Node | undefined) : undefined;
      if (!media || media.schema === undefined) continue;
      const documented = mediaExample(doc, media, file) ?? exampleFromSchema(doc, media.schema, file);
      // A path must also find its value in the example: the loader reads the example with the paths, as the runtime reads a live error.
      const inExample = (path: string) => documented === undefined || valueFoundAt(documented.value, path);
      const message = MESSAGE_PATHS.find((path) => hasStringAt(doc, media.schema, file, path) && inExample(path));
      if (!message) continue;
      const codePath = CODE_PATHS.find((path) => path !== message && hasStringAt(doc, media.schema, file, path) && inExample(path));
      const status = /^\d{3}$/.test(code) ? Number(code) : 400;
      const madeUp: Array<[path: string, text: string]> = [[message, 'An error message.']];
      if (codePath) madeUp.push([codePath, 'error_code']);
      const body = documented?.value ?? madeUpBody(madeUp);
      const errors: Node = { message: [message], ...(codePath ? { code: [codePath] } : {}), example: { status, body } };
      return documented ? { errors } : { errors, review: `errors: the document shows no error body, so the example error was made up from the ${code} response's schema; replace it with a real one.` };
    }
  }
  return {
    errors: { message: ['message'], example: { status: 404, body: { message: 'Not found' } } },
    review: "errors: the document describes no JSON error body; say where the provider puts its error message and paste a real error response as the example.",
  };
}

function hasStringAt(doc: OpenApiDocument, schema: unknown, file: string, path: string): boolean {
  let current = flatten(doc, schema, file);
  for (const part of path.split('.')) {
    const node = current.schema;
    if (part === '0') {
      if (node.items === undefined) return false;
      current = flatten(doc, node.items, current.file);
      continue;
    }
    const properties = isNode(node.properties) ? node.properties : undefined;
    if (!properties || properties[part] === undefined) return false;
    current = flatten(doc, properties[part], current.file);
  }
  const type = current.schema.type;
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}

/** Whether a non-empty value is at the dotted path, as the runtime's error reading finds one (numeric parts index arrays). */
function valueFoundAt(body: unknown, path: string): boolean {
  let node = body;
  for (const part of path.split('.')) {
    if (Array.isArray(node) && /^\d+$/.test(part)) node = node[Number(part)];
    else if (node !== null && typeof node === 'object' && Object.hasOwn(node, part)) node = (node as Record<string, unknown>)[part];
    else return false;
  }
  return node !== undefined && node !== null && node !== '';
}

/** A body holding each text at its dotted path (`errors.0.detail`, `errors.0.code` → `{ errors: [{ detail, code }] }`). */
function madeUpBody(entries: Array<[path: string, text: string]>): unknown {
  let body: unknown;
  for (const [path, text] of entries) body = setAt(body, path.split('.'), text);
  return body;
}

function setAt(node: unknown, parts: string[], text: string): unknown {
  const [part, ...rest] = parts;
  if (part === undefined) return text;
  if (/^\d+$/.test(part)) {
    const list = Array.isArray(node) ? [...node] : [];
    list[Number(part)] = setAt(list[Number(part)], rest, text);
    return list;
  }
  const object = node !== null && typeof node === 'object' && !Array.isArray(node) ? { ...(node as Record<string, unknown>) } : {};
  object[part] = setAt(object[part], rest, text);
  return object;
}
