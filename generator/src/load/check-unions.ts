import type { RawValueSchema } from './spec-types.js';

export interface UnionProblem {
  path: Array<string | number>;
  message: string;
  target: 'key' | 'value';
}

type JsonFamily = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'file';

/** integer ⊂ number: a union of both would match 3 twice, so they count as one JSON type. */
const familyOf = (type: RawValueSchema['type']): JsonFamily => (type === 'integer' ? 'number' : type);

/**
 * The rules of `one_of`, anywhere in a value schema (a parameter, its items, its properties):
 * two or more members, no `type` beside it, no member that is a union itself or carries
 * `required`/`nullable`/`default` (those belong to the value, not to one of its shapes), and one JSON type
 * per member, so a value matches exactly one member and every consumer can tell which.
 */
export function unionProblems(schema: RawValueSchema, path: Array<string | number>): UnionProblem[] {
  const problems: UnionProblem[] = [];
  const add = (at: Array<string | number>, message: string, target: 'key' | 'value' = 'value') => problems.push({ path: at, message, target });
  if (schema.one_of) {
    const members = schema.one_of;
    if (schema.type !== undefined) add([...path, 'type'], `give either 'type' or 'one_of', not both: each member of one_of has its own type.`, 'key');
    if (members.length < 2) add([...path, 'one_of'], `'one_of' needs at least two members; for a single shape, write its keys in place of 'one_of'.`);
    const seen = new Map<JsonFamily, number>();
    members.forEach((member, i) => {
      const at = [...path, 'one_of', i];
      if (member.one_of) {
        add([...at, 'one_of'], `a member of one_of cannot itself be a one_of; list its members in the outer one_of.`, 'key');
        return;
      }
      for (const key of ['required', 'nullable', 'default'] as const) {
        if (member[key] !== undefined) add([...at, key], `'${key}' goes on the value that holds the one_of, not on one of its members.`, 'key');
      }
      // A file is never a JSON value, so no caller could tell it from an object member; the file placement check says where files go.
      if (member.type === 'file') {
        add([...at, 'type'], `a member of one_of cannot be a file: a file parameter takes a file and nothing else.`);
        return;
      }
      const family = familyOf(member.type);
      const earlier = seen.get(family);
      if (earlier !== undefined) {
        const overlap = member.type !== members[earlier]!.type ? ' (integer and number overlap)' : '';
        add([...at, 'type'], `members ${earlier} and ${i} of one_of are both ${family}s${overlap}; each member needs its own JSON type, so a value matches exactly one member.`);
      } else seen.set(family, i);
    });
    members.forEach((member, i) => problems.push(...nestedProblems(member, [...path, 'one_of', i])));
    return problems;
  }
  return nestedProblems(schema, path);
}

function nestedProblems(schema: RawValueSchema, path: Array<string | number>): UnionProblem[] {
  return [
    ...(schema.items ? unionProblems(schema.items, [...path, 'items']) : []),
    ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => unionProblems(property, [...path, 'properties', name])),
    ...(typeof schema.additional_properties === 'object' ? unionProblems(schema.additional_properties, [...path, 'additional_properties']) : []),
  ];
}

/** The JSON types a written schema accepts: its members' for a union. */
export function writtenTypes(schema: RawValueSchema): Array<RawValueSchema['type']> {
  return schema.one_of ? schema.one_of.map((member) => member.type) : [schema.type];
}
