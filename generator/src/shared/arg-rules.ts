import type { ArgsRule, ArrayRule, NumberRule, ObjectRule, StringRule, ValueRule } from '@switchboard/runtime';
import type { Parameter, SingleValueSchema, ValueSchema } from '../model.js';

/**
 * The argument rules a client carries as data (the runtime's `ArgsRule`):
 * the model's value schemas in the JSON Schema keywords the runtime's
 * interpreter reads, with only what affects checking (no descriptions, no
 * defaults, no absent keywords) and formats kept as names, so messages can
 * say "an E.164 phone number" rather than quote a pattern.
 */
export function argsRule(parameters: Parameter[]): ArgsRule {
  const required = parameters.filter((p) => p.required).map((p) => p.name);
  const properties = Object.fromEntries(parameters.map((p) => [p.name, valueRule(p.schema)]));
  return required.length > 0 ? { properties, required } : { properties };
}

export function valueRule(schema: ValueSchema): ValueRule {
  const rule: ValueRule = schema.kind !== 'union' ? singleRule(schema) : schema.discriminator === null ? { anyOf: schema.members.map(singleRule) } : { anyOf: schema.members.map(singleRule), discriminator: schema.discriminator };
  if (schema.nullable) rule.nullable = true;
  return rule;
}

function singleRule(schema: SingleValueSchema): ValueRule {
  switch (schema.type) {
    case 'string': {
      const rule: StringRule = { type: 'string' };
      if (schema.enum) rule.enum = schema.enum.map(String);
      if (schema.minLength !== null) rule.minLength = schema.minLength;
      if (schema.maxLength !== null) rule.maxLength = schema.maxLength;
      if (schema.pattern !== null) rule.pattern = schema.pattern;
      if (schema.format !== null) rule.format = schema.format;
      return rule;
    }
    case 'integer':
    case 'number': {
      const rule: NumberRule = { type: schema.type };
      if (schema.enum) rule.enum = schema.enum.map(Number);
      if (schema.minimum !== null) rule.minimum = schema.minimum;
      if (schema.maximum !== null) rule.maximum = schema.maximum;
      return rule;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'file':
      return { type: 'file' };
    case 'array': {
      const rule: ArrayRule = { type: 'array' };
      if (schema.items) rule.items = valueRule(schema.items);
      if (schema.minItems !== null) rule.minItems = schema.minItems;
      if (schema.maxItems !== null) rule.maxItems = schema.maxItems;
      return rule;
    }
    case 'object': {
      const rule: ObjectRule = { type: 'object' };
      if (schema.properties) {
        rule.properties = Object.fromEntries(schema.properties.map((p) => [p.name, valueRule(p.schema)]));
        const required = schema.properties.filter((p) => p.required).map((p) => p.name);
        if (required.length > 0) rule.required = required;
      }
      // Absent means "other keys allowed", as in JSON Schema.
      if (schema.additionalProperties === false) rule.additionalProperties = false;
      else if (schema.additionalProperties !== true) rule.additionalProperties = valueRule(schema.additionalProperties);
      return rule;
    }
  }
}
