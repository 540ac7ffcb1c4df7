import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindings } from '@switchboard/bindings';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support.js';

/** Each client package's default export is its client class, as the providers' own SDKs have it (`import Telnyx from 'telnyx'`). */
describe('the default export of every client package', () => {
  it.each(bindings.map((b) => b.id))('%s: is the client class, also exported by name', async (id) => {
    const exports = (await import(pathToFileURL(join(REPO, 'packages/clients', id, 'dist/index.js')).href)) as Record<string, unknown>;
    const Client = exports['default'] as new (options: object) => { withOptions: unknown; core: unknown };
    expect(typeof Client).toBe('function');
    expect(Object.keys(exports).filter((name) => name !== 'default' && exports[name] === Client)).toHaveLength(1);
    const client = new Client({});
    expect(typeof client.withOptions).toBe('function');
    expect(client.core).toBeDefined();
  });
});
