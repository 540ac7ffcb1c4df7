import { createRequire } from 'node:module';
import { Ajv, type Options } from 'ajv';
import { re2Engine } from './patterns.js';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS whose typings describe only a `default` export.
const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv;

/**
 * An ajv instance that knows the formats spec schemas use (date-time, uri, email, uuid) and
 * matches every pattern in linear time, so no example can make loading hang.
 */
export function createAjv(options: Options = {}): Ajv {
  return addFormats(new Ajv({ allErrors: true, strict: false, code: { regExp: re2Engine }, ...options }));
}
