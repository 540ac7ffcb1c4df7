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
export function errorEnvelope(doc: OpenApiDocument, operations: Node[]): ErrorEnvelope {
  for (const op of operations) {
    const responses = isNode(op.responses) ? op.responses : {};
    for (const code of Object.keys(responses).filter((c) => /^[45]/.test(c) || c === 'default').sort()) {
      const { node, file } = doc.resolve(responses[code], doc.rootFile);
      const media = isNode(node.content) ? (Object.entries(node.content).find(([t]) => /json/i.test(t))?.[1] as Node | undefined) : undefined;
      if (!media || media.schema === undefined) continue;
      const message = MESSAGE_PATHS.find((path) => hasStringAt(doc, media.schema, file, path));
      if (!message) continue;
      const codePath = CODE_PATHS.find((path) => path !== message && hasStringAt(doc, media.schema, file, path));
      const status = /^\d{3}$/.test(code) ? Number(code) : 400;
      const documented = mediaExample(doc, media, file) ?? exampleFromSchema(doc, media.schema, file);
      const body = documented?.value ?? bodyAt(message, 'An error message.');
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

function bodyAt(path: string, text: string): unknown {
  return path.split('.').reduceRight<unknown>((inner, part) => (part === '0' ? [inner] : { [part]: inner }), text);
}
