import { createRequire } from 'node:module';

type YamlLib = typeof import('yaml');

let loaded: YamlLib | undefined;

/**
 * The `yaml` library, loaded on first use. Only the positioned parse needs it, and a valid catalog
 * is read by the quick parser alone (parse.ts), so most runs, a one-file edit among them, never
 * pay for its import (about 15 ms of startup). Its CommonJS build is the one Node resolves anyway.
 */
export function yamlLib(): YamlLib {
  loaded ??= createRequire(import.meta.url)('yaml') as YamlLib;
  return loaded;
}
