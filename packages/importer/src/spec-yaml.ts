import { Document, isMap, isScalar, isSeq, parse, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { isNode, type Node } from './openapi-document.js';

export const FUNCTION_SCHEMA_COMMENT = 'yaml-language-server: $schema=../../generator/schema/function.schema.json';
export const PROVIDER_SCHEMA_COMMENT = 'yaml-language-server: $schema=../../generator/schema/provider.schema.json';

const WRITE = { lineWidth: 0, indentSeq: true } as const;

/**
 * A spec file's text: the editor schema comment, then the keys in the order given. The same
 * value always gives the same bytes (no dates, no paths, no line folding that depends on
 * anything but the text).
 */
export function specYaml(kind: 'provider' | 'function', value: Node, about?: string): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = header(kind, about);
  return doc.toString(WRITE);
}

/**
 * `existing` (a file an import wrote, perhaps edited since) changed in place to hold `value`:
 * nodes whose value stays keep their comments and style, a changed value keeps the comments
 * on it, keys follow `value`'s order, and the header's schema and "Imported from" lines
 * are renewed while lines a person added to it stay. Text that is not a YAML mapping is
 * written afresh.
 */
export function updateSpecYaml(kind: 'provider' | 'function', existing: string, value: Node, about?: string): string {
  const doc = parseDocument(existing);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return specYaml(kind, value, about);
  syncMap(doc, doc.contents, value);
  const own = (doc.commentBefore ?? '').split('\n').filter((line) => !/^ ?(yaml-language-server: |Imported from )/.test(line));
  doc.commentBefore = [header(kind, about), ...own.filter((line) => line.trim() !== '')].join('\n');
  return doc.toString(WRITE);
}

function header(kind: 'provider' | 'function', about?: string): string {
  return [kind === 'provider' ? PROVIDER_SCHEMA_COMMENT : FUNCTION_SCHEMA_COMMENT, ...(about ? [about] : [])].map((line) => ` ${line}`).join('\n');
}

function syncMap(doc: Document, map: YamlNode & { items: Pair[] }, value: Node): void {
  const pairs = new Map<string, Pair>();
  for (const pair of map.items) pairs.set(String(isScalar(pair.key) ? pair.key.value : pair.key), pair);
  map.items = Object.entries(value).map(([key, v]) => {
    const pair = pairs.get(key);
    if (!pair) return doc.createPair(key, v, { aliasDuplicateObjects: false }) as Pair;
    pair.value = syncValue(doc, pair.value as YamlNode | null, v);
    return pair;
  });
}

function syncValue(doc: Document, node: YamlNode | null, value: unknown): YamlNode {
  if (node && isMap(node) && isNode(value)) {
    syncMap(doc, node as YamlNode & { items: Pair[] }, value);
    return node;
  }
  if (node && isSeq(node) && Array.isArray(value)) {
    node.items = value.map((v, i) => syncValue(doc, (node.items[i] as YamlNode | undefined) ?? null, v));
    return node;
  }
  if (node && isScalar(node) && node.value === value) return node;
  const fresh = doc.createNode(value, { aliasDuplicateObjects: false }) as YamlNode;
  if (node) {
    // The comments a person put on the old value belong to the key, whatever its new value.
    if (node.commentBefore) fresh.commentBefore = node.commentBefore;
    if (node.comment) fresh.comment = node.comment;
  }
  return fresh;
}

/** A spec file read back as data (for re-import); undefined when it is not a YAML mapping. */
export function readSpecYaml(text: string): Node | undefined {
  try {
    const value: unknown = parse(text);
    return isNode(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
