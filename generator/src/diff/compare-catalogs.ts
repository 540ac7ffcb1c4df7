import type { Catalog, Field, Provider } from '../model.js';
import { compareFunction } from './compare-functions.js';
import { matchRenamed } from './match-renamed.js';
import { higher, type Bump, type CatalogDiff, type Change, type PackageDiff } from './types.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Every package whose surface differs between two catalogs, each change with its bump. */
export function compareCatalogs(base: string, before: Catalog, after: Catalog): CatalogDiff {
  const was = new Map(before.providers.map((p) => [p.id, p]));
  const is = new Map(after.providers.map((p) => [p.id, p]));
  const packages: PackageDiff[] = [];
  for (const id of [...new Set([...was.keys(), ...is.keys()])].sort()) {
    const old = was.get(id);
    const now = is.get(id);
    if (old && now) {
      const changes = compareProvider(old, now);
      if (changes.length > 0) packages.push(packageDiff(now, 'changed', changes));
    } else if (now) {
      packages.push(packageDiff(now, 'added', [{ level: 'minor', function: null, summary: `new package: ${now.name} with ${now.functions.map((f) => f.name).join(', ')}` }]));
    } else if (old) {
      packages.push(packageDiff(old, 'removed', [{ level: 'major', function: null, summary: `package removed: ${old.name} is no longer in the catalog` }]));
    }
  }
  return { base, packages };
}

function packageDiff(provider: Provider, status: PackageDiff['status'], changes: Change[]): PackageDiff {
  const bump = changes.reduce<Bump>((level, c) => higher(level, c.level), 'patch');
  return { provider: provider.id, packageName: provider.packageName, status, bump, changes };
}

function compareProvider(before: Provider, after: Provider): Change[] {
  const changes: Change[] = [];
  const add = (level: Bump, summary: string) => changes.push({ level, function: null, summary });
  if (before.className !== after.className) add('major', `client class renamed from ${before.className} to ${after.className}`);
  changes.push(...compareFields(before.fields, after.fields));
  const servers = new Map(after.servers.map((s) => [s.name, s]));
  for (const server of before.servers) {
    const now = servers.get(server.name);
    if (!now) add('major', `server '${server.name}' removed`);
    else if (!same(server.auth, now.auth)) add('major', `authentication of server '${server.name}' changed (${server.auth.kind} → ${now.auth.kind})`);
    else if (!same(server.url, now.url)) add('patch', `URL of server '${server.name}' changed`);
  }
  if (before.name !== after.name || before.description !== after.description || before.docsUrl !== after.docsUrl) add('patch', 'provider documentation changed');
  if (!same(before.errors, after.errors) || !same(before.rateLimit, after.rateLimit) || before.requestIdHeader !== after.requestIdHeader || !same(before.headers, after.headers)) {
    add('patch', 'error, rate-limit or header handling changed');
  }

  const { fates, added } = matchRenamed(before.functions, after.functions);
  for (const fate of fates) {
    if (fate.kind === 'kept') changes.push(...compareFunction(fate.before, fate.after));
    else if (fate.kind === 'renamed') {
      const { before: old, after: now } = fate;
      changes.push({ level: 'minor', function: now.name, summary: `${old.name} renamed to ${now.name}; '${old.name}' kept as a deprecated alias until ${fate.removedIn}` });
      changes.push(...compareFunction(old, now));
    } else changes.push({ level: 'major', function: fate.before.name, summary: `${fate.before.name}: function removed` });
  }
  for (const now of added) changes.push({ level: 'minor', function: now.name, summary: `${now.name}: function added` });
  return changes;
}

/** Account fields are constructor options and environment variables: removing one or requiring a new one breaks set-ups. */
function compareFields(before: Field[], after: Field[]): Change[] {
  const changes: Change[] = [];
  const add = (level: Bump, summary: string) => changes.push({ level, function: null, summary });
  const is = new Map(after.map((f) => [f.key, f]));
  const was = new Map(before.map((f) => [f.key, f]));
  for (const old of before) {
    const now = is.get(old.key);
    if (!now) add('major', `account field '${old.key}' removed`);
    else if (!old.required && now.required && now.default === null) add('major', `account field '${old.key}' is now required`);
    else if (!same(old.enum, now.enum) || old.pattern !== now.pattern || old.secret !== now.secret || old.env !== now.env) add('major', `account field '${old.key}' changed`);
  }
  for (const now of after) if (!was.has(now.key)) add(now.required && now.default === null ? 'major' : 'minor', `account field '${now.key}' added${now.required && now.default === null ? ' (required)' : ''}`);
  return changes;
}
