import { Document, parse } from 'yaml';
import { isNode, type Node } from './openapi-document.js';

export const FUNCTION_SCHEMA_COMMENT = 'yaml-language-server: $schema=../../generator/schema/function.schema.json';
export const PROVIDER_SCHEMA_COMMENT = 'yaml-language-server: $schema=../../generator/schema/provider.schema.json';

/**
 * A spec file's text: the editor schema comment, then the keys in the order given. The same
 * value always gives the same bytes (no dates, no paths, no line folding that depends on
 * anything but the text).
 */
export function specYaml(kind: 'provider' | 'function', value: Node, about?: string): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = [kind === 'provider' ? PROVIDER_SCHEMA_COMMENT : FUNCTION_SCHEMA_COMMENT, ...(about ? [about] : [])].map((line) => ` ${line}`).join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true });
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
