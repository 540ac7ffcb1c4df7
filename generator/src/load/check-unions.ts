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
 * per member, so a value matches exactly one member and every consumer can tell which. Several
 * object members are told apart by a `discriminator` instead (`discriminatorProblems`).
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
      // Objects may share the JSON type when the discriminator tells them apart.
      if (earlier !== undefined && !(family === 'object' && schema.discriminator !== undefined)) {
        const overlap = member.type !== members[earlier]!.type ? ' (integer and number overlap)' : '';
        const or = family === 'object' ? ", or name the property that tells them apart with 'discriminator'" : '';
        add([...at, 'type'], `members ${earlier} and ${i} of one_of are both ${family}s${overlap}; each member needs its own JSON type, so a value matches exactly one member${or}.`);
      } else if (earlier === undefined) seen.set(family, i);
    });
    if (schema.discriminator !== undefined) problems.push(...discriminatorProblems(schema.discriminator, members, path));
    members.forEach((member, i) => problems.push(...nestedProblems(member, [...path, 'one_of', i])));
    return problems;
  }
  return nestedProblems(schema, path);
}

/**
 * A discriminator names a property every object member declares as a required string with a
 * one-value enum, each member's value its own: the runtime, the TypeScript union and the docs
 * all pick an object's member by it.
 */
function discriminatorProblems(key: string, members: RawValueSchema[], path: Array<string | number>): UnionProblem[] {
  const problems: UnionProblem[] = [];
  const objects = members.flatMap((member, i) => (member.type === 'object' && !member.one_of ? [{ member, i }] : []));
  if (objects.length < 2) {
    problems.push({ path: [...path, 'discriminator'], message: `'discriminator' tells several object members apart, and this one_of has ${objects.length === 0 ? 'none' : 'one'}: remove it.`, target: 'key' });
    return problems;
  }
  const tags = new Map<string, number>();
  for (const { member, i } of objects) {
    const at = [...path, 'one_of', i];
    const property = member.properties?.[key];
    if (property === undefined) {
      problems.push({ path: member.properties ? [...at, 'properties'] : at, message: `member ${i} is an object without the discriminator '${key}': declare it as { type: string, required: true, enum: [<this member's value>] }.`, target: 'key' });
      continue;
    }
    const where = [...at, 'properties', key];
    const tag = property.enum?.length === 1 && typeof property.enum[0] === 'string' ? property.enum[0] : undefined;
    if (property.type !== 'string' || tag === undefined) {
      problems.push({ path: property.enum ? [...where, 'enum'] : where, message: `the discriminator '${key}' of member ${i} needs type: string and an enum of exactly one value, the one that says an object is this member.`, target: property.enum ? 'value' : 'key' });
      continue;
    }
    if (property.required !== true) problems.push({ path: where, message: `the discriminator '${key}' of member ${i} must be required: true: an object without it could be any member.`, target: 'key' });
    const earlier = tags.get(tag);
    if (earlier !== undefined) problems.push({ path: [...where, 'enum'], message: `members ${earlier} and ${i} both have ${key} '${tag}'; each object member needs a value of its own.`, target: 'value' });
    else tags.set(tag, i);
  }
  return problems;
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
