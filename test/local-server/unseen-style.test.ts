import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@switchboard/generator';
import type { AnyOperation, ProviderSpec } from '@switchboard/runtime';
import type { ProviderExamples } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, type CatalogFile } from '../support.js';
import { clientClass, nextLinkWalks, tsExampleProblems, tsWalkProblems } from './checks.js';
import { LocalProviderServer, type ServedProvider } from './local-server.js';

/**
 * Providers written in styles none of `specs/` uses (test/fixtures/unseen-style: a JSON:API
 * service, a legacy form-encoded REST API), generated into a scratch project as if dropped into
 * `specs/`, then every documented example called through the generated TS client against a
 * loopback server, and every documented next link followed. The scratch project lives under
 * test/ so the generated sources resolve the workspace's runtime and testing packages.
 */

const FIXTURES = join(REPO, 'test/fixtures/unseen-style');
const SCRATCH = join(REPO, 'test/.unseen-style');
const fixtureIds = readdirSync(FIXTURES).sort();

let root = '';
let catalog: CatalogFile | null = null;
beforeAll(() => {
  mkdirSync(SCRATCH, { recursive: true });
  root = mkdtempSync(join(SCRATCH, 'project-'));
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  cpSync(FIXTURES, join(root, 'specs'), { recursive: true });
  // The generated packages' tsconfigs extend the project's base config.
  cpSync(join(REPO, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  const result = generate({ rootDir: root });
  if (result.kind !== 'written') throw new Error(`generate did not write: ${JSON.stringify(result).slice(0, 2000)}`);
  catalog = JSON.parse(readFileSync(join(root, 'packages/catalog/catalog.json'), 'utf8')) as CatalogFile;
}, 120_000);
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The generated client package and mocks of one fixture provider, imported from their TypeScript sources. */
async function generated(id: string): Promise<{ client: Record<string, unknown>; examples: ProviderExamples; served: ServedProvider }> {
  const entry = catalog!.providers.find((p) => p.id === id)!;
  const client = (await import(join(root, 'packages/clients', id, 'src/index.ts'))) as Record<string, unknown>;
  const mocks = (await import(join(root, 'packages/mocks/src', `${id}.ts`))) as Record<string, unknown>;
  const examples = Object.values(mocks).find((v): v is ProviderExamples => typeof v === 'object' && v !== null && 'examples' in v)!;
  const operations = Object.entries(client)
    .filter(([name]) => name.endsWith('Operation'))
    .map(([, op]) => op as AnyOperation);
  expect(operations.map((op) => op.id).sort()).toEqual(entry.functions.map((f) => f.names.qualified).sort());
  return { client, examples, served: { id, provider: client.provider as ProviderSpec, functions: operations.map((spec) => ({ qualified: spec.id, spec })) } };
}

describe('providers in unfamiliar styles, generated as if dropped into specs/', () => {
  it('the fixtures are there and generate', () => {
    expect(fixtureIds.length).toBeGreaterThanOrEqual(2);
    expect(catalog!.providers.map((p) => p.id).sort()).toEqual(fixtureIds);
  });

  describe.each(fixtureIds)('%s', (id) => {
    let local: LocalProviderServer;
    let Client: ReturnType<typeof clientClass>;
    let fieldOptions: Record<string, string> = {};
    const tsName = (qualified: string) => catalog!.providers.flatMap((p) => p.functions).find((f) => f.names.qualified === qualified)!.names.typescript;
    beforeAll(async () => {
      const { client, examples, served } = await generated(id);
      local = new LocalProviderServer(served, examples);
      await local.start();
      Client = clientClass(client, tsName(served.functions[0]!.qualified));
      // The fields' example values, which the documented requests were written with, by environment variable.
      const environment = JSON.parse(readFileSync(join(root, 'packages/contract-tests/test/environment.json'), 'utf8')) as Record<string, string>;
      fieldOptions = Object.fromEntries((client.provider as ProviderSpec).fields.map((f) => [f.option, environment[f.env]!]));
    }, 120_000);
    afterAll(() => local?.close());

    it('every documented example sends its documented request through the TS client and returns its documented body', async () => {
      expect(local.examples.length).toBeGreaterThan(0);
      expect(await tsExampleProblems(Client, local, fieldOptions, tsName)).toEqual([]);
    });

    it('every documented next link is followed to where the first page came from', async () => {
      expect(await tsWalkProblems(Client, local, fieldOptions, nextLinkWalks(local), tsName)).toEqual([]);
    });
  });
});
