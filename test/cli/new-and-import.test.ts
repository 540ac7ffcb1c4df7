/**
 * `switchboard new` and `switchboard import openapi` as a user runs them, driven by flags:
 * what they write validates (or, for an import, stops at review markers), and they say what next.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, switchboard } from '../support.js';

const PETSTORE = join(REPO, 'packages/importer/test/fixtures/petstore/petstore-expanded.yaml');
const RETELL = join(REPO, 'packages/importer/test/fixtures/retell/openapi.yaml');

function emptyProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-new-'));
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  mkdirSync(join(root, 'specs'));
  return root;
}

describe('switchboard new', () => {
  it('writes a provider and functions that validate at once, and says what to fill in', () => {
    const cwd = emptyProject();
    const provider = switchboard(['new', 'provider', 'acme', '--name', 'Acme', '--auth', 'api_key_header', '--base-url', 'https://api.acme.test/v1'], { cwd });
    expect(provider.stderr).toBe('');
    expect(provider.stdout.split('\n').slice(0, 2)).toEqual(['Wrote specs/acme/provider.yaml; it validates as it is.', 'Fill in next:']);
    for (const args of [['get_widget', '--path', '/widgets/{widget_id}'], ['create_widget', '--method', 'POST', '--path', '/widgets']]) {
      const run = switchboard(['new', 'function', 'acme', ...args], { cwd });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
    const validate = switchboard(['validate'], { cwd });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toBe('1 providers, 2 functions: all specs valid.\n');
  });

  it('refuses to overwrite, and to add a function to a provider that does not exist', () => {
    const cwd = emptyProject();
    switchboard(['new', 'provider', 'acme'], { cwd });
    const again = switchboard(['new', 'provider', 'acme'], { cwd });
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('error: specs/acme/provider.yaml exists already; edit it, or choose another id.\n');
    const orphan = switchboard(['new', 'function', 'nobody', 'x', '--path', '/x'], { cwd });
    expect(orphan.status).toBe(1);
    expect(orphan.stderr).toBe('error: no provider \'nobody\' in specs; start it with switchboard new provider nobody.\n');
  });

  it('is a usage error without a kind', () => {
    const run = switchboard(['new'], { cwd: emptyProject() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: missing required argument 'provider\|function'\.\n/);
  });
});

describe('switchboard import openapi', () => {
  it('writes the folder, prints the report, and validate then names only what needs review', () => {
    const cwd = emptyProject();
    const run = switchboard(['import', 'openapi', PETSTORE, '--provider', 'petstore'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Imported 4 function(s); 5 file(s) need review');
    expect(run.stdout).toContain("Wrote 5 file(s) to specs/petstore (and .openapi-import.json, the base of the next re-import). Next: resolve each 'review', then switchboard validate.");
    const validate = switchboard(['validate'], { cwd });
    expect(validate.status).toBe(1);
    const lines = validate.stderr.trim().split('\n').filter((l) => l.includes('.yaml:'));
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => / needs review \(left by an import\): /.test(l))).toBe(true);
  });

  it('once the review markers are resolved, the provider validates and generates', () => {
    const cwd = emptyProject();
    switchboard(['import', 'openapi', PETSTORE, '--provider', 'petstore', '--operations', 'find pet by id'], { cwd });
    const folder = join(cwd, 'specs/petstore');
    const provider = readFileSync(join(folder, 'provider.yaml'), 'utf8');
    writeFileSync(join(folder, 'provider.yaml'), provider.replace(/^review:\n(  - .*\n)+/m, ''));
    const example = [
      'examples:',
      '  - title: Pet 1',
      '    arguments: { id: 1 }',
      '    request: { method: GET, url: "https://petstore.swagger.io/v2/pets/1" }',
      '    response: { status: 200, body: { id: 1, name: Rex } }',
      '',
    ].join('\n');
    const func = readFileSync(join(folder, 'find_pet_by_id.yaml'), 'utf8');
    writeFileSync(join(folder, 'find_pet_by_id.yaml'), `${func.replace(/^review:\n(  - .*\n)+/m, '')}${example}`);
    expect(switchboard(['validate'], { cwd }).stdout).toBe('1 providers, 1 functions: all specs valid.\n');
    const generate = switchboard(['generate'], { cwd });
    expect(generate.status).toBe(0);
    const catalog = JSON.parse(readFileSync(join(cwd, 'packages/catalog/catalog.json'), 'utf8'));
    expect(catalog.providers[0].functions[0].names.mcp).toBe('petstore__find_pet_by_id');
  });

  it('imports only the operations asked for, and validates when the document is complete', () => {
    const cwd = emptyProject();
    const run = switchboard(['import', 'openapi', RETELL, '--provider', 'retell', '--operations', 'createPhoneCall,getCall'], { cwd });
    expect(run.status).toBe(0);
    expect(existsSync(join(cwd, 'specs/retell/create_phone_call.yaml'))).toBe(true);
    expect(existsSync(join(cwd, 'specs/retell/list_voices.yaml'))).toBe(false);
    expect(switchboard(['validate'], { cwd }).stdout).toBe('1 providers, 2 functions: all specs valid.\n');
  });

  it('importing again into the folder it wrote changes nothing when nothing changed', () => {
    const cwd = emptyProject();
    const args = ['import', 'openapi', RETELL, '--provider', 'retell', '--operations', 'getCall'];
    switchboard(args, { cwd });
    const first = readFileSync(join(cwd, 'specs/retell/get_call.yaml'), 'utf8');
    const again = switchboard(args, { cwd });
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(readFileSync(join(cwd, 'specs/retell/get_call.yaml'), 'utf8')).toBe(first);
  });

  it('--dry-run writes nothing', () => {
    const cwd = emptyProject();
    const run = switchboard(['import', 'openapi', RETELL, '--provider', 'retell', '--dry-run'], { cwd });
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Dry run: nothing written to specs/retell.');
    expect(existsSync(join(cwd, 'specs/retell'))).toBe(false);
  });

  it('says why a document cannot be imported, without a stack trace', () => {
    const cwd = emptyProject();
    writeFileSync(join(cwd, 'swagger.json'), JSON.stringify({ swagger: '2.0', paths: {} }));
    const run = switchboard(['import', 'openapi', 'swagger.json', '--provider', 'old'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: ${join(cwd, 'swagger.json')}: only OpenAPI 3.0 and 3.1 documents can be imported; found Swagger 2.0.\n`);
    const json = switchboard(['import', 'openapi', 'swagger.json', '--provider', 'acme', '--json'], { cwd });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ success: false, data: { output: '' }, error: { code: 'failed', message: `${join(cwd, 'swagger.json')}: only OpenAPI 3.0 and 3.1 documents can be imported; found Swagger 2.0.` }, meta: { command: 'import' } });
    const missing = switchboard(['import', 'openapi', RETELL], { cwd });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('error: --provider <id> names the folder under specs/ to write, e.g. --provider acme.\n');
    expect(readFileSync(join(cwd, 'swagger.json'), 'utf8')).toContain('swagger');
  });
});
