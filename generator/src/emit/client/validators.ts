import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import type { JsonSchema } from '../../model.js';

const require = createRequire(import.meta.url);
const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;

/**
 * Formats become patterns before compiling, so the generated validators need
 * no format library at run time (clients ship no ajv).
 */
const FORMAT_PATTERNS: Record<string, string> = {
  'date-time': '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?$',
  date: '^\\d{4}-\\d{2}-\\d{2}$',
  uri: '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$',
  email: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  uuid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
};

function formatsToPatterns(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(formatsToPatterns);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'format' && typeof v === 'string' && FORMAT_PATTERNS[v]) {
      if (!('pattern' in schema)) out.pattern = FORMAT_PATTERNS[v];
      continue;
    }
    // `default` and `description` never affect validation; leaving them out keeps validators small.
    if (k === 'default' || k === 'description') continue;
    out[k] = formatsToPatterns(v);
  }
  return out;
}

/** Counts code points like ajv's runtime helper, inlined so validators import nothing. */
const UCS2_LENGTH = 'const ucs2length = (s) => { let n = 0; for (const _ of s) n++; return n; };';

/** ES module source of one precompiled validator, exported as `name`. */
export function compileValidator(name: string, schema: JsonSchema): string {
  // A fresh instance keeps generated names (validate10, pattern0) independent of other functions, so
  // touching one spec changes one validator. Without the meta-schema it costs little: the loader has
  // already compiled and checked this schema.
  const ajv = new Ajv({ allErrors: true, strict: false, meta: false, validateSchema: false, code: { source: true, esm: true, lines: true } });
  ajv.addSchema(formatsToPatterns(schema) as object, 'input');
  const code = standaloneCode(ajv, { [name]: 'input' });
  const inlined = code.replace(/const (\w+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/, (_m, fn: string) => `${UCS2_LENGTH}\nconst ${fn} = ucs2length;`);
  if (/require\(/.test(inlined)) throw new Error(`validator ${name} still requires a module at run time`);
  return inlined.replace(/^"use strict";/, '');
}
