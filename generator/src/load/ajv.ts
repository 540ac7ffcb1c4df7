import { createRequire } from 'node:module';
import { Ajv, type Options } from 'ajv';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS whose typings describe only a `default` export.
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;

/** An ajv instance that knows the formats spec schemas use (date-time, uri, email, uuid). */
export function createAjv(options: Options = {}): Ajv {
  return addFormats(new Ajv({ allErrors: true, strict: false, ...options }));
}
