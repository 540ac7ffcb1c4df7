import type { ArgsRule, ArrayRule, ObjectRule, UnionRule, ValueRule } from '@switchboard/runtime';
import type { Parameter, ValueSchema } from '../../model.js';
import { Documented } from '../render/js-literal.js';

const documented = (doc: string | null, value: unknown): unknown => (doc ? new Documented(doc, value) : value);

/** A parameter's doc: its description, the value sent when it is omitted, and what to use instead when it is deprecated. */
export const parameterDoc = (p: Parameter): string =>
  [p.schema.description, p.sentWhenOmitted ? `Sent as ${JSON.stringify(p.sentWhenOmitted.value)} when omitted.` : null, p.deprecated ? `@deprecated ${p.deprecated}` : null].filter(Boolean).join(' ');

/**
 * `args` (the rule built from `parameters`) with every parameter and every object property
 * documented where its schema has a description: the docs the written-out parameter types had,
 * in the same places.
 */
export function documentedArgs(parameters: readonly Parameter[], args: ArgsRule): unknown {
  const properties = Object.fromEntries(parameters.map((p) => [p.name, documented(parameterDoc(p), documentedRule(p.schema, args.properties[p.name]!))]));
  return { ...args, properties };
}

function documentedRule(schema: ValueSchema, rule: ValueRule): unknown {
  if (schema.kind === 'union') {
    const members = (rule as UnionRule).anyOf;
    return { ...rule, anyOf: schema.members.map((member, i) => documentedRule(member, members[i]!)) };
  }
  if (schema.type === 'array') {
    const items = (rule as ArrayRule).items;
    return schema.items && items ? { ...rule, items: documentedRule(schema.items, items) } : rule;
  }
  if (schema.type !== 'object') return rule;
  const object = rule as ObjectRule;
  const out: Record<string, unknown> = { ...object };
  const ruleProperties = object.properties;
  if (schema.properties && ruleProperties) {
    out.properties = Object.fromEntries(schema.properties.map((p) => [p.name, documented(p.schema.description, documentedRule(p.schema, ruleProperties[p.name]!))]));
  }
  if (typeof schema.additionalProperties === 'object' && object.additionalProperties) out.additionalProperties = documentedRule(schema.additionalProperties, object.additionalProperties);
  return out;
}

