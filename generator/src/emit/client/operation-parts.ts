import type { RuleChecks, StringFormat, Transform, ValueRule } from '@switchboard/runtime';
import type { Func, HttpBinding } from '../../model.js';
import { CodeReference } from '../escape/ts.js';
import { argsRule } from '../../shared/arg-rules.js';

/** The runtime constant of each named format (`@switchboard/runtime` exports them by these names). */
const FORMAT_CONSTANTS = {
  e164: 'e164Format',
  'date-time': 'dateTimeFormat',
  date: 'dateFormat',
  uri: 'uriFormat',
  email: 'emailFormat',
  uuid: 'uuidFormat',
} satisfies Record<StringFormat, string>;

/** The runtime constant of each rule keyword with a check of its own, in the order literals list them. */
const CHECK_CONSTANTS = {
  number: 'numberCheck',
  object: 'objectCheck',
  anyOf: 'unionCheck',
  enum: 'enumCheck',
  pattern: 'patternCheck',
  file: 'fileCheck',
} satisfies Record<keyof RuleChecks, string>;
const CHECK_KEYWORDS = Object.keys(CHECK_CONSTANTS) as Array<keyof RuleChecks>;

/** The runtime constant of each transform kind. */
const TRANSFORM_CONSTANTS = {
  wrap_in_array: 'wrapInArrayTransform',
  join: 'joinTransform',
  seconds_to_milliseconds: 'secondsToMillisecondsTransform',
  strip_plus: 'stripPlusTransform',
  map: 'mapTransform',
  datetime_format: 'datetimeFormatTransform',
  json_encode: 'jsonEncodeTransform',
} satisfies Record<Transform['kind'], string>;

/** The runtime constant of each pagination strategy's code. */
const PAGING_CONSTANTS = {
  page: 'pageNumberPaging',
  offset: 'offsetPaging',
  cursor: 'cursorPaging',
  next_link: 'nextLinkPaging',
} satisfies Record<NonNullable<HttpBinding['pagination']>['strategy'], string>;

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
  const pathParams = func.parameters.filter((p) => p.location === 'path');
  // Relative paths need more code than segments, and few operations have one.
  if (pathParams.length > 0) use('path', pathParams.some((p) => p.pathStyle === 'relative_path') ? 'encodeRelativePathValue' : 'encodePathValue');
  const kinds = [...new Set(func.parameters.flatMap((p) => p.transforms.map((t) => t.kind)))].sort();
  if (kinds.length > 0) {
    parts['transforms'] = Object.fromEntries(kinds.map((kind) => [kind, new CodeReference(TRANSFORM_CONSTANTS[kind])]));
    imports.push(...kinds.map((kind) => TRANSFORM_CONSTANTS[kind]));
  }
  const inQuery = func.parameters.some((p) => p.location === 'query');
  if (inQuery || binding.bodyEncoding === 'form' || binding.bodyEncoding === 'multipart') use('pairs', 'toPairs');
  if (inQuery) use('query', 'queryPairs');
  if (func.parameters.some((p) => p.sentWhenOmitted)) use('omitted', 'withValuesSentWhenOmitted');
  if (binding.bodyEncoding === 'form') use('form', 'formBody');
  if (binding.bodyEncoding === 'multipart') use('multipart', 'multipartBody');
  if (binding.bodyEncoding === 'binary') use('binary', 'binaryBody');
  if (binding.bodyEncoding === 'json' && (func.parameters.some((p) => p.bodyPath.length > 0) || Object.keys(binding.constants.body).length > 0)) use('nesting', 'nestedBody');
  if (binding.pagination) use('paging', PAGING_CONSTANTS[binding.pagination.strategy]);
  if (func.returns.kind === 'file') use('download', 'downloadedFile');
  const used = usedByRules(Object.values(argsRule(func.parameters).properties));
  const formats = [...used.formats].sort();
  if (formats.length > 0) {
    parts['formats'] = Object.fromEntries(formats.map((name) => [name, new CodeReference(FORMAT_CONSTANTS[name])]));
    imports.push(...formats.map((name) => FORMAT_CONSTANTS[name]));
  }
  const checks = CHECK_KEYWORDS.filter((keyword) => used.checks.has(keyword));
  if (checks.length > 0) {
    parts['checks'] = Object.fromEntries(checks.map((keyword) => [keyword, new CodeReference(CHECK_CONSTANTS[keyword])]));
    imports.push(...checks.map((keyword) => CHECK_CONSTANTS[keyword]));
  }
  return { parts: Object.keys(parts).length > 0 ? parts : null, imports };
}

interface RuleUse {
  formats: Set<StringFormat>;
  checks: Set<keyof RuleChecks>;
}

/** The named formats and the keywords with checks of their own that `rules` use, nested rules included. */
function usedByRules(rules: ValueRule[], into: RuleUse = { formats: new Set(), checks: new Set() }): RuleUse {
  for (const rule of rules) {
    if ('anyOf' in rule) {
      into.checks.add('anyOf');
      usedByRules([...rule.anyOf], into);
      continue;
    }
    switch (rule.type) {
      case 'string':
        if (rule.format) into.formats.add(rule.format);
        if (rule.enum) into.checks.add('enum');
        if (rule.pattern !== undefined) into.checks.add('pattern');
        break;
      case 'integer':
      case 'number':
        into.checks.add('number');
        if (rule.enum) into.checks.add('enum');
        break;
      case 'array':
        if (rule.items) usedByRules([rule.items], into);
        break;
      case 'object':
        into.checks.add('object');
        usedByRules(Object.values(rule.properties ?? {}), into);
        if (rule.additionalProperties) usedByRules([rule.additionalProperties], into);
        break;
      case 'file':
        into.checks.add('file');
        break;
      case 'boolean':
        break;
    }
  }
  return into;
}
