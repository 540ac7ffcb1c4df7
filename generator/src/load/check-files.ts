import type { Parameter } from '../model.js';
import { takesFile } from '../shared/value-types.js';
import type { RawFunction, RawParameter, RawValueSchema } from './spec-types.js';

export interface FileProblem {
  path: Array<string | number>;
  message: string;
  target: 'key' | 'value';
}

/** What a file parameter may say besides its type: anything else would be a constraint nothing checks or sends. */
const FILE_PARAMETER_KEYS = new Set(['type', 'description', 'required', 'in', 'wire', 'deprecated', 'renamed_from']);
/** A file list's own keys: a count of files is checked like any list's. */
const FILE_LIST_KEYS = new Set([...FILE_PARAMETER_KEYS, 'items', 'min_items', 'max_items', 'array_format']);
const FILE_ITEM_KEYS = new Set(['type', 'description']);

/**
 * Where `type: file` may be, and what goes with it: a file is sent as a part of a multipart body,
 * so it is a body parameter of a `request.body: multipart` function, or the items of one's list
 * (several files under one key, as Mailgun's `attachment`); or it is the whole body of a
 * `request.body: binary` function (`binaryBodyProblems` checks it is the only one). It takes no
 * constraint a file cannot meet (an enum, a pattern, a default, a transform). Anywhere else it is
 * refused here, once, at the place it is written.
 */
export function fileProblems(name: string, p: RawParameter, location: string, bodyEncoding: string | null): FileProblem[] {
  const problems: FileProblem[] = [];
  const at = (path: Array<string | number>, message: string, target: 'key' | 'value' = 'value') => problems.push({ path: ['parameters', name, ...path], message, target });
  const isFile = p.type === 'file';
  const isFileList = p.type === 'array' && p.items?.type === 'file';
  if (isFile || isFileList) {
    if (location !== 'body') {
      const why = p.in === undefined ? `, but it goes in the ${location} (the request has no body)` : `, but it has in: ${location}`;
      at(p.in === undefined ? [] : ['in'], `parameter '${name}' takes ${isFile ? 'a file' : 'files'}, which only a multipart${isFile ? ' or binary' : ''} body can carry${why}: send it with a POST, PUT or PATCH whose request.body is multipart${isFile ? ' or binary' : ''}.`, p.in === undefined ? 'key' : 'value');
    }
    else if (isFileList && bodyEncoding === 'binary') at(['type'], `parameter '${name}' takes files, but a binary body is one file: set request.body: multipart to send several.`);
    else if (bodyEncoding !== null && bodyEncoding !== 'multipart' && !(isFile && bodyEncoding === 'binary')) {
      at(['type'], `parameter '${name}' takes ${isFile ? 'a file' : 'files'}, which only a multipart${isFile ? ' or binary' : ''} body can carry: set request.body: multipart${isFile ? ' (fields and files) or binary (the file alone)' : ''}; a ${bodyEncoding} body cannot.`);
    }
    const allowed = isFile ? FILE_PARAMETER_KEYS : FILE_LIST_KEYS;
    for (const key of Object.keys(p)) if (!allowed.has(key)) at([key], `'${key}' does not apply to ${isFile ? 'a file' : 'a list of files'}.`, 'key');
    if (isFileList) {
      for (const key of Object.keys(p.items!)) if (!FILE_ITEM_KEYS.has(key)) at(['items', key], `'${key}' does not apply to a file.`, 'key');
      if (p.array_format === 'comma') at(['array_format'], `a list of files cannot be joined with commas: each file is a part of its own. Use repeat (the default for files), brackets or indexed.`);
    }
    return problems;
  }
  // Deeper than a parameter or its list's items: no wire encoding carries a file there.
  for (const path of nestedFiles(p, [])) at(path, `a file can only be a body parameter or the items of one's list, not ${describe(path)}.`);
  return problems;
}

function nestedFiles(schema: RawValueSchema, path: Array<string | number>): Array<Array<string | number>> {
  const found: Array<Array<string | number>> = [];
  const visit = (inner: RawValueSchema, at: Array<string | number>) => {
    if (inner.type === 'file') found.push([...at, 'type']);
    else found.push(...nestedFiles(inner, at));
  };
  // A parameter's own list of files never comes here (`fileProblems` takes it first), so any file below is too deep.
  if (schema.items) visit(schema.items, [...path, 'items']);
  for (const [key, property] of Object.entries(schema.properties ?? {})) visit(property, [...path, 'properties', key]);
  if (typeof schema.additional_properties === 'object') visit(schema.additional_properties, [...path, 'additional_properties']);
  // one_of members that are files are refused by the union check, with its own message.
  schema.one_of?.forEach((member, i) => {
    if (member.type !== 'file') found.push(...nestedFiles(member, [...path, 'one_of', i]));
  });
  return found;
}

function describe(path: Array<string | number>): string {
  if (path.includes('properties') || path.includes('additional_properties')) return 'a property of an object';
  if (path.includes('one_of')) return 'inside a member of one_of';
  return 'the items of a list inside a list';
}

/**
 * A binary body (`request.body: binary`) is one file's bytes and nothing else: exactly one body
 * parameter, a required `type: file`; every other parameter goes in the query, a header or the
 * path, where providers put an upload's name (Zendesk's `filename`, GitHub's `name`). A list of
 * files there is refused by `fileProblems`, once.
 */
export function binaryBodyProblems(raw: RawFunction, parameters: Parameter[]): FileProblem[] {
  const problems: FileProblem[] = [];
  const inBody = parameters.filter((p) => p.location === 'body');
  const files = inBody.filter((p) => p.schema.kind === 'single' && p.schema.type === 'file');
  for (const p of inBody) {
    // A file, or a list of files (which fileProblems refuses here): the rest cannot be in this body.
    if (takesFile(p.schema)) continue;
    const rawParameter = raw.parameters[p.name];
    const where = rawParameter?.in === undefined ? ['parameters', p.name] : ['parameters', p.name, 'in'];
    problems.push({ path: where, message: `parameter '${p.name}' goes in the body, but a binary body (request.body: binary) is one file and nothing else: give it in: query, in: header or in: path.`, target: rawParameter?.in === undefined ? 'key' : 'value' });
  }
  if (files.length === 0 && inBody.length === 0) {
    problems.push({ path: ['request', 'body'], message: 'request.body: binary sends one file as the whole body: declare it as a parameter with type: file.', target: 'value' });
  }
  for (const extra of files.slice(1)) {
    problems.push({ path: ['parameters', extra.name, 'type'], message: `a binary body carries one file, and '${files[0]!.name}' is it; '${extra.name}' would be a second: set request.body: multipart to send several files.`, target: 'value' });
  }
  const [file] = files;
  if (file !== undefined && !file.required) {
    problems.push({ path: ['parameters', file.name], message: `the file '${file.name}' is the whole body of the request, so every call needs it: give required: true.`, target: 'key' });
  }
  return problems;
}
