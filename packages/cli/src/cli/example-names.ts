import { catalog, type CatalogFunction } from '@switchboard/catalog';
import { declaredType } from '../json-types.js';

/** Catalog names the help examples are written with, so every example names something that exists. */
export interface ExampleNames {
  provider: string;
  readFunction: string;
  /** `provider.fn` plus the flags the read needs, if any. */
  readCall: string;
  /** The same read as a Lua call, `app.integrations.ns.fn({})`. */
  readLua: string;
  writeFunction: string;
  /** `'{"param": "value"}'`-shaped payload of the write's required parameters, as text. */
  writePayload: string;
  /** Words of the write's title, as a person would search for it. */
  searchQuery: string;
}

const placeholder = (schema: unknown): unknown => {
  const { type } = declaredType(schema);
  return type === 'integer' || type === 'number' ? 1 : type === 'boolean' ? true : type === 'array' ? [] : type === 'object' ? {} : '…';
};

/** Required parameters of a function, each with a placeholder of its type. */
function requiredPlaceholders(fn: CatalogFunction): Record<string, unknown> {
  const schema = fn.input_schema as { required?: string[]; properties?: Record<string, unknown> };
  return Object.fromEntries((schema.required ?? []).map((name) => [name, placeholder(schema.properties?.[name])]));
}

let cached: ExampleNames | undefined;

/** Read from the light catalog module (not the bindings), so help stays fast. */
export function exampleNames(): ExampleNames {
  if (cached) return cached;
  const functions = catalog.providers.flatMap((p) => p.functions.filter((f) => f.available));
  const reads = functions.filter((f) => f.operation === 'read');
  const read = reads.find((f) => Object.keys(requiredPlaceholders(f)).length === 0) ?? reads[0] ?? functions[0]!;
  const write = functions.find((f) => f.operation === 'write') ?? read;
  const readFlags = Object.entries(requiredPlaceholders(read)).map(([name, value]) => ` --${name.replace(/_/g, '-')} ${typeof value === 'string' ? 'VALUE' : JSON.stringify(value)}`);
  cached = {
    provider: read.names.qualified.split('.')[0]!,
    readFunction: read.names.qualified,
    readCall: `${read.names.qualified}${readFlags.join('')}`,
    readLua: `${read.names.lua}({})`,
    writeFunction: write.names.qualified,
    writePayload: JSON.stringify(requiredPlaceholders(write)),
    searchQuery: write.title.toLowerCase().replace(/[^a-z0-9 ]/g, '').split(/\s+/).filter(Boolean).slice(0, 3).join(' '),
  };
  return cached;
}
