import { isNode, type Node } from './openapi-document.js';

/** What a three-way merge kept of a person's edits, and what it could not keep. */
export interface MergeOutcome {
  merged: Node;
  /** Edits kept although the document changed the same value: `parameters.to.description`. */
  keptOverDocument: string[];
  /** Edits whose value the document no longer has at all: merging would drop them. */
  lost: string[];
}

/**
 * Three-way merge of one spec file: `base` is what the last import wrote, `ours` the file as
 * a person left it, `theirs` what the document says now. A value the person left as imported
 * follows the document; a value the person changed stays. Parameters are matched by where
 * they go and their wire name, so a renamed parameter keeps its new name.
 */
export function mergeSpec(base: Node, ours: Node, theirs: Node): MergeOutcome {
  const outcome: MergeOutcome = { merged: {}, keptOverDocument: [], lost: [] };
  // Only function specs have parameters; a provider.yaml merges as it is.
  const keyed = (spec: Node): Node => ('parameters' in spec ? { ...spec, parameters: keyParameters(spec).keyed } : spec);
  const byWire = (spec: Node) => keyParameters(spec);
  const merged = merge3(keyed(base), keyed(ours), keyed(theirs), [], outcome) as Node;
  const names = { ...byWire(theirs).names, ...byWire(ours).names };
  if (isNode(merged.parameters)) merged.parameters = Object.fromEntries(Object.entries(merged.parameters).map(([identity, spec]) => [names[identity] ?? identity, spec]));
  outcome.merged = merged;
  return outcome;
}

/** Parameters keyed by `in:wire` (the same across renames), and each identity's current name. */
function keyParameters(spec: Node): { keyed: Node; names: Record<string, string> } {
  const parameters = isNode(spec.parameters) ? spec.parameters : {};
  const keyed: Node = {};
  const names: Record<string, string> = {};
  for (const [name, parameter] of Object.entries(parameters)) {
    const p = isNode(parameter) ? parameter : {};
    const identity = `${typeof p.in === 'string' ? p.in : '-'}:${typeof p.wire === 'string' ? p.wire : name}`;
    const { wire: _wire, ...rest } = p;
    keyed[identity] = typeof p.wire === 'string' && p.wire !== name ? { ...rest, wire: p.wire } : rest;
    names[identity] = name;
  }
  return { keyed, names };
}

function merge3(base: unknown, ours: unknown, theirs: unknown, path: string[], outcome: MergeOutcome): unknown {
  if (same(ours, base)) return theirs;
  if (same(theirs, base) || same(theirs, ours)) return ours;
  if (isNode(ours) && isNode(theirs) && (base === undefined || isNode(base))) {
    const b = (base ?? {}) as Node;
    const out: Node = {};
    const keys = [...Object.keys(ours), ...Object.keys(theirs).filter((k) => !(k in ours))];
    for (const key of keys) {
      const value = merge3(b[key], ours[key], theirs[key], [...path, key], outcome);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  const where = path.join('.').replace(/(^|\.)[a-z-]+:/g, '$1');
  if (theirs === undefined) outcome.lost.push(where);
  else outcome.keptOverDocument.push(where);
  return ours;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isNode(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  return value;
}
