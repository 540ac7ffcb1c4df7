import type { Func, Parameter } from '../model.js';
import { compareInputSchemas, type SchemaChange } from './compare-value-schemas.js';
import { compareResponseSchemas } from './compare-response-schemas.js';
import { matchRenamed } from './match-renamed.js';
import { returnsInWords } from '../shared/returns.js';
import type { Change } from './types.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every change between two versions of one function that its callers can notice. */
export function compareFunction(before: Func, after: Func): Change[] {
  const changes: Change[] = [];
  const add = (level: Change['level'], summary: string) => changes.push({ level, function: after.name, summary: `${after.name}: ${summary}` });

  if (before.operation !== after.operation) add('major', `changed from ${before.operation} to ${after.operation}`);
  if (before.binding.kind !== after.binding.kind) add('major', after.binding.kind === 'unavailable' ? 'no longer available' : 'now available');
  const authBefore = before.binding.kind === 'http' ? before.binding.server.auth : null;
  const authAfter = after.binding.kind === 'http' ? after.binding.server.auth : null;
  if (authBefore && authAfter && !same(authBefore, authAfter)) add('major', `authentication changed (${authBefore.kind} → ${authAfter.kind})`);
  if (!before.deprecated && after.deprecated) add('minor', `deprecated: ${after.deprecated.message}`);
  if (before.deprecated && !after.deprecated) add('minor', 'no longer deprecated');
  for (const old of before.renamedFrom) {
    if (!after.renamedFrom.some((r) => r.name === old.name)) add('major', `deprecated old name '${old.name}' removed`);
  }
  for (const alias of before.aliases) if (!after.aliases.includes(alias)) add('major', `alias '${alias}' removed`);
  for (const alias of after.aliases) if (!before.aliases.includes(alias)) add('minor', `alias '${alias}' added`);

  changes.push(...compareParameters(before, after).map((c) => ({ ...c, function: after.name, summary: `${after.name}: ${c.summary}` })));
  changes.push(...compareRequiredGroups(before, after).map((c) => ({ ...c, function: after.name, summary: `${after.name}: ${c.summary}` })));

  const [was, now] = [before.returns, after.returns];
  if (was.kind === 'data' && now.kind === 'data') {
    for (const c of compareResponseSchemas(was.schema, now.schema)) add(c.level, `response${c.at ? ` field '${c.at}'` : ''}: ${c.what}`);
  } else if (was.kind === 'nothing' && now.kind === 'data') add('minor', 'now returns a body');
  else if (was.kind === 'data' && now.kind === 'nothing') add('major', 'no longer returns a body');
  else if (was.kind !== now.kind) add('major', `returns ${returnsInWords(now)} instead of ${returnsInWords(was)}`);
  else if (was.kind === 'file' && now.kind === 'file' && was.contentType !== now.contentType) add('patch', `returns ${returnsInWords(now)} instead of ${returnsInWords(was)}`);
  const pagesBefore = before.binding.kind === 'http' ? before.binding.pagination : null;
  const pagesAfter = after.binding.kind === 'http' ? after.binding.pagination : null;
  if (pagesBefore && !pagesAfter) add('major', 'no longer paginated (the page and item walkers are gone)');
  else if (!pagesBefore && pagesAfter) add('minor', 'now paginated');
  else if (!same(pagesBefore, pagesAfter)) add('patch', 'pagination changed');

  // What the wire request looks like is the runtime's business; callers see the same API.
  if (!same(wireOf(before), wireOf(after))) add('patch', 'HTTP request mapping changed');
  if (before.title !== after.title || before.description !== after.description || !same(before.differences, after.differences)) add('patch', 'documentation changed');
  if (!same(before.examples, after.examples)) add('patch', 'examples changed');
  return changes;
}

function wireOf(func: Func) {
  // Server URLs and auth are compared once, per provider.
  const binding = func.binding.kind === 'http' ? { ...func.binding, pagination: null, server: func.binding.server.name } : func.binding;
  return { binding, parameters: func.parameters.map((p) => [p.location, p.wireName, p.transforms, p.spread, p.bodyPath, p.arrayFormat, p.pathStyle, p.appliesTo]), idempotent: func.idempotent, destructive: func.destructive };
}

type Unnamed = Omit<Change, 'function'>;

function compareParameters(before: Func, after: Func): Unnamed[] {
  const changes: Unnamed[] = [];
  const { fates, added } = matchRenamed(before.parameters, after.parameters);
  for (const fate of fates) {
    if (fate.kind === 'kept') changes.push(...compareParameter(fate.before, fate.after));
    else if (fate.kind === 'renamed') {
      const { before: old, after: now } = fate;
      changes.push({ level: 'minor', summary: `parameter '${old.name}' renamed to '${now.name}'; '${old.name}' kept as a deprecated alias until ${fate.removedIn}` });
      changes.push(...compareParameter(old, now));
    } else changes.push({ level: 'major', summary: `parameter '${fate.before.name}' removed` });
  }
  for (const p of added) {
    const breaking = p.required && p.schema.default === undefined;
    changes.push({ level: breaking ? 'major' : 'minor', summary: breaking ? `new required parameter '${p.name}'` : `parameter '${p.name}' added` });
  }
  return changes;
}

function compareParameter(before: Parameter, after: Parameter): Unnamed[] {
  const changes: Unnamed[] = [];
  const name = after.name;
  if (!before.required && after.required && after.schema.default === undefined) changes.push({ level: 'major', summary: `parameter '${name}' is now required` });
  if (before.required && !after.required) changes.push({ level: 'minor', summary: `parameter '${name}' is now optional` });
  if (!before.deprecated && after.deprecated) changes.push({ level: 'minor', summary: `parameter '${name}' deprecated: ${after.deprecated}` });
  for (const old of before.renamedFrom) {
    if (!after.renamedFrom.some((r) => r.name === old.name)) changes.push({ level: 'major', summary: `parameter '${name}': deprecated old name '${old.name}' removed` });
  }
  changes.push(...compareInputSchemas(before.schema, after.schema).map((c: SchemaChange) => ({ level: c.level, summary: `parameter '${c.at ? `${name}.${c.at}` : name}': ${c.what}` })));
  return changes;
}

function compareRequiredGroups(before: Func, after: Func): Unnamed[] {
  const key = (g: Func['requiredGroups'][number]) => (g.kind === 'requires' ? `${g.given} requires (${[...g.required].sort().join(', ')})` : `${g.kind}(${[...g.parameters].sort().join(', ')})`);
  const was = before.requiredGroups.map(key);
  const is = after.requiredGroups.map(key);
  return [
    ...is.filter((g) => !was.includes(g)).map((g) => ({ level: 'major' as const, summary: `new rule: ${g}` })),
    ...was.filter((g) => !is.includes(g)).map((g) => ({ level: 'minor' as const, summary: `rule removed: ${g}` })),
  ];
}
