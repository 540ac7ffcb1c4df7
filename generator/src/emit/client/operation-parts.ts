import type { StringFormat, ValueRule } from '@switchboard/runtime';
import type { Func, HttpBinding } from '../../model.js';
import { CodeReference } from '../escape/ts.js';
import { argsRule } from './arg-rules.js';

/** The runtime constant of each named format (`@switchboard/runtime` exports them by these names). */
const FORMAT_CONSTANTS = {
  e164: 'e164Format',
  'date-time': 'dateTimeFormat',
  date: 'dateFormat',
  uri: 'uriFormat',
  email: 'emailFormat',
  uuid: 'uuidFormat',
} satisfies Record<StringFormat, string>;

/**
 * The runtime parts an operation's features need (`OperationSpec.parts`), as references to the
 * runtime's exports, and the names to import: exactly what this operation uses, so a program that
 * calls it bundles nothing else. Absent features add nothing, so most literals carry few parts.
 */
export function operationParts(func: Func & { binding: HttpBinding }): { parts: Record<string, unknown> | null; imports: string[] } {
  const binding = func.binding;
  const parts: Record<string, unknown> = {};
  const imports: string[] = [];
  const use = (key: string, identifier: string) => {
    parts[key] = new CodeReference(identifier);
    imports.push(identifier);
  };
  if (func.parameters.some((p) => p.renamedFrom.length > 0)) use('rename', 'renameDeprecatedArguments');
  if (func.requiredGroups.length > 0) use('groups', 'requiredGroupIssues');
  if (binding.idempotencyKey) use('keyHeader', 'idempotencyHeader');
  if (binding.endpoint.kind === 'selected') use('endpoint', 'selectedEndpoints');
  if (func.parameters.some((p) => p.location === 'path')) use('path', 'encodePathValue');
  if (func.parameters.some((p) => p.transforms.length > 0)) use('transforms', 'applyTransforms');
  if (func.parameters.some((p) => p.location === 'query') || binding.bodyEncoding === 'form') use('pairs', 'toPairs');
  if (binding.bodyEncoding === 'form') use('form', 'formBody');
  const formats = [...usedFormats(Object.values(argsRule(func.parameters).properties))].sort();
  if (formats.length > 0) {
    parts['formats'] = Object.fromEntries(formats.map((name) => [name, new CodeReference(FORMAT_CONSTANTS[name])]));
    imports.push(...formats.map((name) => FORMAT_CONSTANTS[name]));
  }
  return { parts: Object.keys(parts).length > 0 ? parts : null, imports };
}

function usedFormats(rules: ValueRule[], into = new Set<StringFormat>()): Set<StringFormat> {
  for (const rule of rules) {
    if ('anyOf' in rule) usedFormats([...rule.anyOf], into);
    else if (rule.type === 'string' && rule.format) into.add(rule.format);
    else if (rule.type === 'array' && rule.items) usedFormats([rule.items], into);
    else if (rule.type === 'object') {
      usedFormats(Object.values(rule.properties ?? {}), into);
      if (rule.additionalProperties) usedFormats([rule.additionalProperties], into);
    }
  }
  return into;
}
