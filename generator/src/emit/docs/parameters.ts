/** A function's parameters, at every depth, as docs rows. */

import type { Func, NestedProperty, Parameter, SingleValueSchema, ValueSchema } from '../../model.js';
import { groupNames } from '../../shared/group-names.js';
import { memberLabel, shapesOf, typeLabel } from '../../shared/value-types.js';
import { htmlCode, htmlText } from '../escape/html.js';
import { requiredGroupsNote } from '../required-groups-note.js';
import { valueRules } from './constraints.js';
import { renderRows, wirePath, type FieldGroup, type FieldRow } from './field-rows.js';

function transformWords(p: Parameter): string[] {
  return p.transforms.map((t) =>
    t.kind === 'join' ? `joined with ${htmlCode(t.separator)}` : t.kind === 'map' ? 'mapped to the provider’s values' : t.kind === 'datetime_format' ? `formatted as ${htmlCode(t.format)}` : t.kind === 'json_encode' ? 'encoded as JSON text' : t.kind.replace(/_/g, ' '),
  );
}

/** The shapes of a value that have fields of their own: objects with properties, and arrays of them. */
function objectShape(shape: SingleValueSchema): { properties: NestedProperty[]; itemPath: boolean } | null {
  if (shape.type === 'object' && shape.properties?.length) return { properties: shape.properties, itemPath: false };
  if (shape.type === 'array' && shape.items) {
    const inner = shapesOf(shape.items).find((s) => s.type === 'object' && s.properties?.length);
    if (inner?.properties) return { properties: inner.properties, itemPath: true };
  }
  return null;
}

/** Nested rows of a value; `path` is the wire path its properties hang under (null where they are not sent, e.g. responses). */
export function nestedGroups(schema: ValueSchema, path: string[] | null): FieldGroup[] {
  const shapes = shapesOf(schema);
  const groups: FieldGroup[] = [];
  for (const shape of shapes) {
    const found = objectShape(shape);
    if (!found) continue;
    const base = path && found.itemPath ? [...path.slice(0, -1), `${path[path.length - 1] ?? ''}[]`] : path;
    groups.push({
      label: shapes.length > 1 ? `As ${memberLabel(schema, shape)}:` : null,
      // A member's own description says what the variant is for ("A range filter.").
      description: shapes.length > 1 ? shape.description : null,
      rows: found.properties.map((property) => propertyRow(property, base)),
    });
  }
  return groups;
}

function propertyRow(property: NestedProperty, parentPath: string[] | null): FieldRow {
  const path = parentPath ? [...parentPath, property.name] : null;
  return {
    name: property.name,
    type: typeLabel(property.schema),
    presence: property.required ? 'required' : 'optional',
    wire: path ? wirePath(path) : null,
    description: property.schema.description,
    constraints: valueRules(property.schema),
    deprecated: null,
    groups: nestedGroups(property.schema, path),
  };
}

/** `wholeBody`: the parameter is a file sent as the request's whole body (`request.body: binary`), under no key. */
export function parameterRow(p: Parameter, wholeBody = false): FieldRow {
  const path = p.spread ? p.bodyPath : [...p.bodyPath, p.wireName];
  const wire = wholeBody ? 'body: the whole body, with the file\'s media type' : p.spread ? `${p.location}: its fields spread into the body${p.bodyPath.length ? ` at ${wirePath(p.bodyPath)}` : ''}` : `${p.location}: ${wirePath(path)}`;
  const constraints = valueRules(p.schema);
  if (p.sentWhenOmitted) constraints.push(`${htmlCode(JSON.stringify(p.sentWhenOmitted.value))} is sent when not given`);
  if (p.appliesTo) constraints.push(`only with ${p.appliesTo.map(htmlCode).join(', ')}`);
  for (const old of p.renamedFrom) constraints.push(`renamed from ${htmlCode(old.name)}: the old name still works (deprecated) until version ${htmlText(old.removedIn)}`);
  return {
    name: p.name,
    type: typeLabel(p.schema),
    presence: p.required ? 'required' : 'optional',
    wire: [wire, ...transformWords(p)].join(', '),
    description: p.schema.description,
    constraints,
    deprecated: p.deprecated,
    groups: nestedGroups(p.schema, path),
  };
}

/** The Parameters section's body: the rows, then the required groups in words. */
export function parameterSection(func: Func): string {
  if (func.parameters.length === 0) return '*This function takes no parameters.*';
  const binary = func.binding.kind === 'http' && func.binding.bodyEncoding === 'binary';
  const rows = func.parameters.map((p) => {
    const row = parameterRow(p, binary && p.location === 'body');
    for (const group of func.requiredGroups.filter((g) => groupNames(g).includes(p.name))) {
      if (group.kind === 'requires') {
        row.constraints.push(group.given === p.name ? `needs ${group.required.map(htmlCode).join(' and ')} as well` : `needed with ${htmlCode(group.given)}`);
        continue;
      }
      const others = group.parameters.filter((name) => name !== p.name).map(htmlCode).join(', ');
      row.constraints.push(group.kind === 'exactly_one' ? `give exactly one of this and ${others}` : `give at least one of this and ${others}`);
    }
    return row;
  });
  return renderRows(rows) + requiredGroupsNote(func);
}
