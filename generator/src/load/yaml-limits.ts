/**
 * Limits a parsed YAML document must respect before it is turned into data: aliases may not
 * multiply it past MAX_ALIAS_EXPANSION values (a "billion laughs" file is a few hundred bytes
 * that expand to billions of values) or refer to the value that contains them, and no string may
 * be longer than MAX_STRING_CHARS, and no integer may lie beyond what a JavaScript number holds. Each problem carries the offset of the node at fault.
 */
import type { Alias, Document, Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';

/** Values aliases may add to one file in all; specs today use no aliases at all. */
export const MAX_ALIAS_EXPANSION = 10_000;
/** The longest string in the specs today is under 500 characters. */
export const MAX_STRING_CHARS = 16_384;

export interface LimitProblem {
  offset: number;
  message: string;
}

const count = (n: number) => n.toLocaleString('en-US');

export function checkYamlLimits(doc: Document): LimitProblem[] {
  const { visit } = yamlLib();
  const problems: LimitProblem[] = [];
  let hasAlias = false;
  visit(doc, {
    Alias() {
      hasAlias = true;
    },
    Scalar(_, node) {
      const unsafe = unsafeInteger(node);
      if (unsafe) problems.push({ offset: node.range?.[0] ?? 0, message: unsafe });
      if (typeof node.value === 'string' && node.value.length > MAX_STRING_CHARS) {
        problems.push({
          offset: node.range?.[0] ?? 0,
          message: `this string is ${count(node.value.length)} characters; strings in specs are limited to ${count(MAX_STRING_CHARS)} characters.`,
        });
      }
    },
  });
  // Most spec files have no alias at all: then there is nothing to measure, and no second walk.
  const aliasProblem = hasAlias ? checkAliases(doc) : null;
  if (aliasProblem) problems.push(aliasProblem);
  return problems;
}

/**
 * An integer written in a spec that a JavaScript number cannot hold (beyond ±(2^53 − 1)): YAML
 * parsing would silently turn `9007199254740993` into 9007199254740992, so generated mocks, docs
 * and example checks would carry a value the spec does not say. APIs with 64-bit ids send them as
 * strings for this reason; the spec must too.
 */
function unsafeInteger(node: { value: unknown; source?: unknown }): string | null {
  if (typeof node.value !== 'number' || Number.isSafeInteger(node.value)) return null;
  const written = typeof node.source === 'string' ? node.source.trim() : '';
  if (!/^[-+]?[0-9][0-9_]*$/.test(written)) return null;
  return `the integer ${written} is beyond what a JavaScript number holds exactly (±9007199254740991) and would become ${BigInt(node.value)}; write it as a string ("${written}") and type it as a string, as APIs with 64-bit ids send them.`;
}

/** The first alias at which the values aliases add pass the limit, or that refers to its own container. */
function checkAliases(doc: Document): LimitProblem | null {
  const { isAlias, isCollection, isPair, isScalar, visit } = yamlLib();
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let cycle: Alias | null = null;

  // Values a node stands for once every alias in it is written out.
  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) {
      const target = node.resolve(doc) as Node | undefined;
      if (!target) return 1;
      if (open.has(target)) {
        cycle ??= node;
        return Infinity;
      }
      return sizeOf(target);
    }
    if (isPair(node)) return sizeOf(node.key) + sizeOf(node.value);
    if (!isCollection(node)) return isScalar(node) ? 1 : 0;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    open.add(node);
    let total = 1;
    for (const item of node.items) total += sizeOf(item);
    open.delete(node);
    sizes.set(node, total);
    return total;
  };

  let added = 0;
  let problem: LimitProblem | null = null;
  // Document order: an anchor comes before its aliases, so each alias finds its target measured.
  visit(doc, {
    Alias(_, alias) {
      added += sizeOf(alias);
      if (cycle) {
        problem = { offset: cycle.range?.[0] ?? 0, message: `alias *${cycle.source} refers to the value that contains it, which would never end.` };
        return visit.BREAK;
      }
      if (added > MAX_ALIAS_EXPANSION) {
        problem = {
          offset: alias.range?.[0] ?? 0,
          message: `YAML aliases in this file expand to more than ${count(MAX_ALIAS_EXPANSION)} values (a "billion laughs" document); write the values out instead.`,
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return problem;
}
