import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogUnavailableError, diffCatalogSince, loadCatalogAtRef, type Bump } from '../src/index.js';
import { FIXTURES } from './support.js';

/** A text edit to one fixture file (`find` occurs exactly once), a new file copied `from` another with one edit, or a deletion. */
type TextEdit = { file: string; from?: string; find: string; replace: string } | { file: string; delete: true };

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function edit(specs: string, edits: TextEdit[]): void {
  for (const e of edits) {
    const path = join(specs, e.file);
    if ('delete' in e) {
      rmSync(path);
      continue;
    }
    const text = readFileSync(e.from ? join(specs, e.from) : path, 'utf8');
    if (text.split(e.find).length !== 2) throw new Error(`edit for ${e.file} must match exactly once: ${e.find}`);
    writeFileSync(path, text.replace(e.find, () => e.replace));
  }
}

/** A git repository whose HEAD holds the fixture catalog (with `base` edits) and whose working tree has `change` on top. */
function repoWith(base: TextEdit[], change: TextEdit[]): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-diff-test-'));
  roots.push(root);
  cpSync(FIXTURES, join(root, 'specs'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  edit(join(root, 'specs'), base);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base');
  edit(join(root, 'specs'), change);
  return root;
}

const PROVIDER = 'acme/provider.yaml';
const CREATE = 'acme/create_widget.yaml';
const LIST = 'acme/list_widgets.yaml';
const NAME_FIELD = { file: CREATE, find: '      id: { type: string }\n', replace: '      id: { type: string }\n      label: { type: string }\n' };

interface Case {
  name: string;
  base?: TextEdit[];
  change: TextEdit[];
  level: Bump;
  summary: string;
}

const cases: Case[] = [
  { name: 'a removed function is major', change: [{ file: LIST, delete: true }], level: 'major', summary: 'list_widgets: function removed' },
  {
    name: 'a function renamed without an alias is major (the old name is gone)',
    change: [{ file: 'acme/find_widgets.yaml', from: LIST, find: 'name: list_widgets', replace: 'name: find_widgets' }, { file: LIST, delete: true }],
    level: 'major',
    summary: 'list_widgets: function removed',
  },
  {
    name: 'a function renamed keeping its old name as a deprecated alias is minor',
    change: [
      { file: 'acme/find_widgets.yaml', from: LIST, find: 'name: list_widgets', replace: 'name: find_widgets\nrenamed_from: [{ name: list_widgets, removed_in: "2.0.0" }]' },
      { file: LIST, delete: true },
    ],
    level: 'minor',
    summary: "list_widgets renamed to find_widgets; 'list_widgets' kept as a deprecated alias until 2.0.0",
  },
  { name: 'an added function is minor', change: [{ file: 'acme/find_widgets.yaml', from: LIST, find: 'name: list_widgets', replace: 'name: find_widgets' }], level: 'minor', summary: 'find_widgets: function added' },
  { name: 'a removed parameter is major', change: [{ file: CREATE, find: '  tags:\n    type: array\n    items: { type: string }\n    description: Tags.\n', replace: '' }], level: 'major', summary: "create_widget: parameter 'tags' removed" },
  { name: 'a renamed parameter without an alias is major', change: [{ file: CREATE, find: '  tags:\n', replace: '  labels:\n' }], level: 'major', summary: "create_widget: parameter 'tags' removed" },
  {
    name: 'a renamed parameter keeping its old name as a deprecated alias is minor',
    change: [{ file: CREATE, find: '  tags:\n', replace: '  labels:\n    renamed_from: [{ name: tags, removed_in: "2.0.0" }]\n' }],
    level: 'minor',
    summary: "create_widget: parameter 'tags' renamed to 'labels'; 'tags' kept as a deprecated alias until 2.0.0",
  },
  {
    name: 'a new required parameter without a default is major',
    change: [
      { file: CREATE, find: '  tags:\n', replace: '  colour:\n    type: string\n    required: true\n    description: Colour.\n  tags:\n' },
      { file: CREATE, find: 'arguments: { shelf_id: s1, name: Sprocket }', replace: 'arguments: { shelf_id: s1, name: Sprocket, colour: red }' },
      { file: CREATE, find: 'body: { name: Sprocket }', replace: 'body: { name: Sprocket, colour: red }' },
    ],
    level: 'major',
    summary: "create_widget: new required parameter 'colour'",
  },
  { name: 'a new optional parameter is minor', change: [{ file: CREATE, find: '  tags:\n', replace: '  colour:\n    type: string\n    description: Colour.\n  tags:\n' }], level: 'minor', summary: "create_widget: parameter 'colour' added" },
  { name: 'a tighter bound narrows the type: major', change: [{ file: LIST, find: 'maximum: 100', replace: 'maximum: 50' }], level: 'major', summary: "list_widgets: parameter 'per_page': maximum 100 → 50" },
  { name: 'a looser bound is minor', change: [{ file: LIST, find: 'maximum: 100', replace: 'maximum: 500' }], level: 'minor', summary: "list_widgets: parameter 'per_page': maximum 100 → 500" },
  { name: 'a changed type is major', change: [{ file: LIST, find: '  page:\n    type: integer\n    minimum: 1\n', replace: '  page:\n    type: string\n' }], level: 'major', summary: "list_widgets: parameter 'page': no longer accepts integer" },
  { name: 'a removed enum value is major', change: [{ file: LIST, find: 'enum: [red, blue]', replace: 'enum: [red]' }], level: 'major', summary: `list_widgets: parameter 'color': value "blue" removed` },
  { name: 'an added enum value is minor', change: [{ file: LIST, find: 'enum: [red, blue]', replace: 'enum: [red, blue, green]' }], level: 'minor', summary: `list_widgets: parameter 'color': value "green" added` },
  {
    name: 'a parameter made nullable is major: the same null is now sent, where it was left out',
    change: [{ file: CREATE, find: '    description: Tags.\n', replace: '    nullable: true\n    description: Tags.\n' }],
    level: 'major',
    summary: "create_widget: parameter 'tags': now sends null as a value (it was left out)",
  },
  { name: 'a removed response field is major', base: [NAME_FIELD], change: [{ file: CREATE, find: '      label: { type: string }\n', replace: '' }], level: 'major', summary: "create_widget: response field 'label': response field removed" },
  { name: 'a retyped response field is major', base: [NAME_FIELD], change: [{ file: CREATE, find: '      label: { type: string }\n', replace: '      label: { type: integer }\n' }], level: 'major', summary: "create_widget: response field 'label': retyped from string to integer" },
  { name: 'an added response field is minor', change: [NAME_FIELD], level: 'minor', summary: "create_widget: response field 'label': response field added" },
  {
    name: 'a JSON answer that becomes a file is major',
    change: [
      { file: CREATE, find: '  schema:\n    type: object\n    required: [id]\n    properties:\n      id: { type: string }\n', replace: '  body: file\n' },
      { file: CREATE, find: 'body: { id: w_1 }', replace: 'body: { content_type: image/png, content_base64: iVBORw0KGgo= }' },
    ],
    level: 'major',
    summary: 'create_widget: returns a file instead of a JSON body',
  },
  {
    name: 'changed authentication is major',
    change: [
      { file: PROVIDER, find: '  bearer:\n    type: bearer\n    token: api_key\n', replace: '  bearer:\n    type: api_key\n    in: header\n    params: { X-Api-Key: api_key }\n' },
      { file: CREATE, find: 'authorization: Bearer acme_test_key', replace: 'x-api-key: acme_test_key' },
      { file: LIST, find: 'authorization: Bearer acme_test_key', replace: 'x-api-key: acme_test_key' },
    ],
    level: 'major',
    summary: "authentication of server 'default' changed (bearer → api_key)",
  },
  { name: 'read to write is major', change: [{ file: CREATE, find: 'operation: write', replace: 'operation: read' }], level: 'major', summary: 'create_widget: changed from write to read' },
  { name: 'a deprecation is minor', change: [{ file: LIST, find: 'operation: read\n', replace: 'operation: read\ndeprecated: { message: Use find_widgets. }\n' }], level: 'minor', summary: 'list_widgets: deprecated: Use find_widgets.' },
  { name: 'a description is patch', change: [{ file: LIST, find: 'description: List widgets.', replace: 'description: List every widget.' }], level: 'patch', summary: 'list_widgets: documentation changed' },
  { name: 'an example is patch', change: [{ file: LIST, find: 'title: Red widgets', replace: 'title: Only red widgets' }], level: 'patch', summary: 'list_widgets: examples changed' },
  {
    name: "a discriminated union's new object member is minor, named by its tag",
    base: [{ file: CREATE, find: '    description: Tags.\n', replace: '    description: Tags.\n  shape:\n    discriminator: kind\n    one_of:\n      - { type: object, properties: { kind: { type: string, required: true, enum: [circle] } } }\n      - { type: object, properties: { kind: { type: string, required: true, enum: [square] } } }\n    description: Shape.\n' }],
    change: [{ file: CREATE, find: '      - { type: object, properties: { kind: { type: string, required: true, enum: [square] } } }\n', replace: '      - { type: object, properties: { kind: { type: string, required: true, enum: [square] } } }\n      - { type: object, properties: { kind: { type: string, required: true, enum: [star] } } }\n' }],
    level: 'minor',
    summary: "create_widget: parameter 'shape': now also accepts an object with kind \"star\"",
  },
  { name: 'a parameter description is patch', change: [{ file: LIST, find: 'description: Page number.', replace: 'description: Which page, from 1.' }], level: 'patch', summary: "list_widgets: parameter 'page': description changed" },
];

describe('switchboard diff: each change class', () => {
  it.each(cases)('$name', ({ base = [], change, level, summary }) => {
    const root = repoWith(base, change);
    const diff = diffCatalogSince(root, 'HEAD');
    expect(diff.packages).toHaveLength(1);
    const [pkg] = diff.packages;
    expect(pkg!.packageName).toBe('@switchboard/acme');
    expect(pkg!.changes).toContainEqual(expect.objectContaining({ level, summary }));
    expect(pkg!.bump).toBe(level);
  });
});

describe('switchboard diff: refs and packages', () => {
  it('reports nothing when the working tree has the specs of the ref', () => {
    expect(diffCatalogSince(repoWith([], []), 'HEAD').packages).toEqual([]);
  });

  it('takes the specs from the ref without touching the working tree', () => {
    const root = repoWith([], [{ file: LIST, delete: true }]);
    expect(loadCatalogAtRef(root, 'HEAD').providers[0]!.functions.map((f) => f.name)).toContain('list_widgets');
    expect(git(root, 'status', '--porcelain')).toBe(' D specs/acme/list_widgets.yaml\n');
  });

  it('refuses a ref that names no commit, and one that would be read as an option', () => {
    const root = repoWith([], []);
    expect(() => diffCatalogSince(root, 'no-such-branch')).toThrow(new CatalogUnavailableError(`'no-such-branch' names no commit in ${root}; give a branch, tag or commit such as main or HEAD~1.`));
    expect(() => diffCatalogSince(root, '--output=x')).toThrow(CatalogUnavailableError);
  });

  it('says which side does not load when the working tree has a broken spec', () => {
    const root = repoWith([], [{ file: LIST, find: 'operation: read', replace: 'operation: sometimes' }]);
    expect(() => diffCatalogSince(root, 'HEAD')).toThrow(/^the specs in the working tree do not load \(1 problem\(s\)\); fix them before comparing:\n  acme\/list_widgets\.yaml:\d+:\d+: /);
  });

  it('counts a provider that is new since the ref as an added package', () => {
    const root = repoWith([], []);
    cpSync(join(root, 'specs', 'acme'), join(root, 'specs', 'zeta'), { recursive: true });
    edit(join(root, 'specs'), [{ file: 'zeta/provider.yaml', find: 'id: acme', replace: 'id: zeta\nclass_name: Zeta\nnamespace: zeta' }]);
    const diff = diffCatalogSince(root, 'HEAD');
    expect(diff.packages.map((p) => [p.packageName, p.status, p.bump])).toEqual([['@switchboard/zeta', 'added', 'minor']]);
  });
});
