import { snakeCase } from './names.js';
import { ImportError, isNode, type Node, type OpenApiDocument } from './openapi-document.js';

export interface Selection {
  /** operationIds (or their snake_case function names) to import; all when absent. */
  operations?: string[];
  /** Only operations carrying this tag. */
  tag?: string;
  /** Only operations whose path starts with this. */
  pathPrefix?: string;
}

export interface SelectedOperation {
  path: string;
  method: string;
  item: Node;
  op: Node;
  /** The files the path item's and the operation's own `$ref`s resolve against (they may live in files of their own). */
  itemFile: string;
  opFile: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const UNSUPPORTED = ['head', 'options', 'trace'];

/** The document's operations in its own order, narrowed by the options; unknown ids are an error. */
export function selectOperations(doc: OpenApiDocument, selection: Selection): { selected: SelectedOperation[]; skipped: Array<{ operation: string; reason: string }> } {
  const selected: SelectedOperation[] = [];
  const skipped: Array<{ operation: string; reason: string }> = [];
  const wanted = selection.operations ? new Set(selection.operations) : undefined;
  const found = new Set<string>();
  for (const [path, rawItem] of Object.entries(doc.root.paths as Node)) {
    const { node: item, file: itemFile } = doc.resolve(rawItem, doc.rootFile);
    for (const [key, rawOp] of Object.entries(item)) {
      const method = key.toLowerCase();
      if (!isNode(rawOp)) continue;
      // Some documents (DigitalOcean's) keep each operation in a file of its own, behind a `$ref`.
      const { node: op, file: opFile } = METHODS.includes(method) ? doc.resolve(rawOp, itemFile) : { node: rawOp, file: itemFile };
      if (UNSUPPORTED.includes(method)) {
        skipped.push({ operation: `${method.toUpperCase()} ${path}`, reason: 'the format sends GET, POST, PUT, PATCH and DELETE only' });
        continue;
      }
      if (!METHODS.includes(method)) continue;
      const id = typeof op.operationId === 'string' ? op.operationId : undefined;
      if (wanted) {
        const match = [id, id ? snakeCase(id) : undefined].find((n) => n !== undefined && wanted.has(n));
        if (!match) continue;
        found.add(match);
      }
      if (selection.tag !== undefined && !(Array.isArray(op.tags) && op.tags.includes(selection.tag))) continue;
      if (selection.pathPrefix !== undefined && !path.startsWith(selection.pathPrefix)) continue;
      selected.push({ path, method: method.toUpperCase(), item, op, itemFile, opFile });
    }
  }
  const missing = wanted ? [...wanted].filter((w) => !found.has(w)) : [];
  if (missing.length > 0) throw new ImportError(`no operation ${missing.map((m) => `'${m}'`).join(', ')} in the document; --operations takes operationIds (or their snake_case form).`);
  if (selected.length === 0) throw new ImportError('no operation of the document matches the selection (--operations, --tag, --path-prefix).');
  return { selected, skipped };
}
