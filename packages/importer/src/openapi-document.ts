import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/** A JSON value from an OpenAPI document, as plain data. */
export type Node = Record<string, unknown>;

/** Why a document cannot be imported, said for a person (never with a stack trace). */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** A node reached through `$ref`s, with the file its own refs resolve against and the component it was named as. */
export interface Resolved {
  node: Node;
  file: string;
  /** `Pet` for `#/components/schemas/Pet` (the last ref on the way), else undefined. */
  componentName?: string;
}

/**
 * An OpenAPI document and every local file its `$ref`s reach, parsed once each.
 * Refs resolve against the file they are written in, as JSON Reference says.
 */
export class OpenApiDocument {
  private readonly files = new Map<string, unknown>();

  constructor(
    readonly root: Node,
    readonly rootFile: string,
  ) {
    this.files.set(rootFile, root);
    const version = typeof root.openapi === 'string' ? root.openapi : undefined;
    if (!version || !/^3\.[01]\./.test(version)) {
      const found = typeof root.swagger === 'string' ? `Swagger ${root.swagger}` : version ? `openapi ${version}` : 'no `openapi` version';
      throw new ImportError(`${rootFile}: only OpenAPI 3.0 and 3.1 documents can be imported; found ${found}.`);
    }
    if (!isNode(root.paths)) throw new ImportError(`${rootFile}: the document has no 'paths'.`);
  }

  static fromFile(path: string): OpenApiDocument {
    const file = resolve(path);
    return new OpenApiDocument(asDocument(readDocumentFile(file), file), file);
  }

  /** Follow `$ref`s from `node` (written in `file`) to the value they name. */
  resolve(node: unknown, file: string): Resolved {
    let current: unknown = node;
    let at = file;
    let componentName: string | undefined;
    for (let hops = 0; isNode(current) && typeof current.$ref === 'string'; hops++) {
      if (hops > 64) throw new ImportError(`${at}: '$ref' ${current.$ref} loops through other refs.`);
      const [target, targetFile] = this.lookup(current.$ref, at);
      const name = /#\/components\/[^/]+\/([^/]+)$/.exec(current.$ref)?.[1] ?? /^[^#]*#\/([^/]+)$/.exec(current.$ref)?.[1];
      if (name) componentName = decodePointer(name);
      current = target;
      at = targetFile;
    }
    return { node: isNode(current) ? current : {}, file: at, ...(componentName ? { componentName } : {}) };
  }

  /**
   * `value` (written in `file`) with every `$ref` in it made to name its file absolutely, so
   * that it means the same when moved into a node of another file (an `allOf` member's
   * properties merged into the schema that lists it). Values without refs are returned as they are.
   */
  rebased(value: unknown, file: string): unknown {
    if (Array.isArray(value)) {
      const items = value.map((v) => this.rebased(v, file));
      return items.some((v, i) => v !== value[i]) ? items : value;
    }
    if (!isNode(value)) return value;
    let out: Node | undefined;
    for (const [key, member] of Object.entries(value)) {
      const moved = key === '$ref' && typeof member === 'string' ? absoluteRef(member, file) : this.rebased(member, file);
      if (moved !== member) (out ??= { ...value })[key] = moved;
    }
    return out ?? value;
  }

  private lookup(ref: string, from: string): [unknown, string] {
    const { file, fragment } = refParts(ref, from);
    if (file === null) throw new ImportError(`${from}: '$ref' ${ref} points outside the local files; download it and refer to the copy.`);
    const pointer = fragment.slice(1);
    let doc = this.files.get(file);
    if (doc === undefined) {
      doc = readDocumentFile(file, from, ref);
      this.files.set(file, doc);
    }
    let value: unknown = doc;
    for (const part of pointer.split('/').slice(1).map(decodePointer)) {
      value = isNode(value) || Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
      if (value === undefined) throw new ImportError(`${from}: '$ref' ${ref} names nothing in ${file}.`);
    }
    return [value, file];
  }
}

/** A `$ref` written in `from` as the file it names (absolute; null for a URL) and its `#…` fragment ('' for none). */
function refParts(ref: string, from: string): { file: string | null; fragment: string } {
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash);
  if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) return { file: null, fragment };
  return { file: filePart === '' ? from : resolve(dirname(from), decodeURI(filePart)), fragment };
}

function absoluteRef(ref: string, from: string): string {
  const { file, fragment } = refParts(ref, from);
  return file === null ? ref : `${encodeURI(file)}${fragment}`;
}

function decodePointer(part: string): string {
  return decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
}

function readDocumentFile(file: string, from?: string, ref?: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ImportError(from ? `${from}: '$ref' ${ref} names a file that cannot be read: ${file}.` : `cannot read ${file}.`);
  }
  try {
    // JSON is YAML; one parser reads both. Aliases are allowed: large documents share nodes with them.
    return parse(text, { maxAliasCount: -1, intAsBigInt: false });
  } catch (error) {
    throw new ImportError(`${file}: not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

function asDocument(value: unknown, file: string): Node {
  if (!isNode(value)) throw new ImportError(`${file}: an OpenAPI document is an object at its top level.`);
  return value;
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
